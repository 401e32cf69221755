// Runs in the page, before the renderer: builds window.keystash with the same factory as the
// Electron preload, carried over HTTP to the browser host. Bundled as a classic script (IIFE) into
// out/host/host-bridge.js by scripts/build-node.mjs.
import { createKeystashApi, type BridgeTransport } from '../../core/api/bridge';
import type { VaultEventName } from '../../core/api/operations';
import type { Result } from '../../core/api/results';

const TOKEN_STORAGE_KEY = 'keystash-host-token';
const RECONNECT_MS = 1_000;

/**
 * The host prints its URL with `#token=…`. The token moves to sessionStorage (so a reload keeps
 * working) and leaves the address bar, so it is not copied along with the URL or kept in history.
 */
function takeToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
  if (match?.[1]) {
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, decodeURIComponent(match[1]));
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return window.sessionStorage.getItem(TOKEN_STORAGE_KEY) ?? '';
}

const token = takeToken();
const authorization = `Bearer ${token}`;

const lostConnection: Result<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'Keystash lost its connection to the browser host. Restart the host and reload.' },
};

async function invoke(operation: string, args: unknown): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(`/api/${encodeURIComponent(operation)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: authorization },
      body: JSON.stringify(args ?? {}),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    return lostConnection;
  }
  try {
    return (await response.json()) as Result<unknown>;
  } catch {
    return lostConnection;
  }
}

/** One streamed GET /events for the page, shared by every subscriber, reconnecting when it drops. */
function createEventSubscriptions() {
  const listeners = new Map<VaultEventName, Set<(data?: unknown) => void>>();
  let connected = false;

  function dispatchBlock(block: string): void {
    const name = /^event: (.+)$/m.exec(block)?.[1]?.trim() as VaultEventName | undefined;
    if (!name) return;
    const data = readData(/^data: (.*)$/m.exec(block)?.[1]);
    for (const listener of listeners.get(name) ?? []) {
      try {
        listener(data);
      } catch (error) {
        console.error(error);
      }
    }
  }

  async function readStream(): Promise<void> {
    const response = await fetch('/events', { headers: { Authorization: authorization }, cache: 'no-store', credentials: 'omit' });
    if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffered = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffered += value;
      let end: number;
      while ((end = buffered.indexOf('\n\n')) !== -1) {
        dispatchBlock(buffered.slice(0, end));
        buffered = buffered.slice(end + 2);
      }
    }
  }

  function connect(): void {
    if (connected) return;
    connected = true;
    void readStream()
      .catch(() => undefined)
      .finally(() => {
        connected = false;
        window.setTimeout(connect, RECONNECT_MS);
      });
  }

  return (event: VaultEventName, callback: (data?: unknown) => void): (() => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(callback);
    connect();
    return () => {
      set.delete(callback);
    };
  };
}

function readData(line: string | undefined): unknown {
  try {
    return line === undefined ? undefined : (JSON.parse(line) as unknown);
  } catch {
    return undefined;
  }
}

const transport: BridgeTransport = { invoke, subscribe: createEventSubscriptions() };

// Read-only and not configurable, like a contextBridge-exposed API.
Object.defineProperty(window, 'keystash', {
  value: createKeystashApi(transport),
  writable: false,
  configurable: false,
  enumerable: true,
});
