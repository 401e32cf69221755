import { spawn } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, readClipboard, sleep, useCliSandbox, writeClipboard, type CliSandbox } from './test/cli-harness';

/** `keystash copy` on the real X clipboard (xsel under xvfb), with the clear set to 5 s. */
describe('keystash copy', () => {
  const value = 'xoxb-FAKE-17653672481-pdFZKVeTuE8sk7oO';
  const currentSandbox = useCliSandbox(async (s) => {
    await s.enrol();
    await s.ok(['settings', '--clipboard-clear', '5']);
    await s.ok(['add', 'Slack bot'], { input: value });
  });
  let sandbox: CliSandbox;

  beforeAll(() => {
    sandbox = currentSandbox();
  });

  it('waits for the configured seconds, then clears the real clipboard', async () => {
    const started = Date.now();
    const copying = sandbox.run(['copy', 'Slack bot']);
    await sleep(2_000);
    expect(await readClipboard()).toBe(value);
    const copied = await copying;
    const took = Date.now() - started;
    expect(copied.code).toBe(0);
    expect(copied.stderr).toBe('Copied Slack bot — clears in 5 s\nClipboard cleared.\n');
    expect(took).toBeGreaterThanOrEqual(5_000);
    expect(took).toBeLessThan(10_000);
    expect(await readClipboard()).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const copying = sandbox.run(['copy', 'Slack bot']);
    await sleep(1_500);
    await writeClipboard('something the user copied');
    expect((await copying).code).toBe(0);
    expect(await readClipboard()).toBe('something the user copied');
  });

  it('Ctrl-C during the wait clears at once and exits 130', async () => {
    const child = spawn(process.execPath, [CLI, 'copy', 'Slack bot'], { env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    while (!stderr.includes('Copied')) await sleep(50);
    expect(await readClipboard()).toBe(value);
    const interruptedAt = Date.now();
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(Date.now() - interruptedAt).toBeLessThan(3_000);
    expect(stderr).toContain('Stopped; clipboard cleared.');
    expect(await readClipboard()).toBe('');
  });

  it('--no-wait returns at once, and a background helper still clears on time', async () => {
    const started = Date.now();
    const copied = await sandbox.ok(['copy', 'Slack bot', '--no-wait']);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(copied.stderr).toBe('Copied Slack bot — clears in 5 s\n');
    expect(await readClipboard()).toBe(value);
    const deadline = started + 12_000;
    while ((await readClipboard()) !== '' && Date.now() < deadline) await sleep(250);
    expect(await readClipboard()).toBe('');
    expect(Date.now() - started).toBeGreaterThanOrEqual(5_000);
  }, 30_000);

  it('with clearing off, copy says so and returns', async () => {
    await sandbox.ok(['settings', '--clipboard-clear', '0']);
    const copied = await sandbox.ok(['copy', 'Slack bot']);
    expect(copied.stderr).toMatch(/^Copied Slack bot\. Clearing is off/);
    expect(await readClipboard()).toBe(value);
    await writeClipboard('');
  });

  it('copying is audited, and no value reached any output', async () => {
    const copies = JSON.parse((await sandbox.ok(['audit', '--event', 'copy', '--json'])).stdout).entries;
    expect(copies).toHaveLength(5);
    expect(sandbox.printedOutsideGet()).not.toContain(value);
  });
});
