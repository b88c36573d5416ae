import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { documentContentText, parseSeed } from '../../src/core';
import { UnchangedEnds, type TextChange } from '../../src/core/unchanged-ends';
import { DocumentMemo, carryOver, contentKeyOf, unchangedDocuments, wordCountOf } from '../../src/core/document-memo';
import { countWords } from '../../src/core/labels';
import { documentBodyHash, documentBodyLines } from '../../src/core/entities/extract';
import { hashBody } from '../../src/core/entities/cache';
import { generateCorpusDetailed } from '../../bench/corpus-generator';
import type { SeedDocument } from '../../src/core';

/** Applies one event's changes in order, as VS Code applies them to its copy of the text. */
function applyEvent(text: string, changes: readonly { offset: number; length: number; insert: string }[]): string {
  for (const c of changes) text = text.slice(0, c.offset) + c.insert + text.slice(c.offset + c.length);
  return text;
}

const asChanges = (changes: readonly { offset: number; length: number; insert: string }[]): TextChange[] =>
  changes.map((c) => ({ rangeOffset: c.offset, rangeLength: c.length, insertedLength: c.insert.length }));

/** An event of 1-3 non-overlapping changes listed from the end of the text backwards, like VS Code's. */
function eventOn(text: string): fc.Arbitrary<{ offset: number; length: number; insert: string }[]> {
  return fc.array(fc.tuple(fc.nat(text.length), fc.nat(6), fc.constantFrom('', 'x', '\n', '>>> ', 'Word ', '\n<<< 9_0123456789abcdef\n')), { minLength: 1, maxLength: 3 })
    .map((raw) => {
      const sorted = raw.map(([offset, length, insert]) => ({ offset, length: Math.min(length, text.length - offset), insert })).sort((a, b) => b.offset - a.offset);
      const out: typeof sorted = [];
      for (const c of sorted) if (out.length === 0 || c.offset + c.length <= out[out.length - 1].offset) out.push(c);
      return out;
    });
}

/** Words of a document counted afresh. */
function freshWords(doc: SeedDocument): number {
  return (doc.headline ? countWords(doc.headline.text) : 0) + doc.paragraphs.reduce((n, p) => n + countWords(p.text), 0);
}

const corpusOf = (seed: number) => generateCorpusDetailed({ targetBytes: 6_000, seed, malformedRate: 0.1 }).text;

describe('UnchangedEnds', () => {
  it('bounds what an edit left alone at both ends', () => {
    const ends = new UnchangedEnds(10);
    ends.apply([{ rangeOffset: 4, rangeLength: 2, insertedLength: 5 }]);
    expect([ends.prefix, ends.suffix, ends.length, ends.delta]).toEqual([4, 4, 13, 3]);
    ends.apply([{ rangeOffset: 11, rangeLength: 0, insertedLength: 1 }]);
    expect([ends.prefix, ends.suffix, ends.length]).toEqual([4, 2, 14]);
  });

  it('keeps its promise over random runs of edit events', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }).chain((base) => fc.tuple(fc.constant(base), fc.array(fc.nat(1000), { maxLength: 4 }))), ([base, seeds]) => {
      let text = base;
      const ends = new UnchangedEnds(base.length);
      for (const seed of seeds) {
        const [event] = fc.sample(eventOn(text), { numRuns: 1, seed });
        text = applyEvent(text, event);
        ends.apply(asChanges(event));
      }
      expect(ends.length).toBe(text.length);
      expect(text.slice(0, ends.prefix)).toBe(base.slice(0, ends.prefix));
      expect(text.slice(text.length - ends.suffix)).toBe(base.slice(base.length - ends.suffix));
      // Untouched, both ends are the whole text; after an edit they never overlap.
      if (seeds.length > 0) expect(ends.prefix + ends.suffix).toBeLessThanOrEqual(Math.min(base.length, text.length));
    }), { numRuns: 500 });
  });
});

