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

/** Worker -> pool: the results of one batch, one per document. */
export interface WorkerResponse {
  batch: number;
  results: ({ key: string; extraction: DocumentExtraction; error?: undefined } | { key: string; error: string; extraction?: undefined })[];
}
