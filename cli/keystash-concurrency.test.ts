import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { IndexStore } from '../core/index/index-store';
import { createKeytarKeychain } from '../core/keychain/keytar-keychain';
import { secretAccount } from '../core/keys/key-service';
import { ROOT, useCliSandbox, type CliSandbox } from './test/cli-harness';

/**
 * Three writers on one vault at the same time, on the real keychain: two streams of `keystash add`
 * (one process per key, as a script would run them) and the browser host (the app's core behind
 * HTTP), 100 keys each. Every index write takes the cross-process lock and re-reads the index
 * under it, so none of the 300 may be lost.
 */

const PER_WRITER = Number(process.env.CONCURRENCY_KEYS ?? 100);
const HOST_ENTRY = join(ROOT, 'out', 'host', 'host.js');
const valueOf = (name: string) => `concurrent-value:${name}`;

describe('three writers at once', () => {
  const currentSandbox = useCliSandbox(async (s) => {
    await s.enrol();
  });
  let host: BrowserHost | undefined;
  afterAll(async () => {
    await host?.stop();
  });

  it(`ends with ${3 * PER_WRITER} keys, every value readable, when two CLIs and the host add ${PER_WRITER} each`, async () => {
    const sandbox = currentSandbox();
    host = await startHost(sandbox);
    const started = Date.now();
    const names = (writer: string) => Array.from({ length: PER_WRITER }, (_, i) => `${writer} ${String(i).padStart(3, '0')}`);

    const cliWriter = async (writer: string) => {
      for (const name of names(writer)) await sandbox.ok(['add', name], { input: valueOf(name) });
    };
    const hostWriter = async () => {
      for (const name of names('host')) {
        const result = await host!.call('createKey', { name, secret: valueOf(name) });
        if (!result.ok) throw new Error(`host createKey ${name}: ${JSON.stringify(result)}`);
      }
    };
    await Promise.all([cliWriter('cli-a'), cliWriter('cli-b'), hostWriter()]);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);

    const keychain = createKeytarKeychain(sandbox.service);
    const { keys } = await new IndexStore(sandbox.home, keychain).read();
    const expected = ['cli-a', 'cli-b', 'host'].flatMap(names);
    const byName = new Map(keys.map((k) => [k.name, k.id]));
    const found = expected.filter((name) => byName.has(name));
    let readable = 0;
    for (const name of found) if ((await keychain.get(secretAccount(byName.get(name)!))) === valueOf(name)) readable++;
    console.log(
      `concurrency: keys expected ${expected.length}, found ${found.length} (${keys.length} in the index), values readable ${readable}; ${seconds} s for the writes`,
    );
    expect(found).toEqual(expected);
    expect(keys).toHaveLength(expected.length);
    expect(readable).toBe(expected.length);
    // The host's list, through the same dispatcher the window uses, agrees.
    const listed = await host.call('listKeys', {});
    expect(listed).toMatchObject({ ok: true, value: { total: expected.length } });
  }, 240_000);
});

interface BrowserHost {
  call(operation: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  stop(): Promise<void>;
}

/** `node out/host/host.js` (built with the CLI), called as its page calls it: token, Origin and Host. */
async function startHost(sandbox: CliSandbox): Promise<BrowserHost> {
  const child = spawn(process.execPath, [HOST_ENTRY], { cwd: ROOT, env: sandbox.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const url = await new Promise<URL>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const line = /^KEYSTASH_HOST_URL=(\S+)$/m.exec(stdout);
      if (line) resolve(new URL(line[1]!));
    });
    child.once('exit', () => reject(new Error(`the browser host exited: ${output}`)));
  });
  const token = new URLSearchParams(url.hash.slice(1)).get('token')!;
  return {
    async call(operation, args) {
      const response = await fetch(`${url.origin}/api/${operation}`, {
        method: 'POST',
        headers: { Origin: url.origin, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(args),
      });
      return (await response.json()) as Awaited<ReturnType<BrowserHost['call']>>;
    },
    stop: () => stop(child),
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
