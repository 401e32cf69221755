import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runClipboardTool } from './run-clipboard-tool';

// Failure injection: a stand-in tool (sh) that fails the way xsel does when the X server refuses a
// connection, to show the one retry; the real tools are exercised in platform-clipboard.test.ts.
describe('runClipboardTool retries a tool that ran and failed, once', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'keystash-tool-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  const flakyTool = (marker: string) => ({
    file: 'sh',
    args: ['-c', `if [ -e "${marker}" ]; then cat; else : > "${marker}"; echo "Can't open display: (null)" >&2; exit 1; fi`],
  });
  const options = { env: process.env, hint: 'Check the display.' };

  it('succeeds when the second run does, with the input given again', async () => {
    expect(await runClipboardTool(flakyTool(join(folder, 'once')), { ...options, input: 'sk-again' })).toBe('sk-again');
  });

  it('reports the failure when the second run fails too', async () => {
    const alwaysFails = { file: 'sh', args: ['-c', 'echo "Can\'t open display: (null)" >&2; exit 1'] };
    await expect(runClipboardTool(alwaysFails, options)).rejects.toMatchObject({
      code: 'CLIPBOARD_UNAVAILABLE',
      message: "The clipboard tool sh failed (Can't open display: (null)). Check the display.",
    });
  });

  it('says a missing tool is not installed', async () => {
    await expect(runClipboardTool({ file: 'keystash-no-such-tool', args: [] }, options)).rejects.toMatchObject({
      message: expect.stringContaining('(not installed)'),
    });
  });
});
