import { EventEmitter } from 'node:events';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Dispatch } from '../../core/api/dispatcher';
import { createHostServer } from './host-server';
import { MAX_BODY_BYTES } from './request-guards';
import { CONTENT_SECURITY_POLICY } from './static-files';

const TOKEN = 'test-token-0123456789';

let server: Server;
let port: number;
let folder: string;
let calls: { operation: unknown; args: unknown }[];
let logLines: string[];
const vaultEvents = new EventEmitter();

const dispatch: Dispatch = async (operation, args) => {
  calls.push({ operation, args });
  return { ok: true, value: { echoed: operation } };
};

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'keystash-host-test-'));
  const rendererDir = join(folder, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><html><head><script type="module" crossorigin src="./assets/app.js"></script></head><body></body></html>',
  );
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app")');
  await writeFile(join(folder, 'secret.txt'), 'outside the renderer');
  await writeFile(join(folder, 'host-bridge.js'), '/* bridge */');
  logLines = [];
  server = createHostServer({
    dispatch,
    events: vaultEvents,
    token: TOKEN,
    rendererDir,
    bridgeFile: join(folder, 'host-bridge.js'),
    log: (line) => logLines.push(line),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(folder, { recursive: true, force: true });
});

beforeEach(() => {
  calls = [];
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so the test controls Host, Origin and every other header exactly. */
function send(
  method: string,
  path: string,
  { headers = {}, body }: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, method, path, headers: { Host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const origin = () => `http://127.0.0.1:${port}`;
const apiHeaders = (extra: Record<string, string> = {}) => ({
  Origin: origin(),
  Authorization: `Bearer ${TOKEN}`,
  'Content-Type': 'application/json',
  ...extra,
});

describe('browser host: the API', () => {
  it('carries a window operation to the dispatcher and answers with its envelope, uncached', async () => {
    const reply = await send('POST', '/api/listKeys', { headers: apiHeaders(), body: '{"query":"stripe"}' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { echoed: 'listKeys' } });
    expect(reply.headers['cache-control']).toBe('no-store');
    expect(calls).toEqual([{ operation: 'listKeys', args: { query: 'stripe' } }]);
  });

  it('refuses another Host header (DNS rebinding), on every path', async () => {
    for (const path of ['/', '/api/listKeys', '/events']) {
      const reply = await send('POST', path, { headers: apiHeaders({ Host: 'evil.example' }), body: '{}' });
      expect(reply.status, path).toBe(403);
      expect(JSON.parse(reply.body).error.code).toBe('FORBIDDEN');
    }
    const localhost = await send('GET', '/', { headers: { Host: `localhost:${port}` } });
    expect(localhost.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('refuses a foreign Origin, and a POST without one', async () => {
    const foreign = await send('POST', '/api/lock', { headers: apiHeaders({ Origin: 'http://evil.example' }), body: '{}' });
    expect(foreign.status).toBe(403);
    const headers = apiHeaders();
    delete (headers as Record<string, string>).Origin;
    const missing = await send('POST', '/api/lock', { headers, body: '{}' });
    expect(missing.status).toBe(403);
    const otherPort = await send('GET', '/', { headers: { Origin: `http://127.0.0.1:${port + 1}` } });
    expect(otherPort.status).toBe(403);
    expect(calls).toEqual([]);
  });

  it('refuses a missing or wrong token', async () => {
    for (const authorization of ['', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, TOKEN, 'Basic abc']) {
      const reply = await send('POST', '/api/authStatus', { headers: apiHeaders({ Authorization: authorization }), body: '{}' });
      expect(reply.status, authorization).toBe(401);
    }
    expect(calls).toEqual([]);
  });

  it('refuses anything but POST for operations, and anything but JSON', async () => {
    const get = await send('GET', '/api/listKeys', { headers: apiHeaders() });
    expect(get.status).toBe(405);
    const form = await send('POST', '/api/listKeys', {
      headers: apiHeaders({ 'Content-Type': 'application/x-www-form-urlencoded' }),
      body: 'a=b',
    });
    expect(form.status).toBe(415);
    const badJson = await send('POST', '/api/listKeys', { headers: apiHeaders(), body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('refuses a body over the cap, declared or streamed', async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES + 1, 0x61);
    const declared = await send('POST', '/api/createKey', { headers: apiHeaders(), body: big });
    expect(declared.status).toBe(413);
    const streamed = await send('POST', '/api/createKey', {
      headers: apiHeaders({ 'Transfer-Encoding': 'chunked' }),
      body: big,
    });
    expect(streamed.status).toBe(413);
    expect(calls).toEqual([]);
  });

  it('refuses unknown operations and CLI-only ones before they reach the dispatcher', async () => {
    const unknown = await send('POST', '/api/dropTables', { headers: apiHeaders(), body: '{}' });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error.code).toBe('INVALID_ARGUMENT');
    const cliOnly = await send('POST', '/api/readSecret', { headers: apiHeaders(), body: '{"key":{"name":"x"}}' });
    expect(cliOnly.status).toBe(403);
    expect(JSON.parse(cliOnly.body).error.code).toBe('FORBIDDEN');
    const proto = await send('POST', '/api/__proto__', { headers: apiHeaders(), body: '{}' });
    expect(proto.status).toBe(404);
    expect(calls).toEqual([]);
  });
});

describe('browser host: the page', () => {
  it('serves index.html with the app CSP and the bridge script before the module script', async () => {
    const reply = await send('GET', '/');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(reply.body).toMatch(/<script src="\/host-bridge\.js"><\/script><script type="module"/);
    const bridge = await send('GET', '/host-bridge.js');
    expect(bridge.status).toBe(200);
    expect(bridge.headers['content-type']).toMatch(/^text\/javascript/);
    const asset = await send('GET', '/assets/app.js');
    expect(asset.body).toBe('console.log("app")');
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const reply = await send('GET', path);
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('outside the renderer');
    }
  });

  it('logs method, path and status only: no query, header or body', async () => {
    logLines.length = 0;
    await send('POST', '/api/createKey?x=query-text', { headers: apiHeaders(), body: '{"name":"n","secret":"sk_live_body"}' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(logLines).toEqual(['POST /api/createKey 200']);
  });
});

describe('browser host: events', () => {
  it('streams vault events to a client with the token, and refuses one without', async () => {
    const refused = await send('GET', '/events');
    expect(refused.status).toBe(401);

    const received = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path: '/events', headers: { Host: `127.0.0.1:${port}`, Authorization: `Bearer ${TOKEN}` } },
        (res) => {
          expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString('utf8');
            if (text.includes(': connected')) vaultEvents.emit('locked');
            if (text.includes('event: locked')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(received).toContain('event: locked\ndata: {}\n\n');
  });
});
