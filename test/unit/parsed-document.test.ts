import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { BodyLineTable, ParsedDocument, forEachParagraph, paragraphCount, parseSeed, readAttributesIn, sameParagraphs, validateAttributesIn } from '../../src/core';
import type { BodyLine, SeedDiagnostic, SeedDocument } from '../../src/core';
import { doc, documentView } from './seed-test-helpers';
import { generateCorpusDetailed } from '../../bench/corpus-generator';

/** The paragraphs as forEachParagraph visits them. */
function visited(d: SeedDocument): BodyLine[] {
  const out: BodyLine[] = [];
  forEachParagraph(d, (line, text, index) => {
    expect(index).toBe(out.length);
    out.push({ line, text });
  });
  return out;
}

describe('BodyLineTable', () => {
  it('grows past its initial capacity and keeps every entry', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `line ${i}`);
    const text = lines.join('\n');
    const table = new BodyLineTable(text, 2);
    let offset = 0;
    lines.forEach((l, i) => {
      expect(table.add(i, offset, offset + l.length)).toBe(i);
      offset += l.length + 1;
    });
    expect(table.count).toBe(100);
    expect(table.textOf(57)).toBe('line 57');
    expect(table.line(57)).toBe(57);
    expect(table.lengthOf(99)).toBe(7);
    expect(table.firstCharCode(3)).toBe('l'.charCodeAt(0));
    expect(table.bodyLines(98, 2)).toEqual([{ line: 98, text: 'line 98' }, { line: 99, text: 'line 99' }]);
  });

  it('compares entries of two texts by line and characters', () => {
    const a = new BodyLineTable('x\r\nsame\r\nother');
    const b = new BodyLineTable('x\nsame\nothex');
    a.add(1, 3, 7);
    b.add(1, 2, 6);
    a.add(2, 9, 14);
    b.add(2, 7, 12);
    b.add(3, 2, 6);
    expect(a.sameEntry(0, b, 0)).toBe(true);
    expect(a.sameEntry(1, b, 1)).toBe(false); // other / othex
    expect(a.sameEntry(0, b, 2)).toBe(false); // same text, another line
  });
});

describe('ParsedDocument', () => {
  const text = doc(1, ['Headline', '', 'First.', 'Second.', '', 'Third.'], 'status=flagged note="n"');

  it('gives the same paragraphs through the list, the visitor and the count', () => {
    const d = parseSeed(text).documents[0];
    expect(d).toBeInstanceOf(ParsedDocument);
    const expected = [{ line: 3, text: 'First.' }, { line: 4, text: 'Second.' }, { line: 6, text: 'Third.' }];
    expect(visited(d)).toEqual(expected);
    expect(paragraphCount(d)).toBe(3);
    expect(d.paragraphs).toEqual(expected);
    expect(d.paragraphs).toBe(d.paragraphs); // built once
  });

  it('shows exactly the SeedDocument fields, nothing of its storage', () => {
    const d = parseSeed(text).documents[0];
    expect(Object.keys(d).sort()).toEqual(Object.keys(documentView(d)).filter((k) => !['paragraphs', 'hash', 'idRange', 'attributes'].includes(k)).sort());
    expect(d.attributes.map((a) => [a.key, a.value])).toEqual([['status', 'flagged'], ['note', 'n']]);
    expect(d.attributes).toBe(d.attributes);
    expect(d.hash).toBe(d.id.slice(-16));
    expect(d.idRange).toBe(d.idRange);
    expect(d.idRange).toEqual({ start: { line: 0, character: 4 }, end: { line: 0, character: 4 + d.id.length } });
  });

  it('works alike on plain documents', () => {
    const parsed = parseSeed(text).documents[0];
    const plain: SeedDocument = { ...documentView(parsed) } as unknown as SeedDocument;
    expect(visited(plain)).toEqual(visited(parsed));
    expect(paragraphCount(plain)).toBe(3);
    expect(sameParagraphs(plain, parsed)).toBe(true);
    expect(sameParagraphs(parsed, { ...plain, paragraphs: plain.paragraphs.slice(1) })).toBe(false);
  });

  it('compares paragraphs of two parses in place, whatever the line endings', () => {
    const a = parseSeed(text).documents[0];
    const b = parseSeed(text.replace(/\n/g, '\r\n')).documents[0];
    const c = parseSeed(text.replace('Second.', 'Second!')).documents[0];
    expect(sameParagraphs(a, b)).toBe(true);
    expect(sameParagraphs(a, c)).toBe(false);
  });

  it('moves an unclosed document\'s trailing comment lines out of its paragraphs', () => {
    const r = parseSeed('<<< 001_0123456789abcdef\nHead\nBody\n# a comment\n# another\n<<< 002_0123456789abcdef\nH\n>>> 002_0123456789abcdef\n');
    expect(visited(r.documents[0])).toEqual([{ line: 2, text: 'Body' }]);
    expect(r.documents[0].paragraphs).toEqual([{ line: 2, text: 'Body' }]);
    expect(r.comments).toEqual([{ startLine: 3, endLine: 4 }]);
  });

  it('agrees with the list on generated corpora with malformed delimiters', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), (seed) => {
      const { text: corpus } = generateCorpusDetailed({ targetBytes: 20_000, seed, malformedRate: 0.2 });
      const lines = corpus.split('\n');
      for (const d of parseSeed(corpus).documents) {
        const v = visited(d);
        expect(v).toEqual(d.paragraphs);
        for (const p of v) expect(lines[p.line]).toBe(p.text);
      }
    }), { numRuns: 40 });
  });
});

describe('attributes: validating (parser) and reading (doc.attributes) agree', () => {
  const piece = fc.oneof(
    fc.constantFrom('status=approved', 'status=flagged', 'status=maybe', 'date=2022-02-30', 'date=2022-02-03', 'date=22-2-3',
      'note="a \\"quoted\\" note"', 'note="unclosed', 'note="x"y', 'source=ap', 'source=ap', 'Bad=1', '=v', 'novalue=', 'plain',
      'x-tag=1', 'k="a\\qb"', 'lang=en', 'status=approved'),
    fc.stringMatching(/^[a-z]{1,6}=[a-z0-9"\\]{0,8}$/),
  );
  it('gives the same diagnostics and status either way, and the list doc.attributes shows', () => {
    fc.assert(fc.property(fc.array(piece, { maxLength: 7 }), fc.constantFrom(' ', '  ', '\t'), (pieces, sep) => {
      const open = `<<< 001_0123456789abcdef ${pieces.join(sep)}`;
      const start = open.indexOf(' ', 4); // after the id
      const read: SeedDiagnostic[] = [];
      const validated: SeedDiagnostic[] = [];
      const reading = readAttributesIn(open, start, open.length, 0, 3, read);
      const status = validateAttributesIn(open, start, open.length, 0, 3, validated);
      expect(validated).toEqual(read);
      expect(status).toBe(reading.status);
      const parsed = parseSeed(`\n\n\n${open}\nH\n>>> 001_0123456789abcdef\n`);
      expect(parsed.documents[0].status).toBe(reading.status);
      expect(parsed.documents[0].attributes).toEqual(reading.attributes);
    }), { numRuns: 400 });
  });
});
