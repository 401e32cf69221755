import { join } from 'node:path';

/**
 * The agent: while the app runs, it answers the CLI's reads over a Unix socket in the vault folder,
 * as ssh-agent and gpg-agent do. The app has the vault open already, so `keystash get` then costs
 * node's start and one round trip instead of loading keytar, reading the session and data key,
 * decrypting the index and writing the audit line itself. Without the app, or when the agent
 * cannot answer, the CLI does all of that itself, as before: the agent only ever saves time.
 *
 * Who may connect: the socket is 0600 inside the vault folder (0700), so only the user's own
 * processes, which can run `keystash get` anyway (SECURITY.md says what that means per platform).
 * It answers only the read operations below, and only while the shared session is open.
 */

/** Bumped when a message's shape changes: a CLI and an app of different versions then do not talk. */
export const AGENT_PROTOCOL_VERSION = 1;

/** The reads behind get, run, inject and list. Nothing that writes, unlocks or locks. */
export const AGENT_OPERATIONS: ReadonlySet<string> = new Set(['readSecret', 'readSecrets', 'listKeys', 'findKeys']);

/** A request names a few keys: anything larger is not one of ours. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/** A whole list of a large vault (about 3 MB at 10,000 keys), with room to grow. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Unix sockets take a path of at most 104 bytes on macOS (108 on Linux), terminator included. */
const MAX_SOCKET_PATH_BYTES = 100;

export interface AgentRequest {
  v: number;
  /** The keychain service the CLI uses: the agent answers only for its own vault. */
  service: string;
  operation: string;
  args: unknown;
}

/** `result` is the dispatcher's envelope; `refused` says why the agent did not run the operation. */
export type AgentResponse = { v: number; result: unknown } | { v: number; refused: string };

/**
 * A successful answer is written as these two strings around JSON.stringify(value): the same JSON
 * as the whole envelope's, in a framing the protocol fixes, so that the CLI can print a large value
 * (`list --json` of a big vault) as the bytes that arrived instead of parsing 3 MB only to write the
 * same JSON again (successValueJson).
 */
const SUCCESS_OPENING = `{"v":${AGENT_PROTOCOL_VERSION},"result":{"ok":true,"value":`;
const SUCCESS_CLOSING = '}}\n';

/** One answer on the wire: its JSON on one line (JSON.stringify never writes a raw newline). */
export function encodeResponse(response: AgentResponse): string {
  if ('result' in response) {
    const { ok, value } = response.result as { ok?: unknown; value?: unknown };
    if (ok === true && value !== undefined) return `${SUCCESS_OPENING}${JSON.stringify(value)}${SUCCESS_CLOSING}`;
  }
  return `${JSON.stringify(response)}\n`;
}

const OPENING_BYTES = Buffer.from(SUCCESS_OPENING);
const CLOSING_BYTES = Buffer.from(SUCCESS_CLOSING);

/** The value's JSON within a whole successful answer of this version; null for anything else. */
export function successValueJson(answer: Buffer): Buffer | null {
  const fits = answer.length > OPENING_BYTES.length + CLOSING_BYTES.length;
  const framed = fits && answer.subarray(0, OPENING_BYTES.length).equals(OPENING_BYTES) && answer.subarray(-CLOSING_BYTES.length).equals(CLOSING_BYTES);
  return framed ? answer.subarray(OPENING_BYTES.length, -CLOSING_BYTES.length) : null;
}

/**
 * Where the agent of the vault in `home` listens, or null where there is none: on Windows (a named
 * pipe's default ACL lets other accounts open it; not built yet) and where the path is too long
 * for a Unix socket.
 */
export function agentSocketPath(home: string, platform: NodeJS.Platform = process.platform): string | null {
  if (platform === 'win32') return null;
  const path = join(home, 'agent.sock');
  return Buffer.byteLength(path) <= MAX_SOCKET_PATH_BYTES ? path : null;
}
