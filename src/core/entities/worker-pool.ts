/**
 * A pool of entity-extraction worker threads. Documents are sent in small batches to whichever
 * worker is free, so a slow batch never holds up the rest; results arrive per document with a
 * progress callback; a run can be cancelled with an AbortSignal (queued batches are dropped,
 * results of batches already running are discarded). Workers stay alive between runs because
 * loading the tagger costs a few hundred milliseconds.
 */
import type { DocumentExtraction } from './types';
import type { ExtractionJob, WorkerRequest, WorkerResponse } from './worker-protocol';

export type { ExtractionJob } from './worker-protocol';

/**
 * What the pool needs of a worker, whatever runs it: a Node worker thread (see
 * src/entity-worker-node.ts) or, later, a browser Web Worker. No Node import here.
 */
export interface EntityWorkerLike {
  postMessage(request: WorkerRequest): void;
  onMessage(listener: (response: WorkerResponse) => void): void;
  /** Called when the worker fails or exits abnormally. */
  onError(listener: (error: unknown) => void): void;
  terminate(): Promise<unknown> | void;
  /** Busy workers keep their process alive, idle ones must not (a CLI would never exit); optional. */
  setBusy?(busy: boolean): void;
  /**
   * Stops (true) or resumes (false) the worker's computing between two documents, where the host
   * shares a pause flag with it (worker.ts pauseGate); absent elsewhere, where a paused pool only
   * stops feeding the worker, which then ends the batches it holds.
   */
  setPaused?(paused: boolean): void;
}

/** Pool configuration. */
export interface EntityWorkerPoolOptions {
  /** Starts one worker (each runs src/core/entities/worker.ts or its bundle). */
  createWorker: () => EntityWorkerLike;
  /** Number of workers (default 2). */
  size?: number;
  /** Documents per message (default 16): small enough to balance, large enough to amortise messaging. */
  batchSize?: number;
}

/** Callbacks and cancellation for one run. */
export interface ExtractionRunOptions {
  /** Called after each finished batch with the number of documents done and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Called once per document as soon as its result arrives. */
  onResult?: (key: string, extraction: DocumentExtraction) => void;
  signal?: AbortSignal;
}

/** The outcome of a run: extractions by key, and the documents that failed with their error. */
export interface ExtractionRunResult {
  extractions: Map<string, DocumentExtraction>;
  errors: Map<string, string>;
}

interface Slot {
  worker: EntityWorkerLike;
  /** Batches posted to this worker and not answered yet, oldest first. */
  batches: number[];
}

/**
 * Batches a worker may hold at once: the one it works on and the next, already queued in its
 * message port, so it never waits a round trip through the (possibly busy) main thread.
 */
const BATCHES_PER_WORKER = 2;

interface Run {
  queue: WorkerRequest[];
  total: number;
  done: number;
  inFlight: number;
  options: ExtractionRunOptions;
  result: ExtractionRunResult;
  resolve: (r: ExtractionRunResult) => void;
  reject: (e: unknown) => void;
  finished: boolean;
}

/** Error used when a run is cancelled. */
export class ExtractionCancelled extends Error {
  constructor() {
    super('entity extraction cancelled');
    this.name = 'ExtractionCancelled';
  }
}

/** A fixed-size pool of extraction workers, created lazily on the first run. */
export class EntityWorkerPool {
  private readonly slots: Slot[] = [];
  private readonly runs: Run[] = [];
  private readonly batchOwner = new Map<number, Run>();
  private nextBatch = 1;
  private disposed = false;
  private paused = false;
  readonly size: number;
  private readonly batchSize: number;

