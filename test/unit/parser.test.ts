import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { attributeRange, documentBodyText, documentContentText, isBareSeedFileName, parseSeed } from '../../src/core';
import { doc, documentView, id } from './seed-test-helpers';
import { generateCorpusDetailed } from '../../bench/corpus-generator';

const fixtures = join(__dirname, '..', 'fixtures');
const read = (p: string) => readFileSync(join(fixtures, p), 'utf8');

describe('parseSeed: corpora', () => {
  it('reads documents, attributes, headline and paragraphs', () => {
    const text = '# comment\n<<< 000_0f5d7b9424756893 status=approved source=aljazeera date=2022-09-10 note="check \\"Izium\\" claim"\n' +
      'Headline here\n\nFirst paragraph.\nSecond paragraph.\n>>> 000_0f5d7b9424756893\n';
    const r = parseSeed(text);
    expect(r.kind).toBe('corpus');
    expect(r.diagnostics).toEqual([]);
    expect(r.documents).toHaveLength(1);
    const d = r.documents[0];
    expect(d).toMatchObject({
      kind: 'delimited', id: '000_0f5d7b9424756893', idValid: true, sequence: 0, hash: '0f5d7b9424756893', status: 'approved',
      openLine: 1, closeLine: 6, startLine: 1, endLine: 6, bodyStartLine: 2, bodyEndLine: 5,
    });
    expect(d.idRange).toEqual({ start: { line: 1, character: 4 }, end: { line: 1, character: 24 } });
    expect(d.headline).toEqual({ line: 2, text: 'Headline here' });
    expect(d.paragraphs).toEqual([{ line: 4, text: 'First paragraph.' }, { line: 5, text: 'Second paragraph.' }]);
    expect(d.attributes.map((a) => [a.key, a.value, a.quoted])).toEqual([
      ['status', 'approved', false], ['source', 'aljazeera', false], ['date', '2022-09-10', false], ['note', 'check "Izium" claim', true],
    ]);
    const note = d.attributes[3];
    const openLine = text.split('\n')[1];
    expect(note.line).toBe(1);
    expect(openLine.slice(note.start, note.keyEnd)).toBe('note');
    expect(openLine.slice(note.valueStart, note.end)).toBe('"check \\"Izium\\" claim"');
    expect(openLine.slice(note.start, note.end)).toBe('note="check \\"Izium\\" claim"');
    expect(attributeRange(note, 'key')).toEqual({ start: { line: 1, character: note.start }, end: { line: 1, character: note.keyEnd } });
    expect(attributeRange(note, 'value')).toEqual({ start: { line: 1, character: note.valueStart }, end: { line: 1, character: note.end } });
    expect(r.comments).toEqual([{ startLine: 0, endLine: 0 }]);
    expect(r.lineCount).toBe(8);
    expect(r.eol).toBe('\n');
  });

  it('treats an absent status as unreviewed and keeps unknown keys', () => {
    const r = parseSeed(doc(1, ['H'], 'reviewer=anna x-tag=1'));
    expect(r.documents[0].status).toBe('unreviewed');
    expect(r.documents[0].attributes.map((a) => a.key)).toEqual(['reviewer', 'x-tag']);
  });

  it('parses an empty file as an empty corpus', () => {
    for (const t of ['', '\n', '\r\n', '   \n\t\n']) {
      const r = parseSeed(t);
      expect(r).toMatchObject({ kind: 'corpus', documents: [], diagnostics: [], hasBom: false });
    }
    expect(parseSeed('').lineCount).toBe(1);
  });

  it('handles a missing final newline', () => {
    const r = parseSeed(doc(1).trimEnd());
    expect(r.diagnostics).toEqual([]);
    expect(r.documents[0].closeLine).toBe(3);
    expect(r.lineCount).toBe(4);
  });

  it('handles CRLF and mixed line endings with LF-identical positions', () => {
    const lf = doc(1) + '\n' + doc(2, ['Head', '', 'Para one', 'Para two'], 'status=flagged');
    const crlf = lf.replace(/\n/g, '\r\n');
    let i = 0;
    const mixed = lf.replace(/\n/g, () => (i++ % 2 ? '\r\n' : '\n'));
    const a = parseSeed(lf);
    const b = parseSeed(crlf);
    const c = parseSeed(mixed);
    expect(b.eol).toBe('\r\n');
    expect(a.eol).toBe('\n');
    expect(b.documents.map(documentView)).toEqual(a.documents.map(documentView));
    expect(c.documents.map(documentView)).toEqual(a.documents.map(documentView));
    expect(b.diagnostics).toEqual([]);
    expect(c.diagnostics).toEqual([]);
    expect(b.documents[1].paragraphs[1].text).toBe('Para two');
  });

  it('strips a leading BOM, sets hasBom and keeps positions BOM-free', () => {
    const text = doc(1);
    const r = parseSeed('\uFEFF' + text);
    expect(r.hasBom).toBe(true);
    expect(r.documents.map(documentView)).toEqual(parseSeed(text).documents.map(documentView));
    expect(r.documents[0].idRange.start).toEqual({ line: 0, character: 4 });
  });

  it('keeps lines that merely start with < or > as body text', () => {
    const body = ['Headline', '> a quoted reply', '>> 2022 was a good year', '<- an arrow', '< not a delimiter', '>>> I said so', '<< tags'];
    const r = parseSeed(doc(1, body));
    expect(r.diagnostics).toEqual([]);
    expect(r.documents[0].paragraphs.map((p) => p.text)).toEqual(body.slice(1));
  });

  it('treats # lines inside a document as body text, outside as comments', () => {
    const r = parseSeed('# a\n# b\n\n# c\n' + doc(1, ['Headline', '#hashtag paragraph']));
    expect(r.comments).toEqual([{ startLine: 0, endLine: 1 }, { startLine: 3, endLine: 3 }]);
    expect(r.documents[0].paragraphs[0].text).toBe('#hashtag paragraph');
  });

  it('parses the synthetic news corpus with 40 documents and no errors', () => {
    const r = parseSeed(read('synthetic-news.seed'));
    expect(r.documents).toHaveLength(40);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.documents.every((d) => d.idValid && d.headline && d.closeLine !== undefined)).toBe(true);
  });

  it('parses the clean sample with no diagnostics', () => {
    const r = parseSeed(read('valid/sample.seed'));
    expect(r.diagnostics).toEqual([]);
    expect(r.documents).toHaveLength(6);
    expect(r.documents.map((d) => d.status)).toEqual(['approved', 'flagged', 'rejected', 'unreviewed', 'unreviewed', 'approved']);
    expect(r.documents[2].attributes.find((a) => a.key === 'note')?.value).toBe('duplicate of an earlier wire story, see "003 draft"');
  });
});

