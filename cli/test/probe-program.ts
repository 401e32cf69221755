import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A program for `keystash run` to start in tests. It reports what it received without printing a
 * value (sha256 hashes, variable names), except in `split`, whose job is to print one for --mask.
 */
const PROBE = String.raw`
import { appendFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
const [mode, ...rest] = process.argv.slice(2);
const hash = (v) => (v === undefined ? null : createHash('sha256').update(v).digest('hex'));
switch (mode) {
  case 'hashes':
    console.log(JSON.stringify(Object.fromEntries(rest.map((n) => [n, hash(process.env[n])]))));
    break;
  case 'names':
    console.log(JSON.stringify(Object.keys(process.env).sort()));
    break;
  case 'argv':
    console.log(JSON.stringify(rest));
    break;
  case 'exit':
    process.exit(Number(rest[0]));
    break;
  case 'kill-self':
    process.kill(process.pid, rest[0]);
    setInterval(() => {}, 1000);
    break;
  case 'trap': {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
      process.on(signal, () => {
        appendFileSync(rest[0], signal + '\n');
        setTimeout(() => process.exit(7), 300); // long enough for a duplicate to be recorded too
      });
    }
    console.log('ready');
    setInterval(() => {}, 1000);
    break;
  }
  case 'split': {
    const value = process.env[rest[0]];
    const half = Math.floor(value.length / 2);
    process.stdout.write('before line\ntoken=' + value.slice(0, half));
    setTimeout(() => {
      process.stdout.write(value.slice(half) + ' end\n');
      process.stderr.write('on stderr: ' + value + '\n');
    }, 400);
    break;
  }
}
`;

export async function writeProbe(): Promise<{ folder: string; probe: string }> {
  const folder = await mkdtemp(join(tmpdir(), 'keystash-probe-'));
  const probe = join(folder, 'probe.mjs');
  await writeFile(probe, PROBE);
  return { folder, probe };
}

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
