import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dispatch } from '../../core/api/dispatcher';
import { operations, windowOperationNames } from '../../core/api/operations';
import type { Result } from '../../core/api/results';
import { createEventStream, type VaultEventSource } from './event-stream';
import {
  checkHost,
  checkJsonBody,
  checkOrigin,
  checkToken,
  isRefusal,
  readBody,
  type Refusal,
} from './request-guards';
import { CONTENT_SECURITY_POLICY, createStaticFiles } from './static-files';

export interface HostServerOptions {
  dispatch: Dispatch;
  events: VaultEventSource;
  token: string;
  rendererDir: string;
  bridgeFile: string;
  /** One line per request: method, path and status. Never a header, a body or a query. */
  log: (line: string) => void;
}

const windowOperations = new Set<string>(windowOperationNames);

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/**
 * The browser host's HTTP server: the built renderer, `POST /api/<operation>` to the same dispatcher
 * the Electron IPC uses, and `GET /events` for the vault's events. Every request is checked for our
 * Host; the API and events also for Origin and the per-run token.
 */
export function createHostServer(options: HostServerOptions): Server {
  const staticFiles = createStaticFiles(options.rendererDir, options.bridgeFile);
  const events = createEventStream(options.events);
  // Known once listening; until then no request can arrive.
  let port = 0;

  const server = createServer((request, response) => {
    const path = pathOf(request);
    response.on('finish', () => options.log(`${request.method ?? '?'} ${printable(path)} ${response.statusCode}`));
    route(request, response, path).catch((error: unknown) => {
      options.log(`could not answer ${request.method ?? '?'} ${printable(path)}: ${errorKind(error)}`);
      if (!response.headersSent) sendJson(response, 500, envelope({ status: 500, code: 'INTERNAL', message: 'The host failed to answer.' }));
      else response.destroy();
    });
  });
  server.on('listening', () => {
    port = (server.address() as AddressInfo).port;
  });
  server.on('close', () => events.close());

  async function route(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    const host = checkHost(request, port);
    if (host) return refuse(response, host);

    if (path.startsWith('/api/')) return api(request, response, path.slice('/api/'.length));
    if (path === '/events') return eventStream(request, response);
    return staticFile(request, response, path);
  }

  async function api(request: IncomingMessage, response: ServerResponse, operation: string): Promise<void> {
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return refuse(response, { status: 405, code: 'INVALID_ARGUMENT', message: 'Operations are called with POST.' });
    }
    const refusal = checkOrigin(request, port, true) ?? checkToken(request, options.token) ?? checkJsonBody(request);
    if (refusal) return refuse(response, refusal);
    if (!windowOperations.has(operation)) {
      const cliOnly = Object.hasOwn(operations, operation);
      return refuse(
        response,
        cliOnly
          ? { status: 403, code: 'FORBIDDEN', message: 'This operation is only available from the keystash command line.' }
          : { status: 404, code: 'INVALID_ARGUMENT', message: 'Unknown operation.' },
      );
    }
    const body = await readBody(request);
    if (isRefusal(body)) {
      response.setHeader('Connection', 'close');
      return refuse(response, body);
    }
    let args: unknown;
    try {
      args = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      return refuse(response, { status: 400, code: 'INVALID_ARGUMENT', message: 'The request body is not valid JSON.' });
    }
    sendJson(response, 200, await options.dispatch(operation, args));
  }

  function eventStream(request: IncomingMessage, response: ServerResponse): void {
    if (request.method !== 'GET') {
      response.setHeader('Allow', 'GET');
      return refuse(response, { status: 405, code: 'INVALID_ARGUMENT', message: 'Events are read with GET.' });
    }
    const refusal = checkOrigin(request, port, false) ?? checkToken(request, options.token);
    if (refusal) return refuse(response, refusal);
    events.attach(response);
  }

  async function staticFile(request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return refuse(response, { status: 405, code: 'INVALID_ARGUMENT', message: 'Only GET and HEAD are served here.' });
    }
    const refusal = checkOrigin(request, port, false);
    if (refusal) return refuse(response, refusal);
    const file = await staticFiles(path);
    if (!file) return refuse(response, { status: 404, code: 'INVALID_ARGUMENT', message: 'Not found.' });
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': file.contentType, 'Content-Length': file.body.length });
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  return server;
}

function refuse(response: ServerResponse, refusal: Refusal): void {
  sendJson(response, refusal.status, envelope(refusal));
}

function envelope(refusal: Refusal): Result<never> {
  return { ok: false, error: { code: refusal.code, message: refusal.message } };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** The path without the query (never logged, never used). */
function pathOf(request: IncomingMessage): string {
  const raw = request.url ?? '/';
  const end = raw.search(/[?#]/);
  return end === -1 ? raw : raw.slice(0, end);
}

/** An error's kind (ENOENT, SyntaxError), never its message, which could quote anything. */
function errorKind(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : typeof error;
}

/** Keeps a hostile path from forging log lines. */
function printable(path: string): string {
  return path.replace(/[^\x21-\x7e]/g, '?').slice(0, 200);
}
