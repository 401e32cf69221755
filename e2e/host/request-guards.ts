import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Why a request was refused; the host answers with this status and a Result envelope. */
export interface Refusal {
  status: number;
  code: 'FORBIDDEN' | 'INVALID_ARGUMENT' | 'INTERNAL';
  message: string;
}

/** Request bodies larger than this are refused before they are parsed (the largest value is 64 KiB). */
export const MAX_BODY_BYTES = 256 * 1024;

export const loopbackOrigin = (port: number) => `http://127.0.0.1:${port}`;

/**
 * Against DNS rebinding: a page on evil.example whose name later resolves to 127.0.0.1 reaches this
 * server with `Host: evil.example`. Only the exact loopback address and port are ours.
 */
export function checkHost(request: IncomingMessage, port: number): Refusal | null {
  if (request.headers.host === `127.0.0.1:${port}`) return null;
  return { status: 403, code: 'FORBIDDEN', message: 'This host only answers requests addressed to 127.0.0.1.' };
}

/**
 * A browser sends Origin with every POST, so a cross-site form or fetch shows itself here. For GET
 * it is optional (same-origin GETs carry none), but when present it must be ours.
 */
export function checkOrigin(request: IncomingMessage, port: number, required: boolean): Refusal | null {
  const origin = request.headers.origin;
  if (origin === undefined && !required) return null;
  if (origin === loopbackOrigin(port)) return null;
  return { status: 403, code: 'FORBIDDEN', message: 'Requests must come from the Keystash page itself.' };
}

/** The per-run token, as `Authorization: Bearer <token>`, compared in constant time. */
export function checkToken(request: IncomingMessage, token: string): Refusal | null {
  const header = request.headers.authorization;
  const presented = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
  if (presented !== '' && sameSecret(presented, token)) return null;
  return { status: 401, code: 'FORBIDDEN', message: 'Missing or wrong host token. Reload the page from the URL the host printed.' };
}

/** Hashing first gives both sides the same length, which timingSafeEqual requires. */
function sameSecret(a: string, b: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}

/** Only JSON is accepted: a cross-site `<form>` cannot send it, and a cross-site fetch would need a preflight we never grant. */
export function checkJsonBody(request: IncomingMessage): Refusal | null {
  const type = request.headers['content-type'] ?? '';
  if (/^application\/json\s*(;|$)/i.test(type)) return null;
  return { status: 415, code: 'INVALID_ARGUMENT', message: 'Send the arguments as application/json.' };
}

/** Reads the body up to MAX_BODY_BYTES; a declared or actual larger body is refused unread. */
export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer | Refusal> {
  const tooLarge: Refusal = {
    status: 413,
    code: 'INVALID_ARGUMENT',
    message: `The request is larger than ${limit / 1024} KiB.`,
  };
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return tooLarge;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) return tooLarge;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && 'status' in value && 'code' in value && !Buffer.isBuffer(value);
}
