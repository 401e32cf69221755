import type { ServerResponse } from 'node:http';
import { eventPayload, VAULT_EVENTS, type VaultEventName } from '../../core/api/operations';

/** What the host needs of the vault for events: its EventEmitter side. */
export interface VaultEventSource {
  on(event: VaultEventName, listener: (payload?: unknown) => void): unknown;
  off(event: VaultEventName, listener: (payload?: unknown) => void): unknown;
}

const KEEPALIVE_MS = 15_000;

/**
 * Server-sent events for the page: `event: <name>` lines on one long response per page. The data is
 * `{}` (events say that something happened, the page asks for the details), except importProgress's
 * two counts.
 */
export function createEventStream(vault: VaultEventSource) {
  const clients = new Set<ServerResponse>();
  const forward = VAULT_EVENTS.map((name) => {
    const listener = (payload?: unknown) => {
      const data = JSON.stringify(eventPayload(name, payload));
      for (const client of clients) client.write(`event: ${name}\ndata: ${data}\n\n`);
    };
    vault.on(name, listener);
    return { name, listener };
  });
  const keepalive = setInterval(() => {
    for (const client of clients) client.write(': keepalive\n\n');
  }, KEEPALIVE_MS);
  keepalive.unref();

  return {
    attach(response: ServerResponse): void {
      response.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      response.write(': connected\n\n');
      clients.add(response);
      response.on('close', () => clients.delete(response));
    },
    close(): void {
      clearInterval(keepalive);
      for (const { name, listener } of forward) vault.off(name, listener);
      for (const client of clients) client.end();
      clients.clear();
    },
  };
}
