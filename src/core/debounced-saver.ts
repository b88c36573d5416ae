/**
 * Saving a piece of state some time after it last changed, one save at a time. A save asked for
 * while another is under way waits for it and then saves the latest state, so a reader who waits
 * for flush() always finds the newest complete file, never one an older save is about to replace.
 */
import type { HostScheduler, TimerHandle } from './host/scheduler';

/** What the saver needs from its owner. */
export interface DebouncedSaverOptions {
  scheduler: Pick<HostScheduler, 'after'>;
  /** Quiet time after the last change before a save starts. */
  delayMs: number;
  /** Writes the current state (atomically); a failure is reported through onError. */
  save: () => Promise<void>;
  /** Whether the state may be saved yet (a cache never read must not overwrite the stored one). */
  ready: () => boolean;
  onError: (error: unknown) => void;
}

/** Debounced, never overlapping saves of one piece of state. */
export class DebouncedSaver {
  private dirty = false;
  private timer: TimerHandle | undefined;
  private inFlight: Promise<void> | undefined;
  private disposed = false;

  constructor(private readonly options: DebouncedSaverOptions) {}

  /** The state changed: saved after the quiet time (each change restarts it). */
  markDirty(): void {
    this.dirty = true;
    // After dispose the owner has written what it could at shutdown: a run still ending then must
    // not start a timer (nor a save) that outlives it.
    if (this.disposed) return;
    this.timer?.cancel();
    this.timer = this.options.scheduler.after(this.options.delayMs, () => {
      this.timer = undefined;
      void this.flush();
    });
  }

  /** True while a change is not yet on disk: dirty, or a save under way. */
  get unsaved(): boolean {
    return this.dirty || this.inFlight !== undefined;
  }

  /**
   * Saves now if anything changed since the last save; resolves once the latest state is written
   * (or the save failed and was reported).
   */
  async flush(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.inFlight) {
      await this.inFlight;
      // Another caller may have started the next save meanwhile: it holds our state too.
      if (this.inFlight) return this.inFlight;
    }
    if (!this.dirty || !this.options.ready()) return;
    this.dirty = false;
    const saving: Promise<void> = this.options.save().then(
      () => undefined,
      (error: unknown) => this.options.onError(error),
    ).finally(() => {
      if (this.inFlight === saving) this.inFlight = undefined;
    });
    this.inFlight = saving;
    return saving;
  }

  /** Stops the timer for good (shutdown); the owner writes what is `unsaved` synchronously if it can. */
  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.timer = undefined;
  }
}
