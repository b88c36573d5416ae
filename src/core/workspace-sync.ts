/**
 * Keeping an index of a workspace's files current without trusting one source of news: the
 * editor's file watcher misses files (code-server's often never reports files written into a
 * folder created a moment before, and can go silent after a watched folder is deleted), so the
 * index is also compared with a fresh listing now and then (`diffListing`), and every read or
 * removal, whoever asked for it, goes through one bounded queue (`FileUpdateQueue`): a few reads
 * in flight, the results taken in slices of a few milliseconds, and one change notification per
 * slice, so a burst of 10,000 files neither floods the host with reads nor with events.
 */
import type { HostScheduler, TimerHandle } from './host/scheduler';

/** What a listing says against what the index holds: files to read, and files to drop. */
export interface ListingDiff {
  /** Listed but not indexed, in listing order. */
  added: string[];
  /** Indexed but no longer listed, in index order. */
  gone: string[];
}

/**
 * Compares a fresh listing of the workspace's files with the locations an index holds.
 * `keep` spares indexed locations the listing cannot see (an open editor's file, say).
 * Linear in the sizes of both.
 */
export function diffListing(listed: Iterable<string>, indexed: Iterable<string>, keep: (location: string) => boolean = () => false): ListingDiff {
  const seen = new Set<string>();
  const indexedSet = new Set(indexed);
  const added: string[] = [];
  for (const location of listed) {
    if (seen.has(location)) continue;
    seen.add(location);
    if (!indexedSet.has(location)) added.push(location);
  }
  const gone: string[] = [];
  for (const location of indexedSet) if (!seen.has(location) && !keep(location)) gone.push(location);
  return { added, gone };
}

/** What became of one requested file. */
export type FileOutcome<T> =
  | { kind: 'read'; value: T }
  | { kind: 'failed'; error: Error }
  | { kind: 'removed' };

/** How a FileUpdateQueue reads, applies and reports. */
export interface FileUpdateQueueOptions<T> {
  /** Reads (and parses) one file; a rejection means it cannot be read now. */
  read(location: string): Promise<T>;
  /** Takes one outcome into the index; returns whether the index changed. */
  apply(location: string, outcome: FileOutcome<T>): boolean;
  /** The locations whose entries changed since the last call: once per slice, never empty. */
  changed(locations: string[]): void;
  scheduler: HostScheduler;
  /** Reads in flight at once (default 16: the file system answers several at a time). */
  readAhead?: number;
  /** Longest stretch of applying before the queue yields to the host (default 8 ms). */
  sliceMs?: number;
}

/**
 * A bounded, coalescing queue of file reads and removals. A location asked for again before its
 * turn is done once; when asked for while its read is in flight, that read's result is dropped
 * and the newer request wins (the file changed meanwhile). Outcomes are applied in slices: after
 * `sliceMs` of work the queue reports the changed locations and yields to the host, so the
 * listeners do one round of work per slice, not per file.
 */
export class FileUpdateQueue<T> {
  private readonly pending = new Map<string, 'read' | 'remove'>();
  /** The newest request per location: an older read's result is not applied. */
  private readonly latest = new Map<string, number>();
  private sequence = 0;
  private inFlight = 0;
  private readonly completed: { location: string; sequence: number; outcome: FileOutcome<T> }[] = [];
  private wake: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private disposed = false;
  private readonly readAhead: number;
  private readonly sliceMs: number;

  constructor(private readonly options: FileUpdateQueueOptions<T>) {
    this.readAhead = Math.max(1, options.readAhead ?? 16);
    this.sliceMs = options.sliceMs ?? 8;
  }

  /** Asks for a file to be read again (it is new or changed) or dropped (it is gone). */
  request(location: string, what: 'read' | 'remove'): void {
    if (this.disposed) return;
    this.pending.delete(location); // re-asked: its turn comes after what was asked before
    this.pending.set(location, what);
    this.latest.set(location, ++this.sequence);
    if (this.running) this.wake?.();
    else this.running = this.run();
  }

  /** Requests waiting or being read. */
  get size(): number {
    return this.pending.size + this.inFlight;
  }

  /** Resolves when every request made so far (and any made meanwhile) has been applied. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops: nothing more is read or applied. */
  dispose(): void {
    this.disposed = true;
    this.pending.clear();
    this.wake?.();
  }

