/**
 * The scheduling rules of the entity index build: files are queued (after a quiet time when they
 * come from typing), one run at a time drains the queue in rounds (each round takes a snapshot
 * of the queue, so files queued meanwhile wait for the next round, never for a whole new build),
 * and the build is "done" once the first run settles with nothing queued. Pure state over the
 * host's timers; the entity service says what a round does.
 */
import type { HostScheduler, TimerHandle } from '../host/scheduler';

/** What the queue needs from its owner. */
export interface BuildQueueOptions {
  scheduler: Pick<HostScheduler, 'after'>;
  /** One round over a snapshot of the queued files; returns early when `signal` is aborted. */
  round: (uris: string[], signal: AbortSignal) => Promise<void>;
  /** Whether queued work may run (the feature is on and the owner not disposed). */
  active: () => boolean;
  /** A run failed (a cancelled run is the owner's to recognise and ignore). */
  onError: (error: unknown) => void;
  /**
   * A run ended with nothing queued; `first` for the first time since the build was (re)started.
   * `firstComplete` for the first settle since then of a run begun since then, with no run aborted
   * or failed in between: only then does the index hold the whole corpus (what the cache is trimmed to).
   */
  onSettled: (first: boolean, firstComplete: boolean) => void;
}

/**
 * The queue of files waiting for the entity index, and the single run that drains it.
 * Runs are chained through timers only: nothing here loops on time or arithmetic.
 */
export class EntityBuildQueue {
  private readonly pending = new Set<string>();
  private timer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private abort: AbortController | undefined;
  private settledOnce = false;
  /** `firstComplete` was reported since the (re)start (see onSettled). */
  private completedOnce = false;
  /** A run was aborted or failed since the (re)start: the index may hold part of the corpus only. */
  private interrupted = false;
  /** Counts restarts: a run under way at a restart belongs to the build before it. */
  private generation = 0;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(private readonly options: BuildQueueOptions) {}

  /** Queues files; the run starts `delayMs` after the last call (a burst of changes is one run). */
  enqueue(uris: readonly string[], delayMs: number): void {
    if (!this.options.active()) return;
    for (const uri of uris) this.pending.add(uri);
    this.timer?.cancel();
    this.timer = this.options.scheduler.after(delayMs, () => {
      this.timer = undefined;
      this.kick();
    });
  }

  /** Whether a file waits in the queue. */
  has(uri: string): boolean {
    return this.pending.has(uri);
  }

  /** True once a run has settled since the build was (re)started. */
  get built(): boolean {
    return this.settledOnce;
  }

  /** Whether a run is under way. */
  get draining(): boolean {
    return this.running !== undefined;
  }

  /** Built, and nothing queued, waiting for its quiet time or running. */
  isIdle(): boolean {
    return this.settledOnce && !this.running && this.pending.size === 0 && this.timer === undefined;
  }

  /** Resolves when the queue is idle, or when `release` is called (a switch-off, dispose). */
  whenIdle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Resolves every waiter of whenIdle (the feature was switched off or disposed: nothing will come). */
  release(): void {
    this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  /** The build starts over: not built until the next run settles. */
  restart(): void {
    this.settledOnce = false;
    this.completedOnce = false;
    this.interrupted = false;
    this.generation++;
  }

  /** Stops the current run (between documents); what was queued stays queued. */
  abortRun(): void {
    this.abort?.abort();
  }

  /** Forgets what is queued and stops the current run; resolves when it has stopped. */
  async clear(): Promise<void> {
    this.pending.clear();
    this.timer?.cancel();
    this.timer = undefined;
    this.abort?.abort();
    await this.running?.catch(() => undefined);
  }

  /** Resolves when the current run (if any) has ended. */
  async runEnded(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  /** Stops everything: no timer stays, no run continues, waiters are released. */
  dispose(): void {
    this.timer?.cancel();
    this.timer = undefined;
    this.abort?.abort();
    this.release();
  }

  private kick(): void {
    if (this.running || !this.options.active()) return;
    const abort = (this.abort = new AbortController());
    const generation = this.generation;
    let failed = false;
    this.running = this.drain(abort.signal)
      .catch((error: unknown) => {
        failed = true;
        this.options.onError(error);
      })
      .finally(() => {
        this.running = undefined;
        // A run under way when the build restarted (a file changed during a rebuild's cache write,
        // a switch-off) saw only part of the new build: it neither completes nor interrupts it.
        const current = generation === this.generation;
        // An aborted run (clear, switch-off, dispose, a new extractor) or a failed one dropped the
        // rest of its snapshot: the index may hold part of the corpus only until the build restarts.
        if (current && (failed || abort.signal.aborted)) this.interrupted = true;
        if (this.pending.size > 0 && this.options.active()) this.kick();
        else this.settle(current);
      });
  }

  /** Rounds until the queue is empty or the run is aborted. */
  private async drain(signal: AbortSignal): Promise<void> {
    while (this.pending.size > 0 && !signal.aborted) {
      const uris = [...this.pending];
      this.pending.clear();
      await this.options.round(uris, signal);
    }
  }

  private settle(current: boolean): void {
    const first = !this.settledOnce;
    this.settledOnce = true;
    const firstComplete = current && !this.interrupted && !this.completedOnce;
    if (firstComplete) this.completedOnce = true;
    this.options.onSettled(first, firstComplete);
    if (this.isIdle()) this.release();
  }
}
