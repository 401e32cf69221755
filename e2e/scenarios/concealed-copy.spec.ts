import { expect, test } from '../fixtures';

test.use({ vaultState: 'enrolled' });

const KEY = 'Stripe live';
const VALUE = 'sk_live_e2e_concealed_0a1b2c3d4e5f';

/**
 * The "do not record this copy" marker each platform's clipboard managers look for, as
 * electron/concealed-clipboard-formats.ts writes it (the README's table says who honours which).
 */
const MARKERS: Partial<Record<NodeJS.Platform, { format: string; bytes: Buffer }[]>> = {
  linux: [{ format: 'x-kde-passwordManagerHint', bytes: Buffer.from('secret') }],
  darwin: [{ format: 'org.nspasteboard.ConcealedType', bytes: Buffer.from('concealed') }],
  win32: [
    { format: 'ExcludeClipboardContentFromMonitorProcessing', bytes: Buffer.from([1, 0, 0, 0]) },
    { format: 'CanIncludeInClipboardHistory', bytes: Buffer.from([0, 0, 0, 0]) },
    { format: 'CanUploadToCloudClipboard', bytes: Buffer.from([0, 0, 0, 0]) },
  ],
};

test('a copy carries the platform marker that keeps it out of clipboard history', async ({ app, driver, launched }) => {
  // Only Electron's main process writes these formats; the browser host copies with xsel (plain text).
  test.skip(driver !== 'electron', 'the concealed clipboard formats are written by the Electron app');
  const electronApp = launched.electronApp!;
  await app.createKeyViaApi({ name: KEY, secret: VALUE });
  await app.reload();
  await app.main.copyButton(KEY).click();
  await expect(app.main.toast).toContainText(`Copied ${KEY}`);

  // Electron 45's clipboard is async: raw platform formats are read as ClipboardItem types under
  // the custom MIME type `electron application/osclipboard;format="<name>"`, as they were written.
  const formats = (MARKERS[process.platform] ?? []).map((m) => m.format);
  const clipboard = await electronApp.evaluate(async ({ clipboard }, names) => {
    const [item] = await clipboard.read();
    const markers: (number[] | null)[] = [];
    for (const name of names) {
      const raw = `electron application/osclipboard;format="${name}"`;
      const blob = item && (await clipboard.has(raw)) ? await item.getType(raw) : null;
      markers.push(blob instanceof Blob ? [...new Uint8Array(await blob.arrayBuffer())] : null);
    }
    return { text: await clipboard.readText(), types: item?.types ?? [], markers };
  }, formats);
  await test.info().attach('clipboard-types.json', { body: JSON.stringify(clipboard.types), contentType: 'application/json' });

  expect(clipboard.text).toBe(VALUE);
  for (const [index, marker] of (MARKERS[process.platform] ?? []).entries()) {
    expect(clipboard.markers[index], `${marker.format} on the clipboard`).not.toBeNull();
    expect(Buffer.from(clipboard.markers[index] ?? []), marker.format).toEqual(marker.bytes);
  }
});
