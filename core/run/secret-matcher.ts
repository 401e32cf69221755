/**
 * Aho–Corasick over bytes: finds every occurrence of many patterns in one pass, and its state says
 * how long a tail of the text so far could still become a match. That tail is all a streaming
 * masker must hold back, so output that cannot be part of a secret is never delayed by it.
 */
export class SecretMatcher {
  /** Transitions as (state * 256 + byte) → state; the root's are also in a dense table. */
  private readonly next = new Map<number, number>();
  private readonly rootNext = new Int32Array(256);
  private readonly fail: Int32Array;
  private readonly depthOf: Int32Array;
  /** Length of the longest pattern that ends in each state (0: none). */
  private readonly longest: Int32Array;
  readonly maxLength: number;

  constructor(patterns: readonly Uint8Array[]) {
    const depth: number[] = [0];
    const terminal: boolean[] = [false];
    let maxLength = 0;
    for (const pattern of patterns) {
      if (pattern.length === 0) continue;
      maxLength = Math.max(maxLength, pattern.length);
      let state = 0;
      for (const byte of pattern) {
        const key = state * 256 + byte;
        let to = this.next.get(key);
        if (to === undefined) {
          to = depth.length;
          depth.push(depth[state]! + 1);
          terminal.push(false);
          this.next.set(key, to);
        }
        state = to;
      }
      terminal[state] = true;
    }
    this.maxLength = maxLength;
    const count = depth.length;
    this.depthOf = Int32Array.from(depth);
    this.fail = new Int32Array(count);
    this.longest = new Int32Array(count);
    for (let byte = 0; byte < 256; byte++) this.rootNext[byte] = this.next.get(byte) ?? 0;

    // Breadth-first, so a state's failure link (a shallower state) is complete before it is used.
    const children = new Map<number, [byte: number, to: number][]>();
    for (const [key, to] of this.next) {
      const from = Math.floor(key / 256);
      const list = children.get(from) ?? [];
      list.push([key % 256, to]);
      children.set(from, list);
    }
    const queue: number[] = [0];
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      for (const [byte, to] of children.get(state) ?? []) {
        this.fail[to] = state === 0 ? 0 : this.step(this.fail[state]!, byte);
        this.longest[to] = terminal[to] ? this.depthOf[to]! : this.longest[this.fail[to]!]!;
        queue.push(to);
      }
    }
  }

  step(state: number, byte: number): number {
    for (;;) {
      if (state === 0) return this.rootNext[byte]!;
      const to = this.next.get(state * 256 + byte);
      if (to !== undefined) return to;
      state = this.fail[state]!;
    }
  }

  /** How many of the last bytes seen could still be the start of a pattern. */
  depth(state: number): number {
    return this.depthOf[state]!;
  }

  /** The length of the longest pattern that ends at the last byte seen, or 0. */
  matchLength(state: number): number {
    return this.longest[state]!;
  }
}
