import { countWords } from './labels';
import type { ParseResult, Range, ReviewStatus, SeedDocument } from './types';

/**
 * What the workspace needs to know of a document without keeping its parse: enough for
 * workspace symbols, the corpus tree, status counts and cross-file checks.
 */
export interface DocumentSummary {
  id: string;
  idValid: boolean;
  headline: string;
  status: ReviewStatus;
  startLine: number;
  endLine: number;
  idRange: Range;
  paragraphCount: number;
  wordCount: number;
  /** Hash of the body (headline and paragraphs, trimmed, joined by "\n"); equal bodies, equal hashes. */
  bodyHash: string;
}

/** Summarises every document of a parse. */
export function summarizeDocuments(result: ParseResult): DocumentSummary[] {
  return result.documents.map(summarizeDocument);
}

/** Summarises one document. */
export function summarizeDocument(doc: SeedDocument): DocumentSummary {
  let words = 0;
  let hash = fnvStart();
  if (doc.headline) {
    words += countWords(doc.headline.text);
    hash = fnvAdd(hash, doc.headline.text.trim());
  }
  for (const paragraph of doc.paragraphs) {
    words += countWords(paragraph.text);
    hash = fnvAdd(fnvAdd(hash, '\n'), paragraph.text.trim());
  }
  return {
    id: doc.id,
    idValid: doc.idValid,
    headline: doc.headline?.text.trim() ?? '',
    status: doc.status,
    startLine: doc.startLine,
    endLine: doc.endLine,
    idRange: doc.idRange,
    paragraphCount: doc.paragraphs.length,
    wordCount: words,
    bodyHash: doc.headline ? fnvHex(hash) : '',
  };
}

/** Two independent 32-bit FNV-1a lanes: 64 bits make accidental equal hashes negligible in a corpus. */
type Fnv = [number, number];

function fnvStart(): Fnv {
  return [0x811c9dc5, 0x01000193 ^ 0x5bd1e995];
}

function fnvAdd(state: Fnv, text: string): Fnv {
  let [a, b] = state;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x01000193) ^ (b >>> 15);
  }
  return [a, b];
}

function fnvHex([a, b]: Fnv): string {
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** Counts documents per review status. */
export function countStatuses(summaries: readonly { status: ReviewStatus }[]): Record<ReviewStatus, number> {
  const counts: Record<ReviewStatus, number> = { unreviewed: 0, approved: 0, rejected: 0, flagged: 0 };
  for (const summary of summaries) counts[summary.status]++;
  return counts;
}
