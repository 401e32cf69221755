/** Redraws at most this often: a terminal cannot show more, and each redraw is a write. */
const REDRAW_MS = 100;
const WIDTH = 30;

/**
 * A one-line progress bar on stderr, only when stderr is a terminal (never in a pipe or a log).
 * `update` is cheap to call on every step.
 */
export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly label: string,
  ) {}

  static shown(stream: NodeJS.WriteStream): boolean {
    return Boolean(stream.isTTY);
  }

  update(done: number, total: number): void {
    if (!ProgressBar.shown(this.stream)) return;
    const now = Date.now();
    if (done < total && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${done}/${total}`);
    this.drawn = true;
  }

  /** Removes the bar, so the summary that follows starts on a clean line. */
  clear(): void {
    if (this.drawn) this.stream.write('\r\u001b[2K');
    this.drawn = false;
  }
}
