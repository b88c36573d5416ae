import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bundle, BundleInput } from '../../src/core/review/bundle';
import { split } from '../../src/core/review/split';
import { BUNDLE_KEYS, bundleKeyEndsAt, formatLineList, lineListFlags, lineListProblem, mentionsBundleKey } from '../../src/core/review/bundle-format';
import { parseSeed } from '../../src/core/parser';


const REAL = '000_0f5d7b9424756893.txt';
const realText = readFileSync(path.join(__dirname, '../fixtures', REAL), 'utf8');

function roundTrip(files: BundleInput[]) {
  const bundled = bundle(files);
  expect(bundled.problems).toEqual([]);
  const result = split(bundled.text);
  expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return { bundled, result };
}

function name(n: number): string {
  return `${String(n).padStart(3, '0')}_${n.toString(16).padStart(16, '0')}.txt`;
}

describe('bundle', () => {
  it('bundles the real seed into a valid corpus, and split restores it byte for byte', () => {
    const { bundled, result } = roundTrip([{ name: REAL, text: realText }]);
    expect(bundled.text.startsWith('<<< 000_0f5d7b9424756893')).toBe(true);
    const parsed = parseSeed(bundled.text, { fileName: 'x.seed' });
    expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(parsed.documents[0].headline?.text).toBe(realText.split(/\r?\n/).find((l) => l.trim()));
    expect(result.files).toEqual([{ name: REAL, text: realText, line: 1 }]);
  });

  it('writes plain files without bundle attributes', () => {
    expect(bundle([{ name: name(1), text: 'Head\nPara\n' }]).text).toBe(`<<< 001_0000000000000001\nHead\nPara\n>>> 001_0000000000000001\n`);
  });

  it('records CRLF, a missing final newline and a BOM as attributes', () => {
    const text = '\ufeffHead\r\nPara\r\nLast';
    const { bundled, result } = roundTrip([{ name: name(1), text }]);
    expect(bundled.text.split('\n')[0]).toBe('<<< 001_0000000000000001 eol=crlf final-newline=no bom=yes');
    expect(result.files[0].text).toBe(text);
  });

  it('records mixed line endings line by line', () => {
    const text = 'a\r\nb\nc\r\nd\r\ne\n';
    const { bundled, result } = roundTrip([{ name: name(1), text }]);
    expect(bundled.text.split('\n')[0]).toBe('<<< 001_0000000000000001 eol=mixed crlf-lines=1,3-4');
    expect(result.files[0].text).toBe(text);
  });

  it('escapes lines that would read as delimiters and restores them', () => {
    const text = `Head\n>>> 001_0000000000000001\n<<< 002_0000000000000002 status=approved\n<<<<<<< HEAD\n=======\n  <<\n> a quote\n`;
    const { bundled, result } = roundTrip([{ name: name(1), text }]);
    expect(bundled.text.split('\n')[0]).toBe('<<< 001_0000000000000001 escaped-lines=2-6');
    expect(bundled.text).toContain('\n\\>>> 001_0000000000000001\n');
    expect(bundled.text).toContain('\n> a quote\n');
    expect(parseSeed(bundled.text).documents).toHaveLength(1);
    expect(result.files[0].text).toBe(text);
  });

  it('keeps leading and trailing blank lines, empty files and a lone newline', () => {
    for (const text of ['', '\n', '\n\nHead\n\n\nPara\n\n', '  \n\t\nHead', 'Ünïcødé — 日本語 😀\r\n']) {
      const { result } = roundTrip([{ name: name(1), text }]);
      expect(result.files[0].text).toBe(text);
    }
  });

  it('refuses bad names, duplicate ids, corpora and lone carriage returns, one error per file', () => {
    const result = bundle([
      { name: 'notes.txt', text: 'x' },
      { name: name(1), text: 'a', shownAs: 'a/' + name(1) },
      { name: name(1), text: 'b', shownAs: 'b/' + name(1) },
      { name: name(2), text: '\n<<< 002_0000000000000002\nH\n>>> 002_0000000000000002\n' },
      { name: name(3), text: 'a\rb\n' },
    ]);
    expect(result.text).toBe('');
    expect(result.problems.map((p) => `${p.file}: ${p.message}`)).toEqual([
      'notes.txt: not a bare seed file name (expected NNN_<16 lowercase hex digits>.txt)',
      `b/${name(1)}: duplicate id 001_0000000000000001 (also in a/${name(1)}); a corpus holds each id once`,
      `${name(2)}: is a corpus, not a bare seed file (its first non-blank line is an open delimiter)`,
      `${name(3)}: a carriage return that is not part of a CRLF line ending on line 1; seed files use LF or CRLF line endings`,
    ]);
  });
});