describe('large generated corpora', () => {
  it('a 20 MB corpus: every document, and one diagnostic per malformed delimiter', () => {
    const g = generateCorpusDetailed({ targetBytes: 20e6, seed: 7, malformedRate: 0.01 });
    expect(g.text.length).toBeGreaterThan(20e6);
    const r = parseSeed(g.text);
    expect(r.documents).toHaveLength(g.documents);
    expect(g.malformed).toBeGreaterThan(50);
    expect(r.diagnostics).toHaveLength(g.malformed);
    expect(new Set(r.diagnostics.map((d) => d.code))).toEqual(new Set(['SEED001', 'SEED003', 'SEED006']));
    expect(r.documents.every((d) => d.idValid && d.headline !== undefined)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const a = generateCorpusDetailed({ targetBytes: 50_000, seed: 3 });
    const b = generateCorpusDetailed({ targetBytes: 50_000, seed: 3 });
    expect(a).toEqual(b);
    expect(generateCorpusDetailed({ targetBytes: 50_000, seed: 4 }).text).not.toBe(a.text);
  });
});

describe('the demo corpus', () => {
  it('has 12 documents and four malformed delimiters, each one diagnostic', () => {
    const r = parseSeed(read('sample.seed'));
    expect(r.documents).toHaveLength(12);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SEED006', 'SEED003', 'SEED006', 'SEED001']);
    expect(r.documents.every((d) => d.headline !== undefined)).toBe(true);
  });
});

describe('parseSeed: bare seed files', () => {
  it('recognises bare seed file names', () => {
    expect(isBareSeedFileName('000_0f5d7b9424756893.txt')).toBe(true);
    expect(isBareSeedFileName('/a/b/1234_0f5d7b9424756893.txt')).toBe(true);
    expect(isBareSeedFileName('C:\\x\\000_0f5d7b9424756893.txt')).toBe(true);
    expect(isBareSeedFileName('00_0f5d7b9424756893.txt')).toBe(false);
    expect(isBareSeedFileName('000_0F5D7B9424756893.txt')).toBe(false);
    expect(isBareSeedFileName('000_0f5d7b9424756893.seed')).toBe(false);
    expect(isBareSeedFileName('000_0f5d7b942475689.txt')).toBe(false);
  });

  it('parses the real seed as one bare document', () => {
    const text = read('000_0f5d7b9424756893.txt');
    const r = parseSeed(text, { fileName: '000_0f5d7b9424756893.txt' });
    expect(r.kind).toBe('bare');
    expect(r.diagnostics).toEqual([]);
    expect(r.documents).toHaveLength(1);
    const d = r.documents[0];
    expect(d).toMatchObject({ kind: 'bare', id: '000_0f5d7b9424756893', idValid: true, sequence: 0, hash: '0f5d7b9424756893', status: 'unreviewed' });
    expect(d.headline?.text).toBe('Zelensky’s spirit beat Putin! Russian soldiers fleeing from Ukraine');
    // The file has 8 lines (no final newline): the headline and 7 paragraph lines.
    expect(d.paragraphs).toHaveLength(7);
    expect(d.paragraphs[0].text.startsWith('Russia is now on the back foot')).toBe(true);
    expect(d.paragraphs[6].text.endsWith('against the Russian military.')).toBe(true);
    expect(d.endLine).toBe(7);
    expect(documentBodyText(text, d)).toBe(text);
  });

  it('without the file name the same text is a corpus of stray text', () => {
    const r = parseSeed(read('000_0f5d7b9424756893.txt'));
    expect(r.kind).toBe('corpus');
    expect(r.documents).toEqual([]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SEED007']);
  });

  it('a seed-named file whose first non-blank line is an open delimiter is a corpus', () => {
    const r = parseSeed('\n' + doc(1), { fileName: '000_0f5d7b9424756893.txt' });
    expect(r.kind).toBe('corpus');
    expect(r.documents[0].id).toBe(id(1));
    const m = parseSeed('<< ' + id(1) + '\nH\n>>> ' + id(1), { fileName: '000_0f5d7b9424756893.txt' });
    expect(m.kind).toBe('corpus');
  });

  it('skips leading blank lines and blank lines between paragraphs; keeps a BOM out', () => {
    const r = parseSeed('\uFEFF\r\n\r\nHeadline\r\n\r\nPara 1\r\nPara 2', { fileName: '001_0123456789abcdef.txt' });
    expect(r.hasBom).toBe(true);
    expect(r.eol).toBe('\r\n');
    expect(r.documents[0].headline).toEqual({ line: 2, text: 'Headline' });
    expect(r.documents[0].paragraphs).toEqual([{ line: 4, text: 'Para 1' }, { line: 5, text: 'Para 2' }]);
  });

  it('an empty bare file is one document without headline (SEED008)', () => {
    const r = parseSeed('', { fileName: '001_0123456789abcdef.txt' });
    expect(r.kind).toBe('bare');
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SEED008']);
  });
});

describe('document text helpers', () => {
  it('documentBodyText joins the lines between the delimiters with \\n', () => {
    const text = doc(1, ['Head', '', 'Para']).replace(/\n/g, '\r\n');
    const r = parseSeed(text);
    expect(documentBodyText(text, r.documents[0])).toBe('Head\n\nPara');
    expect(documentBodyText(text.split('\r\n'), r.documents[0])).toBe('Head\n\nPara');
    expect(documentContentText(r.documents[0])).toBe('Head\nPara');
  });

  it('matches the gold offsets convention of annotated corpora (body lines joined with newlines)', () => {
    const text = read('synthetic-news.seed');
    const r = parseSeed(text);
    const gold = read('synthetic-news.gold.jsonl').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const byId = new Map(r.documents.map((d) => [d.id, d]));
    let checked = 0;
    for (const g of gold.slice(0, 20)) {
      const body = documentBodyText(text, byId.get(g.id)!);
      for (const e of g.entities) {
        expect(body.slice(e.start, e.end)).toBe(e.text);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });
});
