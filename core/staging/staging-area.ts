import { randomUUID } from 'node:crypto';

/** How long staged values wait for the user's choice before they are dropped. */
export const STAGING_TTL_MS = 15 * 60_000;

interface Staged {
  kind: string;
  item: unknown;
  timer: NodeJS.Timeout;
}

/**
 * What main holds between a preview and its commit: parsed .env entries, scan findings, a chosen
 * export path. Values stay here, in main's memory, under a random id the window gets instead; they
 * are dropped when used, on lock, and after STAGING_TTL_MS.
 */
export class StagingArea {
  private readonly items = new Map<string, Staged>();

  constructor(private readonly ttlMs = STAGING_TTL_MS) {}

  put(kind: string, item: unknown): string {
    const id = randomUUID();
    const timer = setTimeout(() => this.items.delete(id), this.ttlMs);
    timer.unref();
    this.items.set(id, { kind, item, timer });
    return id;
  }

  /** The staged item of that kind, or undefined when the id is unknown, expired or of another kind. */
  get<T>(kind: string, id: string): T | undefined {
    const staged = this.items.get(id);
    return staged?.kind === kind ? (staged.item as T) : undefined;
  }

  drop(id: string): void {
    const staged = this.items.get(id);
    if (!staged) return;
    clearTimeout(staged.timer);
    this.items.delete(id);
  }

  clear(): void {
    for (const { timer } of this.items.values()) clearTimeout(timer);
    this.items.clear();
  }

  get size(): number {
    return this.items.size;
  }
}
