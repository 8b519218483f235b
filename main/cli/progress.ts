// A one-line progress bar with ETA, redrawn in place on stderr while a run trains.

import type { CliIo } from './io';

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export class ProgressBar {
  private lastDraw = -Infinity;
  private readonly start: number;
  private visible = false;

  constructor(
    private readonly io: CliIo,
    private readonly total: number,
  ) {
    this.start = io.now();
  }

  /** Redraws at most ten times a second. */
  update(done: number, label: string): void {
    if (!this.io.stderrIsTTY) return;
    const now = this.io.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    this.lastDraw = now;
    const elapsed = (now - this.start) / 1000;
    const fraction = Math.min(1, done / this.total);
    const eta = done > 0 ? (elapsed / done) * (this.total - done) : NaN;
    const tail = ` ${Math.floor(fraction * 100)}% ${label} ETA ${formatDuration(eta)}`;
    const width = Math.max(10, Math.min(40, this.io.columns - tail.length - 3));
    const filled = Math.round(fraction * width);
    this.io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${tail}\x1b[K`);
    this.visible = true;
  }

  /** Clears the bar so that a normal line can be printed. */
  clear(): void {
    if (this.visible) this.io.stderr('\r\x1b[K');
    this.visible = false;
  }
}
