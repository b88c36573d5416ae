/**
 * When the entity index's bulk extraction gives the cores to the user. On a machine with few cores
 * the extraction workers hold one while the reviewer hovers, looks for references or moves between
 * documents, and each such request is a round trip through the editor's processes that then share
 * what is left. So an interactive request pauses the extraction for a short window after it; the
 * extraction resumes once requests stop. Pure rule, unit-tested with a fake scheduler; the hosts
 * supply the pause itself (src/core/entities/worker-pool.ts, sliced-extraction.ts).
 *
 * The build is never starved: pausing spends a credit that only running earns back. The credit
 * starts full (`burstMs`: a burst of requests is served with the cores free) and grows by
 * `earnRatio` ms for each ms the extraction runs, up to `burstMs`. With no credit left, requests do
 * not pause, and a new pause waits until a whole window's credit is earned. Hence however many
 * requests come, the extraction is paused at most `burstMs + earnRatio x (time it ran)`: a build
 * that needs T seconds of running ends within (1 + earnRatio) x T + burstMs.
 */
import type { HostScheduler, TimerHandle } from '../host/scheduler';

/** How long the extraction stays paused after the last interactive request. */
export const YIELD_WINDOW_MS = 250;
/** The pause a burst of requests may take at once, and the most credit that can be saved up. */
export const YIELD_BURST_MS = 8000;
/** Pause earned per millisecond the extraction runs (0.5: at most a third of the time paused once the burst is spent). */
export const YIELD_EARN_RATIO = 0.5;

/** Options of an InteractiveYield. */
export interface InteractiveYieldOptions {
  scheduler: Pick<HostScheduler, 'after' | 'now'>;
  /** Pauses (true) or resumes (false) the extraction; called only on a change. */
  setPaused: (paused: boolean) => void;
  windowMs?: number;
  burstMs?: number;
  earnRatio?: number;
}

/** What the rule did, for the log, tests and benchmarks (cumulative). */
export interface InteractiveYieldStats {
  /** Pauses started. */
  pauses: number;
  /** Milliseconds spent paused (up to the last change). */
  pausedMs: number;
  /** Requests that found no credit and did not pause. */
  refused: number;
}

/** Pauses bulk extraction for a short window after each interactive request, within a bounded budget. */
export class InteractiveYield {
  readonly stats: InteractiveYieldStats = { pauses: 0, pausedMs: 0, refused: 0 };
  private readonly windowMs: number;
  private readonly burstMs: number;
  private readonly earnRatio: number;
  private credit: number;
  private paused = false;
  /** When the credit was last brought up to date. */
  private since: number;
  /** When the current pause ends unless another request extends it. */
  private until = 0;
  private timer: TimerHandle | undefined;
  private disposed = false;

  constructor(private readonly options: InteractiveYieldOptions) {
    this.windowMs = Math.max(0, options.windowMs ?? YIELD_WINDOW_MS);
    this.burstMs = Math.max(0, options.burstMs ?? YIELD_BURST_MS);
    this.earnRatio = Math.max(0, options.earnRatio ?? YIELD_EARN_RATIO);
    this.credit = this.burstMs;
    this.since = options.scheduler.now();
  }

  /** Whether the extraction is paused now. */
  get isPaused(): boolean {
    return this.paused;
  }

  /** The pause credit left, in milliseconds (for tests). */
  get creditMs(): number {
    this.account();
    return this.credit;
  }

  /**
   * An interactive request arrived (hover, references, highlights, a move between documents):
   * pause, or extend the pause, until `windowMs` after it, as far as the credit allows.
   */
  interactive(): void {
    if (this.disposed || this.windowMs === 0) return;
    this.account();
    const now = this.options.scheduler.now();
    if (!this.paused) {
      // A pause shorter than a window would cost a pause and a resume for little: wait for a window's credit.
      if (this.credit < this.windowMs) {
        this.stats.refused++;
        return;
      }
      this.paused = true;
      this.stats.pauses++;
      this.options.setPaused(true);
    }
    this.until = now + this.windowMs;
    this.schedule(now);
  }

  /** Resumes the extraction at once and stops pausing it (the rule's owner is going away). */
  dispose(): void {
    if (this.disposed) return;
    this.resume();
    this.disposed = true;
  }

  /** Brings the credit up to now: spent while paused, earned while running. */
  private account(): void {
    const now = this.options.scheduler.now();
    const elapsed = Math.max(0, now - this.since);
    this.since = now;
    if (this.paused) {
      this.credit = Math.max(0, this.credit - elapsed);
      this.stats.pausedMs += elapsed;
    } else {
      this.credit = Math.min(this.burstMs, this.credit + elapsed * this.earnRatio);
    }
  }

  /** One timer, at the end of the window or when the credit runs out, whichever comes first. */
  private schedule(now: number): void {
    this.timer?.cancel();
    const wait = Math.max(0, Math.min(this.until - now, this.credit));
    this.timer = this.options.scheduler.after(wait, () => {
      this.timer = undefined;
      this.account();
      const at = this.options.scheduler.now();
      if (at >= this.until || this.credit <= 0) this.resume();
      else this.schedule(at);
    });
  }

  private resume(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (!this.paused) return;
    this.account();
    this.paused = false;
    this.options.setPaused(false);
  }
}
