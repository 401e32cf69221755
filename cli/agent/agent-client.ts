import { existsSync } from 'node:fs';
import { connect } from 'node:net';
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
}

/**
 * The client of the running app's agent (core/agent/agent-protocol.ts), or null when no socket is
 * there. Checked with one stat, so a CLI without the app running pays nothing measurable.
 */
export function findAgent(env: NodeJS.ProcessEnv): AgentClient | null {
  const path = agentSocketPath(resolveVaultHome(env));
  if (path === null || !existsSync(path)) return null;
  const service = resolveKeychainService(env);
  const answer = async (operation: string, args: unknown): Promise<Buffer | null> => {
    if (!AGENT_OPERATIONS.has(operation)) return null;
    const request: AgentRequest = { v: AGENT_PROTOCOL_VERSION, service, operation, args };
    return exchange(path, JSON.stringify(request));
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
  };
}

/** The bytes that came back until the agent ended (checked by the caller), or null for no answer in time. */
function exchange(path: string, request: string): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const socket = connect(path);
    const give = (answer: Buffer | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => give(null), AGENT_ANSWER_TIMEOUT_MS);
    socket.on('error', () => give(null));
    socket.on('connect', () => socket.write(`${request}\n`));
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_RESPONSE_BYTES) return give(null);
      chunks.push(chunk);
    });
    socket.on('end', () => give(Buffer.concat(chunks)));
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
