import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../api/dispatcher';
import { openVault } from '../open-vault';
import type { Vault } from '../vault';
import { agentSocketPath } from './agent-protocol';
import { startAgent, type Agent } from './agent-server';

const SERVICE = `keystash-test-agent-${process.pid}`;

/** Sends raw bytes as a client would and returns the one line the agent answers. */
function exchange(path: string, bytes: string | Buffer): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let answer = '';
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk) => (answer += chunk.toString('utf8')));
    socket.on('end', () => {
      socket.destroy();
      resolve(answer === '' ? null : JSON.parse(answer));
    });
    socket.on('error', reject);
  });
}

/** The agent's guards, against the real vault and keychain (an empty, locked vault: no read gets that far). */
describe('the agent refuses what is not a request of ours, and stays up', () => {
  let home: string;
  let env: NodeJS.ProcessEnv;
  let vault: Vault;
  let agent: Agent | null;
  let path: string;
  const logged: string[] = [];
  const request = (fields: Record<string, unknown>) =>
    `${JSON.stringify({ v: 1, service: SERVICE, operation: 'readSecret', args: { key: { name: 'X' } }, ...fields })}\n`;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'keystash-agent-'));
    env = { ...process.env, KEYSTASH_HOME: home, KEYSTASH_KEYCHAIN_SERVICE: SERVICE };
    vault = openVault({ env });
    agent = await startAgent(vault, env, (line) => logged.push(line));
    path = agentSocketPath(home)!;
  });
  afterAll(async () => {
    await agent?.close();
    await vault.shutdown();
    await rm(home, { recursive: true, force: true });
  });

  it.each([
    ['not JSON', 'get me the key\n', 'The request is not JSON.'],
    ['JSON but no object', '42\n', 'The request is not an object.'],
    ['another protocol version', request({ v: 2 }), 'This agent speaks version 1.'],
    ['another keychain service', request({ service: 'keystash' }), 'This agent serves another keychain service.'],
    ['an operation that writes', request({ operation: 'deleteKey', args: { key: { name: 'X' } } }), 'The agent does not run that operation.'],
    ['an operation that unlocks', request({ operation: 'unlock', args: { code: '123456' } }), 'The agent does not run that operation.'],
    ['no operation', request({ operation: undefined }), 'The agent does not run that operation.'],
  ])('%s', async (_what, bytes, why) => {
    expect(await exchange(path, bytes)).toEqual({ v: 1, refused: why });
  });

  it('a request over 1 MiB is refused without being read to its end', async () => {
    expect(await exchange(path, Buffer.alloc(1024 * 1024 + 10, 'a'))).toEqual({ v: 1, refused: 'The request is too large.' });
  });

  it("arguments that break the operation's schema get the dispatcher's own answer, as the CLI would", async () => {
    const args = { key: { name: 7 } };
    const own = await createDispatcher(vault, 'cli')('readSecret', args);
    expect(own).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
    expect(await exchange(path, request({ args }))).toEqual({ v: 1, result: own });
  });

  it('a well-formed read of a vault that is not set up is answered, not refused', async () => {
    const answer = (await exchange(path, request({}))) as { result: { ok: boolean; error: { code: string } } };
    expect(answer.result.ok).toBe(false);
    expect(['NOT_ENROLLED', 'LOCKED']).toContain(answer.result.error.code);
    expect(logged).toEqual([]);
  });

  it('a file in the way of the socket is not deleted: starting says what to do', async () => {
    const other = await mkdtemp(join(tmpdir(), 'keystash-agent-'));
    try {
      await writeFile(join(other, 'agent.sock'), 'mine', { mode: 0o600 });
      const otherEnv = { ...env, KEYSTASH_HOME: other };
      await expect(startAgent(vault, otherEnv, () => undefined)).rejects.toThrow(/agent\.sock is in the way of Keystash's agent socket; move it elsewhere/);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('closing (the app quitting) does not wait for a client that is still connected, and removes the socket', async () => {
    const other = await mkdtemp(join(tmpdir(), 'keystash-agent-'));
    const client = new Socket();
    try {
      const otherAgent = (await startAgent(vault, { ...env, KEYSTASH_HOME: other }, () => undefined))!;
      const otherPath = agentSocketPath(other)!;
      await new Promise<void>((resolve) => client.connect(otherPath, resolve));
      const started = Date.now();
      await otherAgent.close();
      expect(Date.now() - started).toBeLessThan(2_000); // a silent client is otherwise dropped after 5 s
      expect(existsSync(otherPath)).toBe(false);
    } finally {
      client.destroy();
      await rm(other, { recursive: true, force: true });
    }
  });

  it('no socket where the path would be too long for one, and none on Windows', () => {
    expect(agentSocketPath(join('/tmp', 'x'.repeat(120)))).toBeNull();
    expect(agentSocketPath('C:\\Users\\me\\AppData\\Roaming\\Keystash', 'win32')).toBeNull();
    expect(agentSocketPath('/home/me/.config/Keystash', 'linux')).toBe('/home/me/.config/Keystash/agent.sock');
  });
});