  constructor(private readonly options: EntityWorkerPoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? 2));
    this.batchSize = Math.max(1, Math.floor(options.batchSize ?? 16));
  }

  /** Extracts every job's document; resolves when all are done, rejects with ExtractionCancelled on abort. */
  extract(jobs: readonly ExtractionJob[], options: ExtractionRunOptions = {}): Promise<ExtractionRunResult> {
    if (this.disposed) return Promise.reject(new Error('EntityWorkerPool is disposed'));
    if (options.signal?.aborted) return Promise.reject(new ExtractionCancelled());
    return new Promise<ExtractionRunResult>((resolve, reject) => {
      const queue: WorkerRequest[] = [];
      for (let i = 0; i < jobs.length; i += this.batchSize) {
        queue.push({ batch: this.nextBatch++, docs: jobs.slice(i, i + this.batchSize) });
      }
      const run: Run = {
        queue, total: jobs.length, done: 0, inFlight: 0, options,
        result: { extractions: new Map(), errors: new Map() }, resolve, reject, finished: false,
      };
      if (jobs.length === 0) {
        resolve(run.result);
        return;
      }
      options.signal?.addEventListener('abort', () => this.finish(run, new ExtractionCancelled()), { once: true });
      this.runs.push(run);
      this.ensureWorkers();
      this.pump();
    });
  }

  /**
   * Pauses (true) or resumes (false) every worker: a pausable worker stops before its next
   * document, the others finish the batches they hold; no batch is sent while paused. Runs wait,
   * nothing is lost. Used to give the cores to interactive requests (interactive-yield.ts).
   */
  setPaused(paused: boolean): void {
    if (this.disposed || paused === this.paused) return;
    this.paused = paused;
    for (const slot of this.slots) slot.worker.setPaused?.(paused);
    if (!paused) this.pump();
  }

  /** Terminates the workers; pending runs are rejected. */
  async dispose(): Promise<void> {
    this.disposed = true;
    // A paused worker blocks in Atomics.wait: released before it is terminated.
    for (const slot of this.slots) slot.worker.setPaused?.(false);
    for (const run of [...this.runs]) this.finish(run, new Error('EntityWorkerPool disposed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots.length = 0;
  }

  private ensureWorkers(): void {
    while (this.slots.length < this.size) {
      const worker = this.options.createWorker();
      const slot: Slot = { worker, batches: [] };
      worker.onMessage((msg) => this.onMessage(slot, msg));
      worker.onError((err) => {
        if (!this.disposed) this.onWorkerFailure(slot, err);
      });
      // Idle workers must not keep a CLI process alive.
      worker.setBusy?.(false);
      if (this.paused) worker.setPaused?.(true);
      this.slots.push(slot);
    }
  }

  private pump(): void {
    if (this.paused) return;
    for (let round = 0; round < BATCHES_PER_WORKER; round++) {
      for (const slot of this.slots) {
        if (slot.batches.length > round) continue;
        const run = this.runs.find((r) => r.queue.length > 0);
        if (!run) return;
        const request = run.queue.shift() as WorkerRequest;
        run.inFlight++;
        slot.batches.push(request.batch);
        slot.worker.setBusy?.(true);
        this.batchOwner.set(request.batch, run);
        slot.worker.postMessage(request);
      }
    }
  }

  private onMessage(slot: Slot, msg: WorkerResponse): void {
    slot.batches = slot.batches.filter((batch) => batch !== msg.batch);
    if (slot.batches.length === 0) slot.worker.setBusy?.(false);
    const run = this.batchOwner.get(msg.batch);
    this.batchOwner.delete(msg.batch);
    if (run && !run.finished) {
      run.inFlight--;
      for (const r of msg.results) {
        if (r.extraction) {
          run.result.extractions.set(r.key, r.extraction);
          run.options.onResult?.(r.key, r.extraction);
        } else {
          run.result.errors.set(r.key, r.error);
        }
      }
      run.done += msg.results.length;
      run.options.onProgress?.(run.done, run.total);
      if (run.queue.length === 0 && run.inFlight === 0) this.finish(run);
    }
    this.pump();
  }

  private onWorkerFailure(slot: Slot, err: unknown): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    void slot.worker.terminate();
    // The batches that worker held are lost: fail the runs that were waiting on them.
    for (const batch of slot.batches) {
      const run = this.batchOwner.get(batch);
      this.batchOwner.delete(batch);
      if (run) this.finish(run, err);
    }
    if (!this.disposed && this.runs.length > 0) {
      this.ensureWorkers();
      this.pump();
    }
  }

  private finish(run: Run, error?: unknown): void {
    if (run.finished) return;
    run.finished = true;
    run.queue.length = 0;
    const i = this.runs.indexOf(run);
    if (i >= 0) this.runs.splice(i, 1);
    if (error) run.reject(error);
    else run.resolve(run.result);
  }
}
