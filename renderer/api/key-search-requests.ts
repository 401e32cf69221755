import type { KeyIdList, ListKeysArgs, Result } from './types';

/** No search, tag or filter, sorted by name: exactly the order listKeys({}) answered with. */
export function isAllKeys(args: ListKeysArgs): boolean {
  return !args.query && !args.tags?.length && !args.filter && (args.sort ?? 'name') === 'name';
}

export interface SearchAnswer<C> {
  args: ListKeysArgs;
  /** What the request was made against (the held summaries), handed back with its answer. */
  context: C;
  result: Result<KeyIdList>;
}

/**
 * The searches of one list, of which only the latest counts: each request supersedes every
 * earlier one, so an older answer is dropped however late it arrives, and "All keys" (answered
 * without a call) supersedes them too. Asking again for what is already the latest request (same
 * arguments, same context) does nothing, so the input's change handler can send the request on
 * the keystroke itself and the effect that follows the render does not send it twice.
 */
export class KeySearchRequests<C> {
  private latest: { key: string; context: C } | null = null;
  private generation = 0;

  constructor(
    private readonly search: (args: ListKeysArgs) => Promise<Result<KeyIdList>>,
    private readonly deliver: (answer: SearchAnswer<C>) => void,
  ) {}

  request(args: ListKeysArgs, context: C): void {
    // The arguments are built field by field in one order (useKeyFilters), so equal arguments give equal text.
    const key = JSON.stringify(args);
    if (this.latest && this.latest.key === key && this.latest.context === context) return;
    const generation = ++this.generation;
    this.latest = { key, context };
    if (isAllKeys(args)) return;
    void this.search(args).then((result) => {
      if (generation === this.generation) this.deliver({ args, context, result });
    });
  }

  /** Drops whatever answer is still on its way, and forgets the latest request (so it is sent again if asked). */
  cancel(): void {
    this.generation++;
    this.latest = null;
  }
}
