import { describe, expect, it } from 'vitest';
import { documentIndexAt, nextDocument, nextUnreviewedDocument, previousDocument } from '../../src/core/review/navigation';
import type { ReviewStatus } from '../../src/core/types';

// Three documents: lines 2-5, 7-10, 12-15; a comment at line 0.
const docs = [
  { startLine: 2, endLine: 5, status: 'approved' as ReviewStatus },
  { startLine: 7, endLine: 10, status: 'unreviewed' as ReviewStatus },
  { startLine: 12, endLine: 15, status: 'rejected' as ReviewStatus },
];

describe('review navigation', () => {
  it('finds the document at a line', () => {
    expect([0, 2, 4, 6, 7, 15, 99].map((line) => documentIndexAt(docs, line))).toEqual([-1, 0, 0, 0, 1, 2, 2]);
  });

  it('next goes to the following document and wraps after the last', () => {
    expect(nextDocument(docs, 0)).toEqual({ index: 0, wrapped: false });
    expect(nextDocument(docs, 3)).toEqual({ index: 1, wrapped: false });
    expect(nextDocument(docs, 13)).toEqual({ index: 0, wrapped: true });
    expect(nextDocument([], 0)).toBeUndefined();
  });

  it('previous goes to the document before the current one, from a gap to the one above, and wraps', () => {
    expect(previousDocument(docs, 8)).toEqual({ index: 0, wrapped: false });
    expect(previousDocument(docs, 11)).toEqual({ index: 1, wrapped: false });
    expect(previousDocument(docs, 3)).toEqual({ index: 2, wrapped: true });
    expect(previousDocument(docs, 0)).toEqual({ index: 2, wrapped: true });
  });

  it('next unreviewed skips reviewed documents and wraps', () => {
    expect(nextUnreviewedDocument(docs, 0)).toEqual({ index: 1, wrapped: false });
    expect(nextUnreviewedDocument(docs, 13)).toEqual({ index: 1, wrapped: true });
    expect(nextUnreviewedDocument(docs, 8)).toEqual({ index: 1, wrapped: true });
    expect(nextUnreviewedDocument(docs.map((d) => ({ ...d, status: 'approved' as ReviewStatus })), 0)).toBeUndefined();
  });
});
