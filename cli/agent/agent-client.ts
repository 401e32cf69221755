import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { AGENT_OPERATIONS, AGENT_PROTOCOL_VERSION, type AgentRequest, agentSocketPath, MAX_RESPONSE_BYTES, successValueJson } from '../../core/agent/agent-protocol';
import type { Result } from '../../core/api/results';
import { resolveKeychainService, resolveVaultHome } from '../../core/paths';

/**
 * A healthy agent answers within milliseconds; one that takes longer than this (a hung app) is
 * given up on, and the CLI does the work itself.
 */
export const AGENT_ANSWER_TIMEOUT_MS = 5_000;

export interface AgentClient {
  /**
   * The app's answer to one of AGENT_OPERATIONS, or null when there is none to be had (no app, an
   * app of another version, a refusal, a broken connection): the caller then does the work itself.
   */
  ask(operation: string, args: unknown): Promise<Result<unknown> | null>;
  /**
   * The value of a successful answer as the compact JSON it arrived in, unparsed; null for any
   * other answer (LOCKED, an error) or none. For output that is that JSON (`list --json` to a pipe).
   */
  askForJson(operation: string, args: unknown): Promise<Buffer | null>;
  /**
   * Resolves once the agent has ended every connection: it ends one when the writes that follow
   * its answer (a read's audit line) are done. A CLI waits for this before it exits, so that
   * `keystash audit` right after shows the read. An agent that never ends one (a write stuck
   * behind a lock) is given up on as a silent one is: its app still makes the write.
   */
  finished(): Promise<void>;
}

/**
 * The client of the running app's agent (core/agent/agent-protocol.ts), or null when no socket is
 * there. Checked with one stat, so a CLI without the app running pays nothing measurable.
 */
export function findAgent(env: NodeJS.ProcessEnv): AgentClient | null {
  const path = agentSocketPath(resolveVaultHome(env));
  if (path === null || !existsSync(path)) return null;
  const service = resolveKeychainService(env);
  const ended = new Set<Promise<void>>();
  // Connected now, while the rest of the CLI loads, so the first request goes out the moment the
  // command asks: a connection takes a turn of the event loop, which the garbage collector or the
  // command's own loading can make milliseconds long. Unreferenced until used: it never keeps the
  // process alive by itself. A command that never asks (a usage error) leaves the agent an empty
  // connection, which it drops without a word.
  let early: Socket | null = connect(path).on('error', () => undefined).unref();
  const answer = async (operation: string, args: unknown): Promise<Buffer | null> => {
    if (!AGENT_OPERATIONS.has(operation)) return null;
    const request: AgentRequest = { v: AGENT_PROTOCOL_VERSION, service, operation, args };
    const socket = early && !early.destroyed ? early.ref() : connect(path);
    early = null;
    return exchange(socket, JSON.stringify(request), ended);
  };
  return {
    ask: async (operation, args) => {
      const answered = await answer(operation, args);
      return answered && parseAnswer(answered.toString('utf8'));
    },
    askForJson: async (operation, args) => {
      const answered = await answer(operation, args);
      return answered && successValueJson(answered);
    },
    finished: async () => {
      early?.destroy();
      let timer: NodeJS.Timeout | undefined;
      const givenUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, AGENT_ANSWER_TIMEOUT_MS)));
      await Promise.race([Promise.all(ended), givenUp]);
      clearTimeout(timer);
    },
  };
}

/**
 * The answer's line as soon as it has come, or null for none in time (one cut short fails the
 * caller's check). The connection stays open until the agent ends it, which it does once the
 * writes that follow its answer are done; `ended` gets a promise of that, for finished().
 */
function exchange(socket: Socket, request: string, ended: Set<Promise<void>>): Promise<Buffer | null> {
  let endedNow = () => undefined as void;
  ended.add(new Promise<void>((resolve) => (endedNow = resolve)));
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let answered = false;
    const answer = (line: Buffer | null) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      if (line === null) socket.destroy();
      resolve(line);
    };
    const timer = setTimeout(() => answer(null), AGENT_ANSWER_TIMEOUT_MS);
    socket.on('error', () => answer(null));
    socket.on('close', () => {
      answer(Buffer.concat(chunks));
      endedNow();
    });
    socket.write(`${request}\n`); // sent once connected, if it is not yet
    socket.on('data', (chunk: Buffer) => {
      if (answered) return; // nothing of ours follows the answer's line
      const end = chunk.indexOf(0x0a);
      const part = end === -1 ? chunk : chunk.subarray(0, end + 1);
      size += part.length;
      if (size > MAX_RESPONSE_BYTES) return answer(null);
      chunks.push(part);
      if (end !== -1) answer(Buffer.concat(chunks));
    });
  });
}

/** The dispatcher's envelope from a well-formed answer of our version; null for anything else. */
function parseAnswer(text: string): Result<unknown> | null {
  if (!text.endsWith('\n')) return null; // cut short
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof answer !== 'object' || answer === null) return null;
  const { v, result } = answer as { v?: unknown; result?: unknown };
  if (v !== AGENT_PROTOCOL_VERSION || typeof result !== 'object' || result === null) return null;
  const { ok, error } = result as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (ok === true) return result as Result<unknown>;
  const readable = ok === false && typeof error?.code === 'string' && typeof error.message === 'string';
  return readable ? (result as Result<unknown>) : null;
}
