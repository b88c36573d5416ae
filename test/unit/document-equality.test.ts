import { describe, expect, it } from 'vitest';
import { sameOutlineEntry } from '../../src/core/document-equality';
import { parseSeed } from '../../src/core/parser';

const corpus = [
  '<<< 001_0123456789abcdef status=approved',
  'First headline',
  'First paragraph.',
  '>>> 001_0123456789abcdef',
  '<<< 002_0123456789abcdee',
  'Second headline',
  'Second paragraph.',
  '>>> 002_0123456789abcdee',
  '',
].join('\n');

const docs = (text: string) => parseSeed(text).documents;

describe('sameOutlineEntry', () => {
  it('holds between two parses of the same text', () => {
    const [a1, b1] = docs(corpus);
    const [a2, b2] = docs(corpus.slice());
    expect(sameOutlineEntry(a1, a2)).toBe(true);
    expect(sameOutlineEntry(b1, b2)).toBe(true);
  });

  it('notices a one-character change in a paragraph, and only in that document', () => {
    const [a1, b1] = docs(corpus);
    const [a2, b2] = docs(corpus.replace('Second paragraph.', 'Second paragraph!'));
    expect(sameOutlineEntry(a1, a2)).toBe(true);
    expect(sameOutlineEntry(b1, b2)).toBe(false);
  });

  it('notices a changed headline, status, id, or moved lines', () => {
    const [a] = docs(corpus);
    expect(sameOutlineEntry(a, docs(corpus.replace('First headline', 'First headlines'))[0])).toBe(false);
    expect(sameOutlineEntry(a, docs(corpus.replace('status=approved', 'status=rejected'))[0])).toBe(false);
    expect(sameOutlineEntry(a, docs(corpus.replace(/001_0123456789abcdef/g, '003_0123456789abcdef'))[0])).toBe(false);
    expect(sameOutlineEntry(a, docs('\n' + corpus)[0])).toBe(false);
    expect(sameOutlineEntry(a, docs(corpus.replace('First paragraph.', 'First paragraph.\nAnother one.'))[0])).toBe(false);
  });

  it('compares documents without a headline', () => {
    const empty = '<<< 001_0123456789abcdef\n>>> 001_0123456789abcdef\n';
    expect(sameOutlineEntry(docs(empty)[0], docs(empty)[0])).toBe(true);
    expect(sameOutlineEntry(docs(empty)[0], docs('<<< 001_0123456789abcdef\nH\n>>> 001_0123456789abcdef\n')[0])).toBe(false);
  });
});
