import { paragraphCount } from './parsed-document';
import { wordCountOf } from './document-memo';
import type { ParseResult, Range, ReviewStatus, SeedDocument } from './types';

/**
 * What the workspace needs to know of a document without keeping its parse: enough for
 * workspace symbols, the corpus tree, CodeLens and status counts (cross-file checks keep their own index).
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
}

/** Summarises every document of a parse. */
export function summarizeDocuments(result: ParseResult): DocumentSummary[] {
  return result.documents.map(summarizeDocument);
}

/** Summarises one document. */
export function summarizeDocument(doc: SeedDocument): DocumentSummary {
  return {
    id: doc.id,
    idValid: doc.idValid,
    headline: doc.headline?.text.trim() ?? '',
    status: doc.status,
    startLine: doc.startLine,
    endLine: doc.endLine,
    idRange: doc.idRange,
    paragraphCount: paragraphCount(doc),
    wordCount: wordCountOf(doc),
  };
}

/** Counts documents per review status. */
export function countStatuses(summaries: readonly { status: ReviewStatus }[]): Record<ReviewStatus, number> {
  const counts: Record<ReviewStatus, number> = { unreviewed: 0, approved: 0, rejected: 0, flagged: 0 };
  for (const summary of summaries) counts[summary.status]++;
  return counts;
}