describe('split', () => {
  it('splits a hand-written corpus: attributes go to the ledger records, comments are named as not kept', () => {
    const corpus = `# comment\n<<< 001_0000000000000001 status=approved note="x"\nHead\n>>> 001_0000000000000001\n\n<<< 002_0000000000000002 status=rejected\nH2\n>>> 002_0000000000000002\n`;
    const result = split(corpus);
    expect(result.files.map((f) => [f.name, f.text])).toEqual([[name(1), 'Head\n'], [name(2), 'H2\n']]);
    expect(result.records).toEqual([
      { id: '001_0000000000000001', attributes: { status: 'approved', note: 'x' } },
      { id: '002_0000000000000002', attributes: { status: 'rejected' }, layout: { before: [''] } },
    ]);
    expect(result.problems).toEqual([
      { severity: 'warning', message: '1 comment line outside documents not kept (line 1): a bare seed file and the ledger have no place for them' },
    ]);
  });

  it('reads a bundle saved with CRLF line endings the same way', () => {
    const text = 'a\r\nb\nc';
    const bundled = bundle([{ name: name(1), text }]).text;
    expect(split(bundled.replace(/\n/g, '\r\n')).files[0].text).toBe(text);
  });

  it('refuses ids that are not file names or not seed ids, duplicates and structural errors', () => {
    const errors = (corpus: string) => split(corpus).problems.filter((p) => p.severity === 'error').map((p) => `${p.line}: ${p.message}`);
    expect(split('<<< 001_0000000000000001\nH\n').files).toEqual([]);
    expect(errors('<<< 001_0000000000000001\nH\n')[0]).toMatch(/^1: SEED001 /);
    expect(errors('<<< 12_abc\nH\n>>> 12_abc\n')).toContain('1: id "12_abc" is not a seed id (NNN_<16 lowercase hex digits>): 12_abc.txt would not be read as a seed file');
    expect(errors('<<< 001_0000000000000001\nH\n>>> 001_0000000000000001\n<<< 001_0000000000000001\nH\n>>> 001_0000000000000001\n'))
      .toContain('4: duplicate id 001_0000000000000001 (first on line 1): both documents would be written to 001_0000000000000001.txt');
    expect(errors('')).toEqual(['undefined: no documents to split (expected <<< id ... >>> id blocks)']);
  });

  it('refuses bundle attributes it cannot honour', () => {
    const one = (attrs: string, body = 'H\n') => split(`<<< 001_0000000000000001 ${attrs}\n${body}>>> 001_0000000000000001\n`).problems.map((p) => p.message);
    expect(one('eol=cr')).toEqual(['001_0000000000000001: eol=cr is not lf, crlf or mixed']);
    expect(one('eol=mixed')).toEqual(['001_0000000000000001: eol=mixed needs crlf-lines']);
    expect(one('escaped-lines=1')).toEqual(['001_0000000000000001: line 1 is listed in escaped-lines but does not start with \\']);
    expect(one('escaped-lines=5')).toEqual(['001_0000000000000001: escaped-lines names line 5, but the document has 1 line']);
    expect(one('final-newline=maybe')).toEqual(['001_0000000000000001: final-newline=maybe is not yes or no']);
  });
});

describe('line lists', () => {
  it('formats and parses ranges', () => {
    expect(formatLineList([1, 2, 3, 5, 7, 8])).toBe('1-3,5,7-8');
    expect(lineListProblem('k', '1-3,5,7-8', 8)).toBeUndefined();
    expect([...lineListFlags('1-3,5,7-8', 8)]).toEqual([0, 1, 1, 1, 0, 1, 0, 1, 1]);
    expect(lineListProblem('k', '3-1', 8)).toBe('k=3-1 has the range 3-1, which ends before it starts');
    expect(lineListProblem('k', 'a', 8)).toBe('k=a is not a list of line numbers like 1,3-5');
    expect(lineListProblem('k', '0', 8)).toBe('k=0 names line 0; lines count from 1');
    expect(lineListProblem('k', '1-9', 8)).toBe('k names line 9, but the document has 8 lines');
    expect([...lineListFlags('', 2)]).toEqual([0, 0, 0]);
  });
});

