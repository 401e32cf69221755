import { SecretMatcher } from './secret-matcher';

export const MASK = '<concealed by keystash>';
/**
 * Shorter values are not masked: replacing every "abc" in a program's output would garble it while
 * protecting nothing worth a key manager's name. `run --mask` warns about each one it leaves alone.
 */
export const MIN_MASKED_LENGTH = 4;
/** Single lines of a multi-line value (a PEM body) are masked on their own from this length on. */
const MIN_MASKED_LINE_LENGTH = 16;

const MASK_BYTES = Buffer.from(MASK, 'utf8');

/**
 * What to look for, for each value: the value itself, the value as it appears inside a JSON string
 * (a program that logs its config as JSON escapes newlines and quotes), and each long line of a
 * multi-line value (a program may print one line of a PEM). Returns the patterns and the indexes of
 * the values too short to mask.
 */
export function maskPatterns(values: readonly string[]): { patterns: Buffer[]; tooShort: number[] } {
  const patterns = new Set<string>();
  const tooShort: number[] = [];
  values.forEach((value, index) => {
    if ([...value].length < MIN_MASKED_LENGTH) {
      tooShort.push(index);
      return;
    }
    patterns.add(value);
    patterns.add(JSON.stringify(value).slice(1, -1));
    if (/[\r\n]/.test(value)) {
      for (const line of value.split(/\r?\n|\r/)) if (line.length >= MIN_MASKED_LINE_LENGTH) patterns.add(line);
    }
  });
  return { patterns: [...patterns].map((p) => Buffer.from(p, 'utf8')), tooShort };
}

/**
 * Masks secrets in one output stream (a child's stdout or stderr) as it flows. Every byte that is
 * part of an occurrence of a pattern is replaced, an occurrence (or overlapping ones) by one MASK,
 * also when the occurrence arrives split across chunks.
 *
 * Output is line-buffered: complete lines go out as they arrive. `flushPartial` lets a caller send a
 * partial line (a prompt) after a pause. Neither ever sends a byte that could still turn out to be
 * part of a secret: the matcher's state says how long a tail could still grow into one, and that
 * tail stays until the next bytes (or the end of the stream) settle it.
 */
export class StreamMasker {
  private state = 0;
  /** Bytes not sent yet; `held[0]` is byte number `heldFrom` of the stream. */
  private held: Buffer = Buffer.alloc(0);
  private heldFrom = 0;
  private position = 0;
  /** Found occurrences [start, end) in stream offsets, merged where they overlap, in order. */
  private found: [number, number][] = [];

  constructor(private readonly matcher: SecretMatcher) {}

  /** Takes a chunk and returns the output that is now safe to send (possibly empty). */
  write(chunk: Uint8Array): Buffer {
    for (let i = 0; i < chunk.length; i++) {
      this.state = this.matcher.step(this.state, chunk[i]!);
      this.position += 1;
      const length = this.matcher.matchLength(this.state);
      if (length > 0) this.record(this.position - length, this.position);
    }
    this.held = this.held.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.held, chunk]);
    return this.release(true);
  }

  /** Sends what is safe without waiting for the end of the line (for a prompt left waiting). */
  flushPartial(): Buffer {
    return this.release(false);
  }

  /** At the end of the stream nothing more can complete a secret: everything goes. */
  end(): Buffer {
    return this.emitUntil(this.position);
  }

  /** Adds an occurrence, merged with those it overlaps (a whole PEM swallows its lines found before). */
  private record(start: number, end: number): void {
    for (let last = this.found.at(-1); last && start < last[1]; last = this.found.at(-1)) {
      start = Math.min(start, last[0]);
      end = Math.max(end, last[1]);
      this.found.pop();
    }
    this.found.push([start, end]);
  }

  private release(wholeLines: boolean): Buffer {
    let cut = this.outsideOccurrence(this.position - this.matcher.depth(this.state));
    if (wholeLines && cut > this.heldFrom) {
      const newline = this.held.lastIndexOf(0x0a, cut - this.heldFrom - 1);
      cut = newline === -1 ? this.heldFrom : this.outsideOccurrence(this.heldFrom + newline + 1);
    }
    return this.emitUntil(cut);
  }

  /** Moves a cut that would split an occurrence back to where the occurrence starts. */
  private outsideOccurrence(cut: number): number {
    for (const [start, end] of this.found) if (start < cut && cut < end) return start;
    return cut;
  }

  private emitUntil(cut: number): Buffer {
    if (cut <= this.heldFrom) return Buffer.alloc(0);
    const parts: Buffer[] = [];
    let from = this.heldFrom;
    while (this.found.length > 0 && this.found[0]![1] <= cut) {
      const [start, end] = this.found.shift()!;
      parts.push(this.held.subarray(from - this.heldFrom, start - this.heldFrom), MASK_BYTES);
      from = end;
    }
    parts.push(this.held.subarray(from - this.heldFrom, cut - this.heldFrom));
    this.held = this.held.subarray(cut - this.heldFrom);
    this.heldFrom = cut;
    return Buffer.concat(parts);
  }
}

export function createMasker(values: readonly string[]): { masker: () => StreamMasker; tooShort: number[] } {
  const { patterns, tooShort } = maskPatterns(values);
  const matcher = new SecretMatcher(patterns);
  return { masker: () => new StreamMasker(matcher), tooShort };
}
