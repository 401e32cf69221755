import { chmodSync, lstatSync, mkdirSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { dirname } from 'node:path';
import { createDispatcher, type Dispatch } from '../api/dispatcher';
import { VaultError } from '../errors';
import { resolveKeychainService, resolveVaultHome } from '../paths';
import type { Vault } from '../vault';
import { AGENT_OPERATIONS, AGENT_PROTOCOL_VERSION, type AgentResponse, agentSocketPath, encodeResponse, MAX_REQUEST_BYTES } from './agent-protocol';

/** A client that connected and said nothing is dropped after this long. */
const REQUEST_TIMEOUT_MS = 5_000;

interface Served {
  path: string;
  /** The keychain service of the vault behind `dispatch`. */
  service: string;
  /** The `cli` caller's dispatcher: the agent stands in for the CLI's own. */
  dispatch: Dispatch;
  /** Lets the writes that follow a read (the audit line, last-used time) finish, as the CLI would. */
  settle: () => Promise<void>;
  /** Told which request failed, never what it carried. */
  log: (line: string) => void;
}

export interface Agent {
  close(): Promise<void>;
}

/**
 * Starts the agent (see agent-protocol.ts). A socket file left by a process that died is replaced;
 * one that another live process answers on is left alone, and null says so: that process (another
 * host, say) serves the vault already.
 */
export async function startAgent(vault: Vault, env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<Agent | null> {
  const path = agentSocketPath(resolveVaultHome(env));
  if (path === null) return null;
  const options: Served = {
    path,
    service: resolveKeychainService(env),
    dispatch: createDispatcher(vault, 'cli', (operation) => log(`agent: ${operation} failed unexpectedly`), 'every request'),
    settle: () => vault.settle(),
    log,
  };
  mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
  const open = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    serve(socket, options);
  });
  try {
    await listen(server, options.path);
  } catch (error) {
    if (!isCode(error, 'EADDRINUSE')) throw error;
    if (await answers(options.path)) return null;
    if (!lstatSync(options.path).isSocket()) {
      throw new VaultError('STORAGE_UNAVAILABLE', `${options.path} is in the way of Keystash's agent socket; move it elsewhere and start Keystash again.`);
    }
    unlinkSync(options.path);
    await listen(server, options.path);
  }
  chmodSync(options.path, 0o600); // the umask decided its mode; the folder's 0700 covered the gap
  const ours = lstatSync(options.path).ino;
  return {
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Quitting does not wait on a client: one cut off mid-read opens the vault itself (and finds it locked).
      for (const socket of open) socket.destroy();
      await closed;
      // Node usually removes the socket file itself; one that another process has put there since is left alone.
      if (inodeOf(options.path) === ours) unlinkSync(options.path);
    },
  };
}

/** One request, one answer, then the connection ends: once the writes that follow the answer are done. */
function serve(socket: Socket, options: Served): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
  socket.on('error', () => undefined); // the client went away: nothing to tell anyone
  socket.on('data', (chunk: Buffer) => {
    if (done) return;
    const end = chunk.indexOf(0x0a);
    chunks.push(end === -1 ? chunk : chunk.subarray(0, end));
    size += end === -1 ? chunk.length : end;
    if (size > MAX_REQUEST_BYTES) {
      done = true;
      socket.write(encodeResponse({ v: AGENT_PROTOCOL_VERSION, refused: 'The request is too large.' }));
      finish(socket);
    } else if (end !== -1) {
      done = true;
      socket.setTimeout(0); // a read may wait on the keychain (a prompt to allow access)
      void answer(Buffer.concat(chunks).toString('utf8'), options).then(async (response) => {
        if (socket.destroyed) return;
        socket.write(encodeResponse(response));
        // The writes that follow a read (its audit line, the last-used time) are made while the CLI
        // goes on with the answer (prints it, starts the program); ending the connection says they
        // are done, and the CLI waits for that before it exits, as it waits for its own writes.
        if ('result' in response) await options.settle().catch(() => undefined); // a failed write is the vault's backgroundError, logged by the host
        finish(socket);
      });
    }
  });
  socket.on('end', () => {
    if (!done) socket.destroy();
  });
}

async function answer(line: string, { service, dispatch, log }: Served): Promise<AgentResponse> {
  const refused = (why: string): AgentResponse => ({ v: AGENT_PROTOCOL_VERSION, refused: why });
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return refused('The request is not JSON.');
  }
  if (typeof request !== 'object' || request === null) return refused('The request is not an object.');
  const { v, service: theirs, operation, args } = request as Record<string, unknown>;
  if (v !== AGENT_PROTOCOL_VERSION) return refused(`This agent speaks version ${AGENT_PROTOCOL_VERSION}.`);
  if (theirs !== service) return refused('This agent serves another keychain service.');
  if (typeof operation !== 'string' || !AGENT_OPERATIONS.has(operation)) return refused('The agent does not run that operation.');
  try {
    return { v: AGENT_PROTOCOL_VERSION, result: await dispatch(operation, args) };
  } catch {
    // The dispatcher answers every failure itself; this is only a guard.
    log(`agent: ${operation} failed unexpectedly`);
    return refused('The agent could not run the operation.');
  }
}

function finish(socket: Socket): void {
  if (socket.destroyed) return;
  socket.end();
  // A client that keeps its side open after the answer (allowHalfOpen) is not waited for forever.
  socket.setTimeout(REQUEST_TIMEOUT_MS, () => socket.destroy());
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Whether a live process accepts connections on the socket at `path`. */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

function inodeOf(path: string): number | null {
  try {
    return lstatSync(path).ino;
  } catch {
    return null;
  }
}

const isCode = (error: unknown, code: string) => error instanceof Error && (error as NodeJS.ErrnoException).code === code;
