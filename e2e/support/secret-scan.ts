import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

/** The secret values a scenario used; every one is looked for after the scenario. */
export class SecretRegistry {
  private readonly values = new Set<string>();
  /** Values that may legitimately be on screen (the TOTP setup key, recovery codes), never on disk or in logs. */
  private readonly screenAllowed = new Set<string>();

  /** An API key value: it may appear nowhere but the Reveal field and the field it is typed in. */
  add(value: string): string {
    this.values.add(value);
    return value;
  }

  /** Enrolment secrets: shown on screen by design, but never written in plaintext or logged. */
  addShownOnScreen(value: string): string {
    this.screenAllowed.add(value);
    return value;
  }

  forDisk(): string[] {
    return [...this.values, ...this.screenAllowed];
  }

  forPage(): string[] {
    return [...this.values];
  }
}

export interface Leak {
  where: string;
  /** Which secret, by position and length only: the report must not print the secret either. */
  secret: string;
}

const describeSecret = (secrets: string[], value: string) =>
  `secret #${secrets.indexOf(value) + 1} (${value.length} characters)`;

/** Every file under the vault home, byte for byte, as UTF-8 and UTF-16. */
export async function scanFolder(folder: string, secrets: string[]): Promise<Leak[]> {
  const leaks: Leak[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path).catch(() => null);
    if (!bytes) continue;
    for (const secret of secrets) {
      if (bytes.includes(Buffer.from(secret, 'utf8')) || bytes.includes(Buffer.from(secret, 'utf16le'))) {
        leaks.push({ where: path, secret: describeSecret(secrets, secret) });
      }
    }
  }
  return leaks;
}

export function scanText(where: string, text: string, secrets: string[]): Leak[] {
  return secrets.filter((s) => text.includes(s)).map((s) => ({ where, secret: describeSecret(secrets, s) }));
}

/**
 * The page's HTML plus the live value of every input and textarea (a typed value is a property, not
 * markup), except the elements in `allowed`: the Reveal field while revealed, the field being typed.
 */
export async function scanPage(page: Page, secrets: string[], allowed: Locator[] = []): Promise<Leak[]> {
  if (page.isClosed() || secrets.length === 0) return [];
  const skip = (await Promise.all(allowed.map((l) => l.elementHandles()))).flat();
  const text = await page.evaluate((skipped: Node[]) => {
    const isSkipped = (element: Element) => skipped.some((s) => s === element || s.contains(element));
    // The live tree and its clone list elements in the same order, so index i is the same element.
    const clone = document.documentElement.cloneNode(true) as HTMLElement;
    const live = [...document.documentElement.querySelectorAll('*')];
    const copies = [...clone.querySelectorAll('*')];
    const values: string[] = [document.title];
    live.forEach((element, i) => {
      if (isSkipped(element)) copies[i]!.remove();
      else if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) values.push(element.value);
    });
    return [clone.outerHTML, ...values].join('\n');
  }, skip);
  return scanText('page HTML and input values', text, secrets);
}

export function formatLeaks(leaks: Leak[]): string {
  return leaks.map((l) => `  ${l.secret} found in ${l.where}`).join('\n');
}
