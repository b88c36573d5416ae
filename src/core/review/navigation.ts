/**
 * Where "next document", "previous document" and "next unreviewed document" go, computed over
 * the documents of one file (in file order). Pure so that wrap-around rules are unit-tested.
 */
import type { ReviewStatus } from '../types';

/** The least a navigation target needs. */
export interface NavigableDocument {
  startLine: number;
  endLine: number;
  status: ReviewStatus;
}

/** A target document and whether reaching it wrapped around the end (or start) of the file. */
export interface NavigationTarget {
  index: number;
  wrapped: boolean;
}

/** The index of the last document starting at or before `line`, or -1. Binary search: files hold 10,000s of documents. */
export function documentIndexAt(documents: readonly NavigableDocument[], line: number): number {
  let lo = 0;
  let hi = documents.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (documents[mid].startLine <= line) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** The document after the one at `line` (wrapping to the first), or undefined when there is none. */
export function nextDocument(documents: readonly NavigableDocument[], line: number): NavigationTarget | undefined {
  if (documents.length === 0) return undefined;
  const next = documentIndexAt(documents, line) + 1;
  return next < documents.length ? { index: next, wrapped: false } : { index: 0, wrapped: true };
}

/**
 * The document before the one holding `line`; from a gap between documents, the one just
 * above the gap. Wraps to the last document.
 */
export function previousDocument(documents: readonly NavigableDocument[], line: number): NavigationTarget | undefined {
  if (documents.length === 0) return undefined;
  const at = documentIndexAt(documents, line);
  const previous = at >= 0 && line > documents[at].endLine ? at : at - 1;
  return previous >= 0 ? { index: previous, wrapped: false } : { index: documents.length - 1, wrapped: true };
}

/** The first unreviewed document after the one at `line`, wrapping around; undefined when all are reviewed. */
export function nextUnreviewedDocument(documents: readonly NavigableDocument[], line: number): NavigationTarget | undefined {
  const n = documents.length;
  const start = documentIndexAt(documents, line) + 1;
  for (let k = 0; k < n; k++) {
    const index = (start + k) % n;
    if (documents[index].status === 'unreviewed') return { index, wrapped: start + k >= n };
  }
  return undefined;
}
