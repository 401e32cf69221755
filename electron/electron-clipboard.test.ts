import type { ClipboardItem } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { isVaultError } from '../core/errors';
import { concealedCopyMarkers, osFormat } from './concealed-clipboard-formats';
import { createElectronClipboard, type ElectronClipboardDeps } from './electron-clipboard';

type Payload = string | Blob;

/** Records what would reach the system clipboard. */
class FakeClipboardItem {
  constructor(readonly items: Record<string, Payload>) {}
  get types() {
    return Object.keys(this.items);
  }
}

function fakeClipboard(options: { rejectWrite?: boolean; failAll?: boolean } = {}) {
  let text = '';
  const written: Record<string, Payload>[] = [];
  const fail = () => {
    throw new Error('X11 said no, while holding "sk_live_value"');
  };
  const clipboard: ElectronClipboardDeps['clipboard'] = {
    write: vi.fn(async (items: unknown[]) => {
      if (options.rejectWrite || options.failAll) fail();
      for (const item of items as FakeClipboardItem[]) {
        written.push(item.items);
        const plain = item.items['text/plain'];
        if (typeof plain === 'string') text = plain;
      }
    }),
    writeText: vi.fn(async (value: string) => {
      if (options.failAll) fail();
      text = value;
    }),
    readText: vi.fn(async () => {
      if (options.failAll) fail();
      return text;
    }),
    clear: vi.fn(() => {
      if (options.failAll) fail();
      text = '';
    }),
  };
  return { clipboard, written, current: () => text };
}

const deps = (clipboard: ElectronClipboardDeps['clipboard'], platform: NodeJS.Platform, onConcealFailed?: (e: unknown) => void) => ({
  clipboard,
  ClipboardItem: FakeClipboardItem as unknown as typeof ClipboardItem,
  platform,
  ...(onConcealFailed ? { onConcealFailed } : {}),
});

describe('createElectronClipboard', () => {
  it('writes the value once, as text plus the platform markers, and reads and clears it', async () => {
    const fake = fakeClipboard();
    const port = createElectronClipboard(deps(fake.clipboard, 'linux'));
    await port.write('sk_live_value');
    expect(fake.written).toEqual([{ 'text/plain': 'sk_live_value', [osFormat('x-kde-passwordManagerHint')]: 'secret' }]);
    await expect(port.read()).resolves.toBe('sk_live_value');
    await port.clear();
    await expect(port.read()).resolves.toBe('');
  });

  it('still copies, as plain text, when the platform refuses a marker', async () => {
    const fake = fakeClipboard({ rejectWrite: true });
    const onConcealFailed = vi.fn();
    const port = createElectronClipboard(deps(fake.clipboard, 'darwin', onConcealFailed));
    await port.write('sk_live_value');
    expect(fake.current()).toBe('sk_live_value');
    expect(onConcealFailed).toHaveBeenCalledTimes(1);
  });

  it('reports an unreachable clipboard as CLIPBOARD_UNAVAILABLE without quoting Electron', async () => {
    const port = createElectronClipboard(deps(fakeClipboard({ failAll: true }).clipboard, 'linux'));
    for (const attempt of [() => port.write('sk_live_value'), () => port.read(), () => port.clear()]) {
      const error: unknown = await attempt().then(
        () => null,
        (e: unknown) => e,
      );
      expect(isVaultError(error) && error.code).toBe('CLIPBOARD_UNAVAILABLE');
      expect(String((error as Error).message)).not.toContain('sk_live_value');
    }
  });
});

describe('concealedCopyMarkers', () => {
  it('marks Linux copies for KDE Klipper and friends', () => {
    expect(concealedCopyMarkers('linux')).toEqual({ 'electron application/osclipboard;format="x-kde-passwordManagerHint"': 'secret' });
  });

  it('marks macOS copies as concealed (nspasteboard.org) without a second copy of the value', () => {
    const markers = concealedCopyMarkers('darwin');
    expect(Object.keys(markers)).toEqual(['electron application/osclipboard;format="org.nspasteboard.ConcealedType"']);
  });

  it('keeps Windows copies out of clipboard history and cloud sync', async () => {
    const markers = concealedCopyMarkers('win32');
    const bytes = async (name: string) => {
      const payload = markers[osFormat(name)];
      if (!(payload instanceof Blob)) throw new Error(`${name} is not a DWORD`);
      return [...new Uint8Array(await payload.arrayBuffer())];
    };
    expect(await bytes('ExcludeClipboardContentFromMonitorProcessing')).toEqual([1, 0, 0, 0]);
    expect(await bytes('CanIncludeInClipboardHistory')).toEqual([0, 0, 0, 0]);
    expect(await bytes('CanUploadToCloudClipboard')).toEqual([0, 0, 0, 0]);
  });

  it('adds nothing where no convention exists', () => {
    expect(concealedCopyMarkers('aix')).toEqual({});
  });
});
