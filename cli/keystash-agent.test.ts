import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { agentSocketPath } from '../core/agent/agent-protocol';
import { startAgent, type Agent } from '../core/agent/agent-server';
import { openVault } from '../core/open-vault';
import type { Vault } from '../core/vault';
import { WATCH_SETTLE_MS } from '../core/index/index-watcher';
import { vaultFiles } from '../core/paths';
import { grepFolder, sleep, useCliSandbox, type Authenticator, type CliSandbox } from './test/cli-harness';

const fresh = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

/**
 * Failure injection: a session bus that does not exist. A CLI run with it cannot reach the
 * keychain itself, so whatever it reads must have come through the app's agent.
 */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keystash-test-bus' };

/**
 * The app's agent (core/agent) with the real vault and keychain: started here as the app and the
 * browser host start it, and asked by the built `keystash`.
 */
describe('keystash with the app running (its agent)', () => {
  const values = { stripe: fresh('stripe-value'), db: fresh('db-value') };
  let authenticator: Authenticator;
  const currentSandbox = useCliSandbox(async (s) => {
    ({ authenticator } = await s.enrol());
    await s.ok(['add', 'Stripe live', '--env-var', 'STRIPE_KEY', '--tag', 'payments'], { input: values.stripe });
    await s.ok(['add', 'DB password', '--env-var', 'DB_PASSWORD', '--tag', 'payments'], { input: values.db });
  });
  let sandbox: CliSandbox;
  let vault: Vault;
  let agent: Agent | null = null;
  const logged: string[] = [];

  const start = async () => {
    agent = await startAgent(vault, sandbox.env, (line) => logged.push(line));
    expect(agent).not.toBeNull();
  };

  beforeAll(() => {
    sandbox = currentSandbox();
    vault = openVault({ env: sandbox.env });
  });
  afterEach(async () => {
    await agent?.close();
    agent = null;
  });
  afterAll(async () => {
    await vault.shutdown();
  });

  it('answers get, run and list while the CLI cannot reach the keychain itself, and audits the reads at once', async () => {
    await start();
    const got = await sandbox.ok(['get', 'Stripe live'], { env: NO_KEYCHAIN });
    expect(got.stdout).toBe(values.stripe);
    const ran = await sandbox.ok(['run', '--tag', 'payments', '--', 'node', '-e', 'process.stdout.write(process.env.DB_PASSWORD.length + " " + process.env.STRIPE_KEY.length)'], { env: NO_KEYCHAIN });
    expect(ran.stdout).toBe(`${values.db.length} ${values.stripe.length}`);
    const listed = JSON.parse((await sandbox.ok(['list', '--json'], { env: NO_KEYCHAIN })).stdout) as { keys: { name: string }[] };
    expect(listed.keys.map((key) => key.name).sort()).toEqual(['DB password', 'Stripe live']);

    // The audit lines were written before the answers came back, as the CLI's own reads do.
    const events = (await readFile(join(sandbox.home, 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { event: string });
    expect(events.slice(-2).map((e) => e.event)).toEqual(['get', 'run']);

    // Without the agent, the same CLI cannot read anything: the answers above were the agent's.
    await agent!.close();
    agent = null;
    const alone = await sandbox.run(['get', 'Stripe live'], { env: NO_KEYCHAIN });
    expect(alone.code).not.toBe(0);
    expect(alone.stdout).toBe('');
  });

  it('the socket is for this user only, and nothing it carried reaches a log, an error, a file or the code cache', async () => {
    await start();
    const path = agentSocketPath(sandbox.home)!;
    expect(statSync(path).isSocket()).toBe(true);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    // The CLI's code cache is made after this get, which went through the agent: code, not the value.
    const cacheHome = await mkdtemp(join(tmpdir(), 'keystash-agent-cache-'));
    try {
      expect((await sandbox.ok(['get', 'DB password'], { env: { ...NO_KEYCHAIN, XDG_CACHE_HOME: cacheHome } })).stdout).toBe(values.db);
      const cache = join(cacheHome, 'keystash', 'code-cache');
      expect((await readdir(cache)).some((name) => name.endsWith('-get.agent.v8'))).toBe(true);
      await agent!.close();
      agent = null;
      expect(existsSync(path)).toBe(false);
      const everything = `${logged.join('\n')}\n${sandbox.printedOutsideGet()}`;
      for (const value of Object.values(values)) {
        expect(everything).not.toContain(value);
        expect(await grepFolder(sandbox.home, value)).toEqual([]);
        expect(await grepFolder(cacheHome, value)).toEqual([]);
      }
    } finally {
      await rm(cacheHome, { recursive: true, force: true });
    }
  });

  it("answers before its read's audit line is written, and the CLI exits only once it is (the log held a while by another writer)", async () => {
    await start();
    const files = vaultFiles(sandbox.home);
    // Another writer's lock, as the file system shows it (a lock folder with no owner record is
    // left to its age): the agent's audit line waits for it.
    await mkdir(files.auditLock);
    const started = Date.now();
    const held = sleep(1_000).then(() => rm(files.auditLock, { recursive: true }));
    const got = await sandbox.ok(['get', 'DB password'], { env: NO_KEYCHAIN });
    await held;
    expect(got.stdout).toBe(values.db);
    // The lock was let go no sooner than 1 s after `started` (a Node timer may fire up to 1 ms early).
    expect(Date.now() - started).toBeGreaterThanOrEqual(999);
    const events = (await readFile(files.audit, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { event: string; keyId?: string });
    expect(events.at(-1)?.event).toBe('get');
  });

  it('list --json to a pipe prints the very bytes the CLI alone prints, with filters; locked, it asks for a code as before', async () => {
    const lists = [['list', '--json'], ['list', '--json', '--tag', 'payments'], ['list', '--json', '--search', 'stripe']];
    const alone = await Promise.all(lists.map(async (args) => (await sandbox.ok(args)).stdout));
    await start();
    for (const [i, args] of lists.entries()) {
      expect((await sandbox.ok(args, { env: NO_KEYCHAIN })).stdout).toBe(alone[i]);
    }
    expect(JSON.parse(alone[2]!)).toMatchObject({ keys: [{ name: 'Stripe live' }] });
    await sandbox.ok(['lock']);
    const locked = await sandbox.run(['list', '--json']);
    expect({ code: locked.code, stdout: locked.stdout }).toEqual({ code: 3, stdout: '' });
    expect(locked.stderr).toBe('keystash: Keystash is locked. Run `keystash unlock` or pass --code / KEYSTASH_CODE.\n');
    // The agent answers LOCKED; the CLI unlocks with the code itself, and lists as before.
    const unlocked = await sandbox.ok(['list', '--json'], { env: { KEYSTASH_CODE: await authenticator.nextCode() } });
    expect(unlocked.stdout).toBe(alone[0]);
  });

  it('a locked vault is not unlocked by the agent: the CLI asks for a code, and unlocks with one itself', async () => {
    await start();
    await sandbox.ok(['lock']);
    const locked = await sandbox.run(['get', 'Stripe live']);
    expect(locked.code).toBe(3);
    expect(locked.stderr).toBe('keystash: Keystash is locked. Run `keystash unlock` or pass --code / KEYSTASH_CODE.\n');
    const unlocked = await sandbox.ok(['get', 'Stripe live'], { env: { KEYSTASH_CODE: await authenticator.nextCode() } });
    expect(unlocked.stdout).toBe(values.stripe);
    // The session the CLI opened is the app's too: the agent answers again.
    expect((await sandbox.ok(['get', 'Stripe live'], { env: NO_KEYCHAIN })).stdout).toBe(values.stripe);
  });

  it("the window hears of the last-used time a read through the agent set, as it would of the CLI's own write", async () => {
    await sandbox.ok(['add', 'Never used'], { input: fresh('never-used-value') });
    vault.watch(); // what the app does: its window reloads the list on vaultChanged
    let changes = 0;
    vault.on('vaultChanged', () => changes++);
    await start();
    await sandbox.ok(['get', 'Never used'], { env: NO_KEYCHAIN });
    expect(changes).toBe(1); // told before the answer went out
    // Used moments ago: the second read rewrites nothing, and tells nobody anything.
    await sandbox.ok(['get', 'Never used'], { env: NO_KEYCHAIN });
    await sleep(WATCH_SETTLE_MS * 3);
    expect(changes).toBe(1);
  });

  it('a missing key is the same clear error through the agent as without it', async () => {
    const alone = await sandbox.run(['get', 'No such key']);
    await start();
    const missing = await sandbox.run(['get', 'No such key'], { env: NO_KEYCHAIN });
    expect(missing.stderr).toMatch(/^keystash: There is no key .*No such key.*keystash list/);
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: alone.code, stderr: alone.stderr });
  });

  it('a command that stops before asking (a usage error) leaves the agent an empty connection: the CLI exits at once, and the agent logs nothing and answers the next', async () => {
    await start();
    const started = Date.now();
    const usage = await sandbox.run(['run', '--tag', 'payments'], { env: NO_KEYCHAIN }); // no program after --
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing required argument 'command'/);
    // The CLI connects to the agent while it loads, before it knows whether it will ask.
    expect(Date.now() - started).toBeLessThan(4_000);
    expect((await sandbox.ok(['get', 'Stripe live'], { env: NO_KEYCHAIN })).stdout).toBe(values.stripe);
    expect(logged).toEqual([]);
  });

  it('an agent that died left its socket behind: the CLI does the work itself, and the next app replaces the socket', async () => {
    const path = agentSocketPath(sandbox.home)!;
    await leaveDeadSocket(path);
    expect(statSync(path).isSocket()).toBe(true);
    expect((await sandbox.ok(['get', 'Stripe live'])).stdout).toBe(values.stripe);
    await start();
    expect((await sandbox.ok(['get', 'Stripe live'], { env: NO_KEYCHAIN })).stdout).toBe(values.stripe);
  });

  it('a second agent for the same vault stands aside while the first one answers', async () => {
    await start();
    expect(await startAgent(vault, sandbox.env, () => undefined)).toBeNull();
    expect((await sandbox.ok(['get', 'Stripe live'], { env: NO_KEYCHAIN })).stdout).toBe(values.stripe);
  });

  it('an agent that hangs is given up on, and the CLI answers by itself', async () => {
    const path = agentSocketPath(sandbox.home)!;
    const hung: Server = createServer(() => undefined); // accepts, reads nothing, never answers
    await new Promise<void>((resolve) => hung.listen(path, resolve));
    try {
      const started = Date.now();
      expect((await sandbox.ok(['get', 'Stripe live'])).stdout).toBe(values.stripe);
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      hung.close();
    }
  }, 20_000);
});

/** A socket file whose process was killed: nobody accepts on it any more. */
async function leaveDeadSocket(path: string): Promise<void> {
  const child = spawn(process.execPath, ['-e', `require('node:net').createServer().listen(${JSON.stringify(path)}, () => console.log('up'))`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}