describe('bundle/split round trip (property)', () => {
  const char = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...'abc XYZ.,-#'.split('')) },
    { weight: 2, arbitrary: fc.constantFrom('é', 'ß', '日', '😀', '\t', '"', '\\', '\u00a0') },
    { weight: 2, arbitrary: fc.constantFrom('<', '>', '«', '»', '=', '|') },
  );
  const lineText = fc.oneof(
    { weight: 6, arbitrary: fc.array(char, { maxLength: 20 }).map((cs) => cs.join('')) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('<<< 001_0000000000000001', '>>> 001_0000000000000001', '<<<<<<< HEAD', '=======', '>> 002_x', ' <<< 003_0000000000000003 a=b', '>>>') },
  );
  const file = fc.record({
    lines: fc.array(fc.tuple(lineText, fc.boolean()), { maxLength: 12 }),
    finalNewline: fc.boolean(),
    bom: fc.boolean(),
  }).map(({ lines, finalNewline, bom }) => {
    let text = bom ? '\ufeff' : '';
    lines.forEach(([line, crlf], i) => {
      text += line;
      if (i < lines.length - 1 || finalNewline) text += crlf ? '\r\n' : '\n';
    });
    return text;
  });

  it('split(bundle(files)) gives back every file byte for byte, and the bundle parses without errors', () => {
    fc.assert(fc.property(fc.array(file, { maxLength: 6 }), (texts) => {
      const all = texts.map((text, i) => ({ name: name(i + 1), text }));
      // Only corpora are refused (their first non-blank line is an open delimiter); that refusal has its own test.
      const files = all.filter((f) => {
        const refused = bundle([f]).problems;
        if (refused.length) expect(refused[0].message).toMatch(/^is a corpus/);
        return refused.length === 0;
      });
      if (files.length === 0) return;
      const bundled = bundle(files);
      expect(bundled.problems).toEqual([]);
      const parsed = parseSeed(bundled.text, { fileName: 'b.seed' });
      expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(parsed.documents.length).toBe(files.length);
      const result = split(bundled.text);
      expect(result.problems).toEqual([]);
      expect(result.files.map((f) => [f.name, f.text])).toEqual(files.map((f) => [f.name, f.text]));
    }), { numRuns: 500 });
  });
});

describe('mentionsBundleKey (the parser\'s cheap test for bundle attributes)', () => {
  it('agrees with bundleKeyEndsAt at the \'=\' characters (what the parser tests)', () => {
    const token = fc.constantFrom(' ', '\t', '=', '"', 'x', 'a=b', ...BUNDLE_KEYS, ...BUNDLE_KEYS.map((k) => k.slice(1)));
    fc.assert(fc.property(fc.array(token, { maxLength: 12 }), fc.nat(3), (tokens, cut) => {
      const line = tokens.join('');
      const start = Math.min(cut, line.length);
      let atEquals = false;
      for (let eq = line.indexOf('=', start + 1); eq >= 0; eq = line.indexOf('=', eq + 1)) atEquals ||= bundleKeyEndsAt(line, eq, start);
      expect(atEquals).toBe(mentionsBundleKey(line, start, line.length));
    }), { seed: 20261204, numRuns: 2000 });
  });

  it('the parser finds a bundle key after open lines whose attributes have no \'=\' (the search is remembered)', () => {
    const doc = (n: number, attrs: string) => `<<< 00${n}_000000000000000${n} ${attrs}\nHeadline\nBody\n>>> 00${n}_000000000000000${n}\n`;
    const text = doc(1, 'x') + doc(2, 'note="a b"') + doc(3, 'escaped-lines=7') + doc(4, 'bom=yes x') + doc(5, 'note="x escaped-lines=9"');
    const r = parseSeed(text);
    // Only the value of line 3's attribute is wrong (a body of 2 lines); the note's text is a note.
    expect(r.diagnostics.filter((d) => d.code === 'SEED010').map((d) => d.range.start.line)).toEqual([8]);
    expect(r.diagnostics.map((d) => d.code)).toEqual(['SEED009', 'SEED010', 'SEED009']);
  });

  it('finds every bundle key after a space or a tab, and only as a key', () => {
    // Its fast path skips a space unless the next letter starts a bundle key.
    for (const key of BUNDLE_KEYS) {
      expect('bcef').toContain(key[0]);
      const line = `<<< 001_0123456789abcdef note="a b"\t${key}=x`;
      expect(mentionsBundleKey(line, 24, line.length), key).toBe(true);
      const asValue = `<<< 001_0123456789abcdef note="a ${key}"`;
      expect(mentionsBundleKey(asValue, 24, asValue.length), key).toBe(false);
    }
  });
});
