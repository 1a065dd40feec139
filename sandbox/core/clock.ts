/**
 * Sandbox time. Timestamps are wall-clock milliseconds (so a bundle comparing them with its own
 * clock sees sensible values); scenario timelines are written in real seconds and play back
 * `timeScale` times as long (0.02: an event 20 s into a timeline happens 0.4 s after its start).
 * Tests may `advance()` the clock instead of waiting.
 */
export class Clock {
  private offsetMs = 0;
  private frozenAt: number | undefined;

  constructor(readonly timeScale = 1) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be positive, got ${timeScale}`);
  }

  now(): number {
    return (this.frozenAt ?? Date.now()) + this.offsetMs;
  }

  /** Stops sandbox time (only `advance` moves it), for tests that must not depend on load. */
  freeze(): void {
    this.frozenAt ??= Date.now();
  }

  /** Lets sandbox time run again from where it stands. */
  unfreeze(): void {
    if (this.frozenAt === undefined) return;
    this.offsetMs += this.frozenAt - Date.now();
    this.frozenAt = undefined;
  }

  date(): Date {
    return new Date(this.now());
  }

  /** Scenario seconds to sandbox milliseconds. */
  scale(seconds: number): number {
    return seconds * 1000 * this.timeScale;
  }

  /** The sandbox time `seconds` (scenario seconds) after `startMs`. */
  at(startMs: number, seconds: number): number {
    return startMs + this.scale(seconds);
  }

  /** Scenario seconds elapsed since `startMs`. */
  elapsed(startMs: number): number {
    return (this.now() - startMs) / 1000 / this.timeScale;
  }

  /** Moves sandbox time forward by `seconds` scenario seconds without waiting. */
  advance(seconds: number): void {
    this.offsetMs += this.scale(seconds);
  }
}