describe('carrying per-document values across an edit', () => {
  it('pairs only documents with the same text, and carries their values', () => {
    fc.assert(fc.property(fc.nat(10_000), fc.nat(10_000), (corpusSeed, editSeed) => {
      const before = corpusOf(corpusSeed);
      const [event] = fc.sample(eventOn(before), { numRuns: 1, seed: editSeed });
      const after = applyEvent(before, event);
      const ends = new UnchangedEnds(before.length);
      ends.apply(asChanges(event));
      const previous = parseSeed(before);
      const next = parseSeed(after);
      for (const doc of previous.documents) {
        wordCountOf(doc);
        contentKeyOf(doc);
        documentBodyHash(doc);
      }
      const pairs = unchangedDocuments(previous, next, ends);
      for (const [from, to] of pairs) {
        expect(documentContentText(to)).toBe(documentContentText(from));
        expect(documentBodyLines(to).map((l) => l.text)).toEqual(documentBodyLines(from).map((l) => l.text));
      }
      expect(carryOver(previous, next, ends)).toBe(pairs.length);
      for (const doc of next.documents) {
        expect(wordCountOf(doc)).toBe(freshWords(doc));
        expect(documentBodyHash(doc)).toBe(hashBody(documentBodyLines(doc)));
      }
    }), { numRuns: 300 });
  });

  it('a one-character edit in one paragraph leaves every other document paired', () => {
    const before = generateCorpusDetailed({ targetBytes: 200_000, seed: 5, malformedRate: 0 }).text;
    const previous = parseSeed(before);
    const target = previous.documents[40];
    const offset = before.indexOf(target.paragraphs[0].text);
    const after = before.slice(0, offset) + 'x' + before.slice(offset);
    const ends = new UnchangedEnds(before.length);
    ends.apply([{ rangeOffset: offset, rangeLength: 0, insertedLength: 1 }]);
    const next = parseSeed(after);
    const pairs = unchangedDocuments(previous, next, ends);
    expect(pairs.length).toBe(previous.documents.length - 1);
    expect(pairs.some(([, to]) => to === next.documents[40])).toBe(false);
    // Documents after the edit are paired although their lines and offsets moved.
    expect(pairs.some(([from, to]) => from === previous.documents[41] && to === next.documents[41])).toBe(true);
  });

  it('carries nothing across a BOM, and only values a memo already had', () => {
    const text = corpusOf(1);
    const ends = new UnchangedEnds(text.length);
    expect(unchangedDocuments(parseSeed('\uFEFF' + text), parseSeed('\uFEFF' + text), ends)).toEqual([]);
    const memo = new DocumentMemo<number>(() => 1);
    const a = parseSeed(text);
    const b = parseSeed(text);
    memo.get(a.documents[0]);
    carryOver(a, b, ends);
    expect(memo.has(b.documents[0])).toBe(true);
    expect(memo.has(b.documents[1])).toBe(false);
  });
});

describe('contentKeyOf', () => {
  it('is equal exactly when documentContentText is', () => {
    const docs = [corpusOf(1), corpusOf(2), corpusOf(1).replace(/Minister/g, 'minister')].flatMap((t) => parseSeed(t).documents);
    const sameText = '<<< 001_0123456789abcdef\nHead\n\nPara\n>>> 001_0123456789abcdef\n<<< 002_0123456789abcdef\n\nHead\nPara\n\n>>> 002_0123456789abcdef\n';
    docs.push(...parseSeed(sameText).documents);
    const byText = new Map<string, string>();
    const byKey = new Map<string, string>();
    for (const doc of docs) {
      const text = documentContentText(doc);
      const key = contentKeyOf(doc);
      expect(key === '').toBe(text === '');
      if (!text) continue;
      expect(byText.get(text) ?? key).toBe(key);
      expect(byKey.get(key) ?? text).toBe(text);
      byText.set(text, key);
      byKey.set(key, text);
    }
    const [first, second] = parseSeed(sameText).documents;
    expect(contentKeyOf(first)).toBe(contentKeyOf(second));
  });
});
