/** Messages between the worker pool and its entity workers (plain data, structured-clone safe). */
import type { DocumentExtraction, EntityLine } from './types';

/** One document to extract: a caller-chosen key and its body lines. */
export interface ExtractionJob {
  key: string;
  lines: EntityLine[];
}

/** Pool -> worker: a batch of documents. */
export interface WorkerRequest {
  batch: number;
  docs: ExtractionJob[];
}

/**
 * Host -> worker, before any batch, where the worker cannot read the model file itself (a Web
 * Worker has no file access): the model's bytes. The worker answers with WorkerReady.
 */
export interface WorkerInit {
  /** `pause`: the host's pause flag (see pauseGate in worker.ts), where memory can be shared with the worker. */
  init: { model: Uint8Array; pause?: SharedArrayBuffer };
}

/** Worker -> host: the model is decoded (or could not be: `error`). */
export interface WorkerReady {
  ready: true;
  error?: string;
}

/** Worker -> pool: the results of one batch, one per document. */
export interface WorkerResponse {
  batch: number;
  results: ({ key: string; extraction: DocumentExtraction; error?: undefined } | { key: string; error: string; extraction?: undefined })[];
}
