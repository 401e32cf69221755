import { Transform, type TransformCallback } from 'node:stream';
import type { StreamMasker } from '../../core/run/stream-masker';

/** How long a partial line (a prompt) may wait for the rest of its line before it is shown. */
const PARTIAL_LINE_DELAY_MS = 50;

/**
 * A child's stdout or stderr with secret values masked, line by line. A partial line that sits
 * still for a moment is shown too, up to the point where a value could still be starting.
 */
export class MaskingStream extends Transform {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly masker: StreamMasker) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pushIfAny(this.masker.write(chunk));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.pushIfAny(this.masker.flushPartial());
    }, PARTIAL_LINE_DELAY_MS);
    done();
  }

  override _flush(done: TransformCallback): void {
    if (this.timer) clearTimeout(this.timer);
    this.pushIfAny(this.masker.end());
    done();
  }

  private pushIfAny(bytes: Buffer): void {
    if (bytes.length > 0) this.push(bytes);
  }
}
