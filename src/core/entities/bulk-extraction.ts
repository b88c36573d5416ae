/**
 * Where the entity index's bulk extraction runs: a pool of the host's workers, or slices on the
 * extension host's thread where the host gives none (VS Code Server refuses workers created by the
 * web extensions it serves). Decided once per extractor, on the first bulk run (activation starts
 * no worker); made again when the worker count changes or a test asks for slices.
 */
import type { HostScheduler } from '../host/scheduler';
import { SlicedExtractor } from './sliced-extraction';
import { EntityWorkerPool, ExtractionCancelled, type EntityWorkerLike, type ExtractionJob, type ExtractionRunOptions, type ExtractionRunResult } from './worker-pool';

/** Workers a host can give the entity index, or why it cannot (extraction then runs in slices). */
export type EntityWorkerSupply =
  | { create: () => EntityWorkerLike; where: string }
  | { unavailable: string };

/** Where bulk extraction runs: workers, or slices on the extension host's thread. */
export type ExtractionMode = 'workers' | 'slices';

/** The worker pool or the sliced extractor: the same calls. */
export interface BulkExtractor {
  extract(jobs: readonly ExtractionJob[], options: ExtractionRunOptions): Promise<ExtractionRunResult>;
  /** Stops extracting (between documents) until called with false; runs wait, nothing is lost. */
  setPaused(paused: boolean): void;
  dispose(): Promise<void>;
}

/** What the choice needs from its owner. */
export interface BulkExtractionOptions {
  scheduler: HostScheduler;
  /** Asked once per extractor: this host's workers, or why there are none. */
  workers: () => Promise<EntityWorkerSupply>;
  /** The pool's size (read when a pool is made). */
  poolSize: () => number;
  log: (message: string) => void;
}

/** The bulk extractor of this host, made on first need, paused and resumed as the build is. */
export class BulkExtraction {
  private extractor: Promise<BulkExtractor> | undefined;
  private made: BulkExtractor | undefined;
  private paused = false;
  private chosen: { mode: ExtractionMode; detail: string } | undefined;
  private forced: ExtractionMode | undefined;
  private disposed = false;

  constructor(private readonly options: BulkExtractionOptions) {}

  /** Where extraction runs, once the current extractor is made. */
  get mode(): ExtractionMode | undefined {
    return this.chosen?.mode;
  }

  /** Which workers run it, or why there are none (for the log, tests and benchmarks). */
  get detail(): string | undefined {
    return this.chosen?.detail;
  }

  /**
   * The extractor, made on the first call (and again after detach()). After dispose() it rejects
   * with ExtractionCancelled: a round still ending must not ask the host for workers again (the
   * web host reads the model and starts a probe worker for that) nor make a pool nobody disposes.
   */
  get(): Promise<BulkExtractor> {
    if (this.disposed) return Promise.reject(new ExtractionCancelled());
    this.extractor ??= (async (): Promise<BulkExtractor> => {
      const supply = this.forced === 'slices' ? { unavailable: 'slices requested' } : await this.options.workers();
      let extractor: BulkExtractor;
      if ('create' in supply) {
        this.chosen = { mode: 'workers', detail: supply.where };
        this.options.log(`Entity extraction: ${this.options.poolSize()} ${supply.where}`);
        extractor = new EntityWorkerPool({ createWorker: supply.create, size: this.options.poolSize() });
      } else {
        this.chosen = { mode: 'slices', detail: `no worker: ${supply.unavailable}` };
        this.options.log(`Entity extraction: in slices on the extension host, yielding between documents (no worker: ${supply.unavailable})`);
        extractor = new SlicedExtractor({ scheduler: this.options.scheduler });
      }
      if (this.paused) extractor.setPaused(true);
      return (this.made = extractor);
    })();
    return this.extractor;
  }

  /** Pauses or resumes extraction (the interactive pause); an extractor made later starts so. */
  setPaused(paused: boolean): void {
    this.paused = paused;
    this.made?.setPaused(paused);
  }

  /**
   * Forces slices even where workers exist (tests, benchmarks), or back to the host's choice
   * (undefined). True when that changed: the owner then detaches the current extractor.
   */
  force(mode: ExtractionMode | undefined): boolean {
    if (mode === this.forced) return false;
    this.forced = mode;
    return true;
  }

  /**
   * Forgets the current extractor at once, so the next get() makes a new one; returns the old one
   * for the owner to dispose once its run has stopped.
   */
  detach(): Promise<BulkExtractor | undefined> {
    const old = this.extractor;
    this.extractor = undefined;
    this.made = undefined;
    this.chosen = undefined;
    return old ? old.catch(() => undefined) : Promise.resolve(undefined);
  }

  /** Disposes the current extractor (its workers end); none is made after this. */
  dispose(): void {
    this.disposed = true;
    void this.detach().then((extractor) => extractor?.dispose());
  }
}
