/**
 * Entity extraction on the extension host's own thread, for hosts that cannot create a worker
 * (VS Code Server refuses workers created by the web extensions it serves: "Creating workers from
 * remote extensions is currently not supported"). The documents are extracted in small slices:
 * after each document, once the slice has used its time budget, the extractor yields to the host
 * (HostScheduler.yieldToHost), so a hover or a keystroke waits at most one slice and one document.
 * Same interface as the worker pool, so the entity index does not care which one runs.
 */
import type { HostScheduler } from '../host/scheduler';
import { extractDocument } from './extract';
import type { DocumentExtraction, EntityLine } from './types';
import { ExtractionCancelled, type ExtractionJob, type ExtractionRunOptions, type ExtractionRunResult } from './worker-pool';

/** Milliseconds of extraction between two yields (one document at least). */
export const DEFAULT_SLICE_MS = 4;

/** Options of a SlicedExtractor. */
export interface SlicedExtractorOptions {
  scheduler: HostScheduler;
  /** Time budget of one slice (default DEFAULT_SLICE_MS); 0 yields after every document. */
  sliceMs?: number;
  /** The extraction of one document (default extractDocument with the process's model). */
  extract?: (lines: readonly EntityLine[]) => DocumentExtraction;
}

/** What one run did, for tests and the log. */
export interface SliceStats {
  /** Documents extracted since creation. */
  documents: number;
  /** Slices since creation (a slice ends with a yield to the host). */
  slices: number;
  /** The longest slice since creation, in milliseconds. */
  longestSliceMs: number;
}

/** Extracts documents on the host's thread in time-bounded slices; runs queue one after another. */
export class SlicedExtractor {
  readonly stats: SliceStats = { documents: 0, slices: 0, longestSliceMs: 0 };
  private readonly sliceMs: number;
  private readonly extractOne: (lines: readonly EntityLine[]) => DocumentExtraction;
  private tail: Promise<unknown> = Promise.resolve();
  private disposed = false;
  /** Set while paused: resolved (and cleared) on resume. */
  private resumed: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(private readonly options: SlicedExtractorOptions) {
    this.sliceMs = Math.max(0, options.sliceMs ?? DEFAULT_SLICE_MS);
    this.extractOne = options.extract ?? ((lines) => extractDocument(lines));
  }

  /** Extracts every job's document; rejects with ExtractionCancelled on abort, like the pool. */
  extract(jobs: readonly ExtractionJob[], options: ExtractionRunOptions = {}): Promise<ExtractionRunResult> {
    const run = this.tail.then(() => this.run(jobs, options));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Pauses (true) or resumes (false) the runs: a paused run waits at its next yield, without
   * extracting, until resumed (interactive requests take the thread meanwhile; interactive-yield.ts).
   */
  setPaused(paused: boolean): void {
    if (paused && !this.resumed) {
      let resolve = () => {};
      const promise = new Promise<void>((r) => (resolve = r));
      this.resumed = { promise, resolve };
    } else if (!paused && this.resumed) {
      this.resumed.resolve();
      this.resumed = undefined;
    }
  }

  /** Resolves once not paused, or at once when disposed or aborted. */
  private async whilePaused(signal: AbortSignal | undefined): Promise<void> {
    while (this.resumed && !this.disposed && !signal?.aborted) {
      const resumed = this.resumed.promise;
      let onAbort = () => {};
      await new Promise<void>((resolve) => {
        onAbort = resolve;
        signal?.addEventListener('abort', onAbort, { once: true });
        void resumed.then(resolve);
      });
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Stops: runs in progress end with ExtractionCancelled at their next document. */
  dispose(): Promise<void> {
    this.disposed = true;
    this.setPaused(false);
    return Promise.resolve();
  }

  private async run(jobs: readonly ExtractionJob[], options: ExtractionRunOptions): Promise<ExtractionRunResult> {
    const { scheduler } = this.options;
    const result: ExtractionRunResult = { extractions: new Map(), errors: new Map() };
    let sliceStart = scheduler.now();
    let done = 0;
    for (const job of jobs) {
      if (this.disposed || options.signal?.aborted) throw new ExtractionCancelled();
      try {
        const extraction = this.extractOne(job.lines);
        result.extractions.set(job.key, extraction);
        options.onResult?.(job.key, extraction);
      } catch (e) {
        result.errors.set(job.key, e instanceof Error ? e.message : String(e));
      }
      done++;
      this.stats.documents++;
      const elapsed = scheduler.now() - sliceStart;
      if (elapsed >= this.sliceMs || done === jobs.length) {
        this.stats.slices++;
        this.stats.longestSliceMs = Math.max(this.stats.longestSliceMs, elapsed);
        options.onProgress?.(done, jobs.length);
        await scheduler.yieldToHost();
        await this.whilePaused(options.signal);
        sliceStart = scheduler.now();
      }
    }
    if (this.disposed || options.signal?.aborted) throw new ExtractionCancelled();
    return result;
  }
}
