// The floor for a Node CLI: a `node -e` process that loads keytar and does one get, nothing else.
import { root } from './core-helpers.mjs';
import { runProcess } from './processes.mjs';

const RAW_GET = `require('keytar').getPassword(process.env.BENCH_SERVICE, process.env.BENCH_ACCOUNT)
  .then((v) => { if (v === null) process.exit(3); process.stdout.write(v); })`;

/** Resolves with the process's wall time; the value is checked, never printed. */
export async function rawKeytarGetProcess(service, account, expected) {
  const { ms, stdout } = await runProcess(process.execPath, ['-e', RAW_GET], {
    cwd: root,
    env: { ...process.env, BENCH_SERVICE: service, BENCH_ACCOUNT: account },
  });
  if (stdout !== expected) throw new Error('the raw keytar get printed another value than the one stored');
  return ms;
}

/** keytar in this process (for the in-process baselines). */
export async function keytar() {
  const imported = await import('keytar');
  return imported.default ?? imported;
}

// Values arrive on stdin, one a line, never in argv.
const RAW_SET_MANY = `const keytar = require('keytar');
let input = '';
process.stdin.setEncoding('utf8').on('data', (d) => (input += d)).on('end', async () => {
  const values = input.split('\\n').filter(Boolean);
  for (let i = 0; i < values.length; i++) await keytar.setPassword(process.env.BENCH_SERVICE, 'raw:' + i, values[i]);
});`;

/** A `node -e` process doing one raw keytar setPassword per value, in order. */
export async function rawKeytarSetProcess(service, values) {
  return (
    await runProcess(process.execPath, ['-e', RAW_SET_MANY], {
      cwd: root,
      env: { ...process.env, BENCH_SERVICE: service },
      input: `${values.join('\n')}\n`,
    })
  ).ms;
}

/** Deletes every entry of a throwaway service (untimed cleanup between runs). */
export async function clearService(service) {
  const k = await keytar();
  for (const { account } of await k.findCredentials(service)) await k.deletePassword(service, account);
}
