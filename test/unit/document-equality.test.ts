import { describe, expect, it } from 'vitest';
import { sameDiagnostics, sameOutlineEntry, sameSummaries } from '../../src/core/document-equality';
import { summarizeDocuments } from '../../src/core/summary';
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

describe('sameSummaries and sameDiagnostics (an editor opened on an indexed file changes nothing)', () => {
  const broken = corpus.replace('>>> 002_0123456789abcdee', '>> 002_0123456789abcdee');
  const summaries = (text: string) => summarizeDocuments(parseSeed(text));
  const diagnostics = (text: string) => parseSeed(text).diagnostics;

  it('hold between two parses of the same text, broken or not', () => {
    expect(sameSummaries(summaries(corpus), summaries(corpus))).toBe(true);
    expect(sameSummaries(summaries(broken), summaries(broken))).toBe(true);
    expect(diagnostics(broken).length).toBeGreaterThan(0);
    expect(sameDiagnostics(diagnostics(broken), diagnostics(broken))).toBe(true);
  });

  it('notice a status, a headline, a word, a moved document, and a diagnostic come or gone', () => {
    const base = summaries(corpus);
    expect(sameSummaries(base, summaries(corpus.replace('status=approved', 'status=rejected')))).toBe(false);
    expect(sameSummaries(base, summaries(corpus.replace('First headline', 'First headlines')))).toBe(false);
    expect(sameSummaries(base, summaries(corpus.replace('Second paragraph.', 'Second long paragraph.')))).toBe(false);
    expect(sameSummaries(base, summaries(`\n${corpus}`))).toBe(false);
    expect(sameSummaries(base, summaries(corpus.split('<<< 002')[0]))).toBe(false);
    expect(sameDiagnostics(diagnostics(corpus), diagnostics(broken))).toBe(false);
    expect(sameDiagnostics(diagnostics(broken), diagnostics(broken.replace('First', '\nFirst')))).toBe(false);
  });
});
