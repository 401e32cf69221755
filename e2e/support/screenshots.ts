import { join } from 'node:path';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { screenshotDir } from './paths';

export const COLOR_SCHEMES = ['light', 'dark'] as const;

/**
 * One screen in both themes, as e2e/artifacts/screenshots/<scenario>-<screen>-<scheme>.png (the
 * electron driver's under electron/). Animations are stopped so pictures are stable; `mask` covers
 * anything secret that is legitimately on screen (a revealed value).
 */
export async function screenshotBothSchemes(
  page: Page,
  testInfo: TestInfo,
  driver: string,
  scenario: string,
  screen: string,
  mask: Locator[] = [],
): Promise<string[]> {
  const folder = driver === 'browser' ? screenshotDir : join(screenshotDir, driver);
  const files: string[] = [];
  for (const scheme of COLOR_SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    const path = join(folder, `${scenario}-${screen}-${scheme}.png`);
    await page.screenshot({ path, animations: 'disabled', caret: 'hide', mask, fullPage: false });
    await testInfo.attach(`${screen}-${scheme}`, { path, contentType: 'image/png' });
    files.push(path);
  }
  await page.emulateMedia({ colorScheme: null });
  return files;
}
