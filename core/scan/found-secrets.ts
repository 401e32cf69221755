import { createHmac, randomBytes } from 'node:crypto';
import { inspect } from 'node:util';

/**
 * The values a scan found, kept apart from its report. The report (paths, lines, rules, masked
 * values, fingerprints) is safe to print, serialise or send to a window; this is not, and it says
 * so if someone tries: JSON.stringify and console.log show a placeholder, never a value.
 *
 * A fingerprint is an HMAC-SHA-256 of the value under a key made for this scan, cut to 16 hex
 * characters (64 bits): equal values share one within a scan, so findings can be de-duplicated and
 * imported by fingerprint, but it cannot be tested against guesses (a plain hash of a short
 * password can), and it means nothing after the scan.
 */
export class FoundSecrets {
  private readonly byFingerprint = new Map<string, string>();
  private readonly key: Buffer;

  constructor(key: Buffer = randomBytes(32)) {
    this.key = key;
  }

  /** Records a value and returns its fingerprint. */
  add(value: string): string {
    const fingerprint = createHmac('sha256', this.key).update(value, 'utf8').digest('hex').slice(0, 16);
    this.byFingerprint.set(fingerprint, value);
    return fingerprint;
  }

  get(fingerprint: string): string | undefined {
    return this.byFingerprint.get(fingerprint);
  }

  get size(): number {
    return this.byFingerprint.size;
  }

  toJSON(): string {
    return '[secret values withheld]';
  }

  [inspect.custom](): string {
    return `FoundSecrets { ${this.size} values withheld }`;
  }
}
