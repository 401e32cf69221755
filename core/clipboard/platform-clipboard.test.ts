import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCoreInChild } from '../test-support/run-core-in-child';
import { ClipboardGuard } from './clipboard-guard';
import { createPlatformClipboard } from './platform-clipboard';

// Everything that touches the real X clipboard lives in this one file, so no two tests ever race
// for it. xsel is the tool; the display comes from xvfb-run.
const run = promisify(execFile);
const hasDisplay = Boolean(process.env.DISPLAY);

/** What a paste would give, read the way a user's tools read it. */
async function pasted(): Promise<string> {
  const { stdout } = await run('xsel', ['--clipboard', '--output']);
  return stdout;
}

describe('platform clipboard on X11 (xsel)', () => {
  const clipboard = createPlatformClipboard();

  beforeAll(() => {
    if (!hasDisplay) throw new Error('These tests use the real X clipboard: run them under xvfb-run -a (npm run test:unit).');
  });
  beforeEach(async () => {
    await clipboard.clear();
  });

  it('writes, reads and clears text exactly, multi-byte characters and newlines included', async () => {
    const value = '-----BEGIN KEY-----\nsk-é🔑 $(touch /tmp/x) --help\n';
    await clipboard.write(value);
    expect(await pasted()).toBe(value);
    expect(await clipboard.read()).toBe(value);
    await clipboard.clear();
    expect(await pasted()).toBe('');
    expect(await clipboard.read()).toBe('');
  });

  it('returns as soon as xsel hands the selection to its background process', async () => {
    const started = Date.now();
    await clipboard.write('sk-quick');
    // Without the hand-over it would wait until something else takes the clipboard: for ever here.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await pasted()).toBe('sk-quick');
  });

  it('lets a process that copied exit at once; the copy outlives it', async () => {
    const result = await runCoreInChild(
      `import { createPlatformClipboard } from './core/clipboard/platform-clipboard';
       await createPlatformClipboard().write('sk-from-child');`,
      { timeoutMs: 5000 },
    );
    expect(result).toMatchObject({ timedOut: false, code: 0, stderr: '' });
    expect(await pasted()).toBe('sk-from-child');
  });

  it('says what to install when there is no display or no tool', async () => {
    const noDisplay = createPlatformClipboard({ PATH: process.env.PATH }, 'linux');
    await expect(noDisplay.write('v')).rejects.toMatchObject({
      code: 'CLIPBOARD_UNAVAILABLE',
      message: expect.stringContaining('$DISPLAY is not set'),
    });
    const noTool = createPlatformClipboard({ DISPLAY: process.env.DISPLAY, PATH: '/nonexistent' }, 'linux');
    await expect(noTool.read()).rejects.toMatchObject({
      code: 'CLIPBOARD_UNAVAILABLE',
      message: expect.stringContaining('apt install xsel'),
    });
  });
});

describe('ClipboardGuard on the real clipboard', () => {
  const clipboard = createPlatformClipboard();

  beforeAll(() => {
    if (!hasDisplay) throw new Error('These tests use the real X clipboard: run them under xvfb-run -a (npm run test:unit).');
  });
  beforeEach(async () => {
    await clipboard.clear();
  });

  it('copies to the clipboard and clears it after the timeout', async () => {
    const onCleared = vi.fn();
    const guard = new ClipboardGuard(clipboard, { onCleared });
    const before = Date.now();
    const { clearsAt } = await guard.copy('sk-live-timeout', 1);
    expect(clearsAt).toBeGreaterThanOrEqual(before + 1000);
    expect(await pasted()).toBe('sk-live-timeout');
    await guard.waitForClear();
    expect(Date.now()).toBeGreaterThanOrEqual(before + 1000);
    expect(await pasted()).toBe('');
    expect(onCleared).toHaveBeenCalledWith('timeout');
  });

  it('does not clear what the user copied in the meantime', async () => {
    const onCleared = vi.fn();
    const guard = new ClipboardGuard(clipboard, { onCleared });
    await guard.copy('sk-live-replaced', 1);
    await createPlatformClipboard().write('the user copied this');
    await guard.waitForClear();
    expect(await pasted()).toBe('the user copied this');
    expect(onCleared).not.toHaveBeenCalled();
  });

  it('replaces the pending clear when a second value is copied', async () => {
    const guard = new ClipboardGuard(clipboard);
    await guard.copy('sk-first', 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await guard.copy('sk-second', 2);
    await new Promise((resolve) => setTimeout(resolve, 1000)); // past the first copy's deadline
    expect(await pasted()).toBe('sk-second');
    await guard.waitForClear();
    expect(await pasted()).toBe('');
  });

  it('clears on lock without a timer', async () => {
    const guard = new ClipboardGuard(clipboard);
    await guard.copy('sk-never-times-out', 0);
    expect(await guard.clearIfUnchanged('lock')).toBe(true);
    expect(await pasted()).toBe('');
  });

  it('keeps the CLI alive until the clear ran, and never holds the app open', async () => {
    const cli = await runCoreInChild(
      `import { ClipboardGuard } from './core/clipboard/clipboard-guard';
       import { createPlatformClipboard } from './core/clipboard/platform-clipboard';
       const guard = new ClipboardGuard(createPlatformClipboard(), { keepProcessAlive: true });
       await guard.copy('sk-cli-copy', 1);
       await guard.waitForClear();`,
      { timeoutMs: 10_000 },
    );
    expect(cli).toMatchObject({ timedOut: false, code: 0, stderr: '' });
    expect(cli.ms).toBeGreaterThanOrEqual(1000);
    expect(await pasted()).toBe('');

    const app = await runCoreInChild(
      `import { ClipboardGuard } from './core/clipboard/clipboard-guard';
       import { createPlatformClipboard } from './core/clipboard/platform-clipboard';
       await new ClipboardGuard(createPlatformClipboard()).copy('sk-app-copy', 60);`,
      { timeoutMs: 10_000 },
    );
    expect(app).toMatchObject({ timedOut: false, code: 0, stderr: '' });
    expect(app.ms).toBeLessThan(5000);
    expect(await pasted()).toBe('sk-app-copy'); // the app had no chance to clear; the lock/quit path does that
  });
});