  private async run(): Promise<void> {
    try {
      // A request made by a listener of the last report is taken by another round here: nothing
      // awaits between the check and clearing `running`, so no request is left without a runner.
      do await this.drain(); while (this.pending.size > 0 && !this.disposed);
    } finally {
      this.running = undefined;
    }
  }

  private async drain(): Promise<void> {
    const { scheduler } = this.options;
    let changed: string[] = [];
    let sliceStart = scheduler.now();
    while (!this.disposed && (this.pending.size > 0 || this.inFlight > 0 || this.completed.length > 0)) {
      // Start reads up to the bound; removals need no read and are applied at once.
      for (const [location, what] of this.pending) {
        if (this.inFlight >= this.readAhead) break;
        this.pending.delete(location);
        const sequence = this.latest.get(location)!;
        if (what === 'remove') {
          this.latest.delete(location);
          if (this.options.apply(location, { kind: 'removed' })) changed.push(location);
          continue;
        }
        this.inFlight++;
        this.options.read(location).then(
          (value): FileOutcome<T> => ({ kind: 'read', value }),
          (error: unknown): FileOutcome<T> => ({ kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) }),
        ).then((outcome) => {
          this.inFlight--;
          this.completed.push({ location, sequence, outcome });
          this.wake?.();
        });
      }
      if (this.completed.length === 0 && this.inFlight > 0) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        this.wake = undefined;
        continue;
      }
      let taken = 0;
      while (taken < this.completed.length && scheduler.now() - sliceStart < this.sliceMs) {
        const done = this.completed[taken++];
        // A newer request for the same file (asked while this read was in flight) decides instead.
        if (this.latest.get(done.location) !== done.sequence) continue;
        this.latest.delete(done.location);
        if (this.options.apply(done.location, done.outcome)) changed.push(done.location);
      }
      this.completed.splice(0, taken);
      if (scheduler.now() - sliceStart >= this.sliceMs) {
        if (changed.length > 0) this.options.changed(changed);
        changed = [];
        await scheduler.yieldToHost();
        sliceStart = scheduler.now();
      }
    }
    if (changed.length > 0 && !this.disposed) this.options.changed(changed);
  }
}

/** How often a RelistSchedule lists the workspace again (milliseconds). */
export interface RelistIntervals {
  /** While files are moving (some came or went in the last `busyForMs`). */
  busyMs: number;
  /** When all is quiet. */
  quietMs: number;
  /** How long after the last activity the workspace counts as busy. */
  busyForMs: number;
  /** Quiet time after the last file created before one more listing (the burst is over). */
  burstMs: number;
  /**
   * The timer waits at least this many times as long as the last listing took: a workspace whose
   * listing costs a second (10,000 files) is listed at most every 10 s, so listing never takes
   * more than a tenth of the time, whatever the other intervals say.
   */
  costFactor: number;
  /**
   * A timed listing due while the user works (see `RelistSchedule.interaction`) waits until they
   * have paused this long...
   */
  pauseMs: number;
  /** ...but never more than this past the time it was due. */
  maxDeferMs: number;
}

/**
 * The defaults: 3 s while busy (for a minute), 30 s when quiet, 1 s after a burst of new files;
 * never more than a tenth of the time listing; a timed listing waits for a 1.5 s pause in the
 * user's work, 30 s at most.
 */
export const DEFAULT_RELIST_INTERVALS: RelistIntervals = { busyMs: 3_000, quietMs: 30_000, busyForMs: 60_000, burstMs: 1_000, costFactor: 10, pauseMs: 1_500, maxDeferMs: 30_000 };

/**
 * When to compare an index with a fresh listing of the workspace: on a timer, often while files
 * come and go, rarely when all is quiet; once more shortly after a burst of created files (the
 * watcher may have missed some of them); and whenever asked (a window getting the focus). Runs
 * never overlap: asked while one runs, one more follows it, so the caller's answer is a listing
 * taken after it asked.
 */
export class RelistSchedule {
  private intervals: RelistIntervals;
  private timer: TimerHandle | undefined;
  private burstTimer: TimerHandle | undefined;
  private running: Promise<void> | undefined;
  private again: Promise<void> | undefined;
  private busyUntil = -Infinity;
  private lastInteraction = -Infinity;
  /** How long the last listing took (the timer waits `costFactor` times that at least). */
  private lastRunMs = 0;
  private started = false;
  private disposed = false;
  /** Listings run so far (tests read it). */
  runs = 0;

