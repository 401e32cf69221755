// The design's floor for a CLI read: a Node process that does only the work the design asks of
// every `keystash get` or `run` (ARCHITECTURE.md), with none of Keystash's code around it (no
// command parser, no validation, no vault object, no code cache). Without the app:
// - the session entry and the data key, read from the keychain at once, with the index file;
// - the index decrypted and parsed, the key (or the tag's keys) found in it;
// - the value (or the values, all at once) read from the keychain, the program started for `run`;
// - one audit line, its lock taken and the previous line read while the keychain answers, as
//   Keystash does, then the fsynced append.
// With the app (`app-get`, `app-run`): the same requests Keystash's CLI sends its agent
// (core/agent/agent-protocol.ts), read as they come, the program started, and the wait for the
// agent to end the connection once the read's audit line is written.
// Keystash's time over this is what its own code costs; this over the raw get is what the design
// costs over one bare keychain read. It skips what only happens now and then (renewing the
// session, lastUsedAt) and what keeps bad input from doing harm (the index's shape check).
import { bundle } from './core-helpers.mjs';
import { runProcess } from './processes.mjs';

// Each way loads only what it uses, as Keystash's CLI does (its agent path loads neither keytar nor
// node:crypto; `get` never loads node:child_process).
const FLOOR = `
import { AGENT_PROTOCOL_VERSION, agentSocketPath } from './core/agent/agent-protocol';

const service = process.env.KEYSTASH_KEYCHAIN_SERVICE;
const home = process.env.KEYSTASH_HOME;
const [mode, selector] = process.argv.slice(2);
const [program, ...args] = process.argv.slice(process.argv.indexOf('--') + 1);
const startProgram = (env) => {
  return new Promise((resolve, reject) => require('node:child_process').spawn(program, args, { env, stdio: 'inherit' }).on('exit', resolve).on('error', reject));
};

/** One request to the agent: its answer's value, and a promise of the connection's end. */
function ask(operation, args) {
  const socket = require('node:net').connect(agentSocketPath(home));
  socket.write(JSON.stringify({ v: AGENT_PROTOCOL_VERSION, service, operation, args }) + '\\n');
  const ended = new Promise((resolve) => socket.on('close', resolve));
  const chunks = [];
  const answer = new Promise((resolve, reject) => {
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (chunk.includes(10)) {
        const { result } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        result.ok ? resolve(result.value) : reject(new Error(result.error.code));
      }
    });
    socket.on('error', reject);
  });
  return { answer, ended };
}

async function throughAgent() {
  if (mode === 'app-get') {
    const { answer, ended } = ask('readSecret', { key: { name: selector } });
    process.stdout.write((await answer).value);
    await ended;
    return;
  }
  const listed = ask('listKeys', { tags: [selector], sort: 'created' });
  const { keys } = await listed.answer;
  const read = ask('readSecrets', { keys: keys.map((k) => ({ id: k.id })), purpose: 'run', command: program });
  const { secrets } = await read.answer;
  const env = { ...process.env };
  for (const k of keys) env[k.envVar ?? k.name] = secrets.find((s) => s.id === k.id).value;
  process.exitCode = await startProgram(env);
  await Promise.all([listed.ended, read.ended]);
}

async function withoutApp() {
  const keytar = require('keytar');
  const [{ readFile }, { AuditLog }, { DATA_KEY_ACCOUNT }, { openIndex }, { vaultFiles }] = await Promise.all([
    import('node:fs/promises'),
    import('./core/audit/audit-log'),
    import('./core/index/data-key-account'),
    import('./core/index/index-crypto'),
    import('./core/paths'),
  ]);
  const reserved = new AuditLog(home, Date.now).reserve();
  const [session, dataKey, sealed] = await Promise.all([
    keytar.getPassword(service, 'session'),
    keytar.getPassword(service, DATA_KEY_ACCOUNT),
    readFile(vaultFiles(home).index, 'utf8'),
  ]);
  if (!session || JSON.parse(session).expiresAt <= Date.now()) throw new Error('locked');
  const { keys } = JSON.parse(openIndex(JSON.parse(sealed), Buffer.from(dataKey, 'base64')));
  const chosen = mode === 'get' ? keys.filter((k) => k.name === selector) : keys.filter((k) => k.tags.includes(selector));
  if (chosen.length === 0) throw new Error('no such key');
  const values = await Promise.all(chosen.map((k) => keytar.getPassword(service, 'key:' + k.id)));
  if (mode === 'get') {
    process.stdout.write(values[0]);
    await (await reserved).append({ event: 'get', keyId: chosen[0].id });
    return;
  }
  const env = { ...process.env };
  chosen.forEach((k, i) => (env[k.envVar ?? k.name] = values[i]));
  const code = await startProgram(env);
  await (await reserved).append({ event: 'run', detail: { keys: chosen.length, command: program } });
  process.exitCode = code;
}

(mode.startsWith('app-') ? throughAgent() : withoutApp()).catch((error) => {
  process.stderr.write(String(error.message) + '\\n');
  process.exitCode = 1;
});
`;

let bundled = null;

/**
 * Times one floor process: `get NAME` (checks the value it prints) or `run TAG -- PROGRAM...`, or
 * the same through the app's agent (`app-get`, `app-run`), which must be up.
 * Bundled as CommonJS, as Keystash's CLI is: an ES module entry costs Node 20 about 15 ms more.
 */
export async function designFloorProcess(vault, args, expected) {
  bundled ??= bundle('design-floor', FLOOR, { format: 'cjs' });
  const { ms, stdout } = await runProcess(process.execPath, [await bundled, ...args], { env: vault.env });
  if (expected !== undefined && stdout !== expected) throw new Error('the design floor printed another value than the one stored');
  return ms;
}