  constructor(private readonly scheduler: HostScheduler, private readonly run: () => Promise<void>, intervals: Partial<RelistIntervals> = {}) {
    this.intervals = { ...DEFAULT_RELIST_INTERVALS, ...intervals };
  }

  /** Starts the timer (after the first full scan: before it, there is nothing to compare). */
  start(): void {
    this.started = true;
    this.arm();
  }

  /** Changes the intervals (tests make them short) and re-arms the timer. */
  setIntervals(intervals: Partial<RelistIntervals>): void {
    this.intervals = { ...this.intervals, ...intervals };
    if (this.started) this.arm();
  }

  /** Files came or went: list more often for a while; after a created file, once more when the burst is over. */
  activity(created: boolean): void {
    if (this.disposed) return;
    const wasQuiet = this.scheduler.now() >= this.busyUntil;
    this.busyUntil = this.scheduler.now() + this.intervals.busyForMs;
    if (wasQuiet && this.started && !this.running) this.arm();
    if (!created) return;
    this.burstTimer?.cancel();
    this.burstTimer = this.scheduler.after(this.intervals.burstMs, () => {
      this.burstTimer = undefined;
      if (this.started) void this.now();
    });
  }

  /**
   * The user is working (an editor shown, a move to the next document): a timed listing waits
   * until they pause. A listing of 10,000 files keeps the host busy for a few hundred
   * milliseconds and its search runs in the workbench: run during a move, it makes the move late.
   * Listings asked for (`now`, a burst of new files) do not wait.
   */
  interaction(): void {
    this.lastInteraction = this.scheduler.now();
  }

  /** Lists now; resolves when a listing that started after this call is done. */
  now(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    if (this.running) {
      this.again ??= this.running.then(() => {
        this.again = undefined;
        return this.now();
      });
      return this.again;
    }
    this.runs++;
    const started = this.scheduler.now();
    this.running = this.run().catch(() => undefined).finally(() => {
      this.lastRunMs = Math.max(0, this.scheduler.now() - started);
      this.running = undefined;
    });
    return this.running;
  }

  /** Stops every timer; nothing runs any more. */
  dispose(): void {
    this.disposed = true;
    this.timer?.cancel();
    this.burstTimer?.cancel();
  }

  private arm(): void {
    this.timer?.cancel();
    if (this.disposed) return;
    const busy = this.scheduler.now() < this.busyUntil;
    const delay = Math.max(busy ? this.intervals.busyMs : this.intervals.quietMs, this.intervals.costFactor * this.lastRunMs);
    this.timer = this.scheduler.after(delay, () => this.due(this.scheduler.now()));
  }

  /** A timed listing is due since `since`: now, or after the user's pause (at most `maxDeferMs` late). */
  private due(since: number): void {
    const now = this.scheduler.now();
    const wait = Math.min(this.lastInteraction + this.intervals.pauseMs, since + this.intervals.maxDeferMs) - now;
    if (wait > 0) {
      this.timer = this.scheduler.after(wait, () => this.due(since));
      return;
    }
    void this.now().finally(() => {
      if (!this.disposed) this.arm();
    });
  }
}

/**
 * The locations whose stamp on disk (a host's cheap version of a file: modification time and
 * size) differs from the one recorded when the file was last read: files changed while nobody
 * said so. `stampNow` is synchronous (a stat); the work is done in slices of `sliceMs` with a
 * yield between, so 10,000 files never hold the host at a stretch. A location whose stamp cannot
 * be taken now (gone, or unknown to the host) is left to the listing.
 */
export async function changedStamps(
  recorded: Iterable<readonly [string, string]>,
  stampNow: (location: string) => string | undefined,
  scheduler: HostScheduler,
  sliceMs = 8,
): Promise<string[]> {
  const changed: string[] = [];
  let sliceStart = scheduler.now();
  for (const [location, stamp] of recorded) {
    const now = stampNow(location);
    if (now !== undefined && now !== stamp) changed.push(location);
    if (scheduler.now() - sliceStart >= sliceMs) {
      await scheduler.yieldToHost();
      sliceStart = scheduler.now();
    }
  }
  return changed;
}
