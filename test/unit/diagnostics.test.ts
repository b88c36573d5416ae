import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyTextEdits, parseSeed } from '../../src/core';
import type { SeedDiagnostic } from '../../src/core';
import { doc, expectFixesWork, id, ofCode, textAt } from './seed-test-helpers';

/** Parses `text`, expects exactly one diagnostic, checks its fixes and returns it. */
function only(text: string, code: string): SeedDiagnostic {
  const r = parseSeed(text);
  expect(r.diagnostics.map((d) => d.code)).toEqual([code]);
  const d = r.diagnostics[0];
  expect(d.message).not.toContain('\n');
  expect(d.message).toMatch(/expected/);
  expectFixesWork(text, d);
  return d;
}

const A = id(1);
const B = id(2);

describe('SEED001 open delimiter never closed', () => {
  it('before the next open: one error on the open marker and id, fix inserts the close after the last body line', () => {
    const text = `<<< ${A}\nHead A\nPara A\n\n<<< ${B}\nHead B\n>>> ${B}\n`;
    const d = only(text, 'SEED001');
    expect(d.severity).toBe('error');
    expect(textAt(text, d.range)).toBe(`<<< ${A}`);
    expect(d.related?.[0].range.start.line).toBe(2);
    expect(d.fixes).toHaveLength(1);
    expect(applyTextEdits(text, d.fixes[0].edits)).toBe(`<<< ${A}\nHead A\nPara A\n>>> ${A}\n\n<<< ${B}\nHead B\n>>> ${B}\n`);
    const r = parseSeed(text);
    expect(r.documents.map((x) => [x.id, x.startLine, x.endLine, x.closeLine])).toEqual([[A, 0, 2, undefined], [B, 4, 6, 6]]);
  });

  it('at the end of the file (no final newline)', () => {
    const text = `<<< ${A}\nHead A\nPara A`;
    const d = only(text, 'SEED001');
    expect(applyTextEdits(text, d.fixes[0].edits)).toBe(`<<< ${A}\nHead A\nPara A\n>>> ${A}`);
  });

  it('uses the file\'s CRLF line ending for the inserted line', () => {
    const text = `<<< ${A}\r\nHead A\r\n\r\n<<< ${B}\r\nH\r\n>>> ${B}\r\n`;
    const d = only(text, 'SEED001');
    expect(applyTextEdits(text, d.fixes[0].edits)).toBe(`<<< ${A}\r\nHead A\r\n>>> ${A}\r\n\r\n<<< ${B}\r\nH\r\n>>> ${B}\r\n`);
  });

  it('a comment right before the next open stays a comment: the close goes above it', () => {
    const text = `<<< ${A}\nHead A\n\n# about B\n<<< ${B}\nH\n>>> ${B}\n`;
    const d = only(text, 'SEED001');
    const r = parseSeed(text);
    expect(r.documents[0].endLine).toBe(1);
    expect(r.comments).toEqual([{ startLine: 3, endLine: 3 }]);
    expect(applyTextEdits(text, d.fixes[0].edits)).toBe(`<<< ${A}\nHead A\n>>> ${A}\n\n# about B\n<<< ${B}\nH\n>>> ${B}\n`);
  });
});

describe('SEED001 with # lines', () => {
  it('an unclosed document whose whole body is # lines keeps them as its body', () => {
    const text = `<<< ${A}\n#one\n#two\n<<< ${B}\nH\n>>> ${B}\n`;
    const d = only(text, 'SEED001');
    const r = parseSeed(text);
    expect(r.documents[0].paragraphs.map((p) => p.text)).toEqual(['#two']);
    expect(r.comments).toEqual([]);
    expect(applyTextEdits(text, d.fixes[0].edits).split('\n')[3]).toBe(`>>> ${A}`);
  });
});

describe('SEED002 close delimiter with no open document', () => {
  it('a repeated close line: fix deletes it', () => {
    const text = doc(1) + `>>> ${A}\n` + doc(2);
    const d = only(text, 'SEED002');
    expect(textAt(text, d.range)).toBe(`>>> ${A}`);
    expect(d.fixes.map((f) => f.title)).toEqual(['Delete the close line']);
    expect(applyTextEdits(text, d.fixes[0].edits)).toBe(doc(1) + doc(2));
  });

  it('a lost open line: one error (no SEED007 for the text), fix inserts the open before the text', () => {
    const text = doc(1) + `\nHead B\nPara B\n>>> ${B}\n`;
    const d = only(text, 'SEED002');
    expect(d.related?.[0].range.start.line).toBe(5);
    expect(d.fixes[0].title).toContain(`<<< ${B}`);
    expect(applyTextEdits(text, d.fixes[0].edits)).toBe(doc(1) + `\n<<< ${B}\nHead B\nPara B\n>>> ${B}\n`);
  });

  it('a stray close as the last line without newline: delete leaves no error', () => {
    const text = doc(1) + `>>> ${A}`;
    only(text, 'SEED002');
  });
});

describe('SEED003 close id differs from the open id', () => {
  it('points at the close id, relates to the open id, fix uses the open id', () => {
    const text = `<<< ${A}\nHead\n>>> ${B}\n`;
    const d = only(text, 'SEED003');
    expect(textAt(text, d.range)).toBe(B);
    expect(d.related?.[0].range).toEqual(parseSeed(text).documents[0].idRange);
    expect(applyTextEdits(text, d.fixes[0].edits)).toBe(doc(1, ['Head']));
    expect(parseSeed(text).documents[0].closeLine).toBe(2);
  });
});

describe('SEED004 malformed id', () => {
  it.each([
    ['12_0123456789abcdef', /2 digits/],
    ['000-0123456789abcdef', /'_'/],
    ['0000123456789abcdef0', /'_'/],
    ['000_0123456789abcdeg', /not hex/],
    ['000_0123456789abcde', /15 hex digits/],
  ])('%s', (bad, why) => {
    const text = `<<< ${bad}\nHead\n>>> ${bad}\n`;
    const d = only(text, 'SEED004');
    expect(textAt(text, d.range)).toBe(bad);
    expect(d.message).toMatch(why);
    expect(d.fixes).toEqual([]);
    expect(parseSeed(text).documents[0]).toMatchObject({ id: bad, idValid: false, sequence: undefined });
  });

  it('uppercase hash: fix lowercases the open and the close id', () => {
    const text = `<<< 001_0123456789ABCDEF\nHead\n>>> 001_0123456789ABCDEF\n`;
    const d = only(text, 'SEED004');
    expect(d.message).toMatch(/uppercase/);
    expect(applyTextEdits(text, d.fixes[0].edits)).toBe(`<<< 001_0123456789abcdef\nHead\n>>> 001_0123456789abcdef\n`);
  });

  it('no lowercase fix when the lowercased id is already used', () => {
    const text = `<<< 001_0123456789abcdef\nH\n>>> 001_0123456789abcdef\n<<< 002_0123456789ABCDEF\nH\n>>> 002_0123456789ABCDEF\n<<< 002_0123456789abcdef\nH\n>>> 002_0123456789abcdef\n`;
    const d = ofCode(parseSeed(text), 'SEED004')[0];
    expect(d.fixes).toEqual([]);
  });
});

describe('SEED005 duplicate id', () => {
  it('marks the second and later uses and points at the first', () => {
    const text = doc(1) + doc(2) + doc(1) + doc(1);
    const r = parseSeed(text);
    const ds = ofCode(r, 'SEED005');
    expect(r.diagnostics).toHaveLength(2);
    expect(ds.map((d) => d.range.start.line)).toEqual([8, 12]);
    for (const d of ds) {
      expect(d.related?.[0].range).toEqual(r.documents[0].idRange);
      expect(textAt(text, d.range)).toBe(A);
    }
    expect(r.documents).toHaveLength(4);
  });
});

describe('SEED006 malformed delimiter lines', () => {
  const cases: Array<[string, string, string, string]> = [
    // [line, expected range text, message fragment, rewritten]
    [`<< ${A}`, '<<', "'<<' instead of '<<<'", `<<< ${A}`],
    [`<<<< ${A}`, '<<<<', "'<<<<' instead", `<<< ${A}`],
    [`<<<${A}`, '<<<', 'no space', `<<< ${A}`],
    [`  <<< ${A}`, '  ', 'leading whitespace', `<<< ${A}`],
    [`<<<\t${A}`, '\t', 'tab', `<<< ${A}`],
    [`<<<  ${A}`, '  ', 'several spaces', `<<< ${A}`],
    [`« ${A}`, '«', 'look-alike', `<<< ${A}`],
    [`＜＜＜ ${A}`, '＜＜＜', 'look-alike', `<<< ${A}`],
    [`‹‹‹ ${A}`, '‹‹‹', 'look-alike', `<<< ${A}`],
  ];
  it.each(cases)('open %s', (line, rangeText, fragment, rewritten) => {
    const text = `${line}\nHead\n>>> ${A}\n`;
    const d = only(text, 'SEED006');
    expect(textAt(text, d.range)).toBe(rangeText);
    expect(d.message).toContain(fragment);
    expect(d.message).toMatch(/^Malformed open delimiter/);
    expect(applyTextEdits(text, d.fixes[0].edits).split('\n')[0]).toBe(rewritten);
    expect(parseSeed(text).documents.map((x) => [x.id, x.closeLine])).toEqual([[A, 2]]);
  });

  const closeCases: Array<[string, string, string]> = [
    [`>> ${A}`, '>>', "'>>' instead of '>>>'"],
    [`>>>> ${A}`, '>>>>', 'instead'],
    [`>>>${A}`, '>>>', 'no space'],
    [` >>> ${A}`, ' ', 'leading whitespace'],
    [`>>>\t${A}`, '\t', 'tab'],
    [`» ${A}`, '»', 'look-alike'],
    [`＞＞＞ ${A}`, '＞＞＞', 'look-alike'],
    [`››› ${A}`, '›››', 'look-alike'],
    [`>>> ${A} end of story`, 'end of story', 'text after the close id'],
    ['>>>', '>>>', 'the id is missing'],
    ['>>', '>>', 'missing'],
  ];
  it.each(closeCases)('close %s', (line, rangeText, fragment) => {
    const text = `<<< ${A}\nHead\n${line}\n` + doc(2);
    const d = only(text, 'SEED006');
    expect(textAt(text, d.range)).toBe(rangeText);
    expect(d.message).toContain(fragment);
    expect(applyTextEdits(text, d.fixes[0].edits).split('\n')[2]).toBe(`>>> ${A}`);
    expect(parseSeed(text).documents.map((x) => [x.id, x.closeLine])).toEqual([[A, 2], [B, 6]]);
  });

  it('an open line without id takes its fix from the close id', () => {
    const text = `<<< status=approved\nHead\n>>> ${A}\n`;
    const d = only(text, 'SEED006');
    expect(d.message).toContain('id is missing');
    expect(applyTextEdits(text, d.fixes[0].edits).split('\n')[0]).toBe(`<<< ${A} status=approved`);
    expect(parseSeed(text).documents[0].status).toBe('approved');
  });

  it.each(['<<<<<<< HEAD', '=======', '>>>>>>> feature/branch', '<<<<<<<', '||||||| base'])('git conflict marker %s: reported and ignored, fix deletes it', (marker) => {
    const text = `<<< ${A}\nHead\n${marker}\nPara\n>>> ${A}\n`;
    const d = only(text, 'SEED006');
    expect(textAt(text, d.range)).toBe(marker);
    expect(d.message).toMatch(/conflict marker/);
    expect(applyTextEdits(text, d.fixes[0].edits)).toBe(`<<< ${A}\nHead\nPara\n>>> ${A}\n`);
    expect(parseSeed(text).documents[0].paragraphs.map((p) => p.text)).toEqual(['Para']);
  });

  it('a 7-marker run followed by an id is a malformed delimiter, not a conflict marker', () => {
    const text = `<<< ${A}\nHead\n>>>>>>> ${A}\n`;
    const d = only(text, 'SEED006');
    expect(d.message).toMatch(/^Malformed close delimiter/);
    expect(textAt(text, d.range)).toBe('>>>>>>>');
  });

  it('a conflict marker outside documents is also ignored', () => {
    only(`=======\n${doc(1)}`, 'SEED006');
  });
});

describe('SEED007 text outside any document', () => {
  it('one diagnostic for a run of lines; fix wraps it in a new document with a fresh id', () => {
    const text = doc(1) + '\nStray headline\n\nStray paragraph\n\n' + doc(2);
    const d = only(text, 'SEED007');
    expect(d.range).toEqual({ start: { line: 5, character: 0 }, end: { line: 7, character: 15 } });
    const fixed = applyTextEdits(text, d.fixes[0].edits);
    const r = parseSeed(fixed);
    expect(r.documents).toHaveLength(3);
    const wrapped = r.documents[1];
    expect(wrapped.idValid).toBe(true);
    expect(wrapped.sequence).toBe(3);
    expect(wrapped.headline?.text).toBe('Stray headline');
    // The generated id is stable for the same text.
    expect(parseSeed(text).diagnostics[0].fixes[0].title).toBe(d.fixes[0].title);
  });

  it('comments split runs; two runs get two different ids', () => {
    const text = 'text one\n# c\ntext two\n';
    const r = parseSeed(text);
    const ds = ofCode(r, 'SEED007');
    expect(ds).toHaveLength(2);
    expect(ds[0].fixes[0].title).not.toBe(ds[1].fixes[0].title);
    for (const d of ds) expectFixesWork(text, d);
  });
});

describe('SEED008 empty document', () => {
  it('warning on the open delimiter', () => {
    const text = `<<< ${A} status=approved\n\n  \n>>> ${A}\n`;
    const d = only(text, 'SEED008');
    expect(d.severity).toBe('warning');
    expect(textAt(text, d.range)).toBe(`<<< ${A}`);
    expect(parseSeed(text).documents[0].bodyEndLine).toBe(2);
  });
});

describe('SEED009 malformed attributes', () => {
  const open = (attrs: string) => `<<< ${A} ${attrs}\nHead\n>>> ${A}\n`;
  it.each([
    ['Source=afp', 'Source', /key 'Source'/],
    ['9x=1', '9x', /key '9x'/],
    ['=afp', '=', /without a key/],
    ['approved', 'approved', /no '='/],
    ['source=', 'source=', /no value/],
    ['source=a"b', 'a"b', /contains '"'/],
    ['note="a\\nb"', '\\n', /escape/],
  ])('%s', (attrs, rangeText, msg) => {
    const text = open(attrs);
    const d = only(text, 'SEED009');
    expect(textAt(text, d.range)).toBe(rangeText);
    expect(d.message).toMatch(msg);
  });

  it('unterminated quote: fix closes it; the value runs to the end of the line', () => {
    const text = open('note="never closed');
    const d = only(text, 'SEED009');
    expect(textAt(text, d.range)).toBe('"never closed');
    expect(applyTextEdits(text, d.fixes[0].edits).split('\n')[0]).toBe(`<<< ${A} note="never closed"`);
    expect(parseSeed(text).documents[0].attributes[0].value).toBe('never closed');
  });

  it('unterminated quote ending in a backslash', () => {
    only(open('note="path\\'), 'SEED009');
  });

  it('duplicate key with the same value: fix removes it; the first one counts', () => {
    const text = open('status=approved source=x status=approved');
    const d = only(text, 'SEED009');
    expect(textAt(text, d.range)).toBe('status=approved');
    expect(d.range.start.character).toBeGreaterThan(30);
    expect(d.related?.[0].range.start.character).toBe(25);
    expect(applyTextEdits(text, d.fixes[0].edits).split('\n')[0]).toBe(`<<< ${A} status=approved source=x`);
  });

  it('duplicate key with another value: no certain fix', () => {
    const text = open('status=approved status=rejected');
    const d = only(text, 'SEED009');
    expect(d.fixes).toEqual([]);
    expect(parseSeed(text).documents[0].status).toBe('approved');
  });

  it('text glued to a quoted value: fix inserts a space', () => {
    const text = open('note="a"source=x');
    const d = only(text, 'SEED009');
    expect(parseSeed(text).documents[0].attributes.map((a) => a.key)).toEqual(['note', 'source']);
    expect(d.fixes).toHaveLength(1);
  });

  it('the rest of the line is still read after a mistake', () => {
    const r = parseSeed(open('Bad=1 lone status=flagged note="x y"'));
    expect(ofCode(r, 'SEED009')).toHaveLength(2);
    expect(r.documents[0].status).toBe('flagged');
    expect(r.documents[0].attributes.map((a) => a.key)).toEqual(['status', 'note']);
  });
});

describe('SEED010 status and date values', () => {
  it.each([
    ['status=pending', 'pending', /Unknown status/],
    ['status=Approved', 'Approved', /Unknown status/],
    ['date=2022-9-10', '2022-9-10', /not YYYY-MM-DD/],
    ['date=10.09.2022', '10.09.2022', /not YYYY-MM-DD/],
    ['date=2023-02-29', '2023-02-29', /calendar/],
    ['date=2022-13-01', '2022-13-01', /calendar/],
    ['date=2022-04-31', '2022-04-31', /calendar/],
    ['date="2022-00-10"', '"2022-00-10"', /calendar/],
  ])('%s', (attrs, rangeText, msg) => {
    const text = `<<< ${A} ${attrs}\nHead\n>>> ${A}\n`;
    const d = only(text, 'SEED010');
    expect(d.severity).toBe('warning');
    expect(textAt(text, d.range)).toBe(rangeText);
    expect(d.message).toMatch(msg);
  });

  it('accepts leap days and every known status', () => {
    for (const s of ['unreviewed', 'approved', 'rejected', 'flagged']) {
      expect(parseSeed(doc(1, ['H'], `status=${s} date=2024-02-29`)).diagnostics).toEqual([]);
    }
    expect(parseSeed(doc(1, ['H'], 'date=2000-02-29')).diagnostics).toEqual([]);
    expect(ofCode(parseSeed(doc(1, ['H'], 'date=1900-02-29')), 'SEED010')).toHaveLength(1);
  });
});

describe('SEED011 sequence numbers', () => {
  it('not increasing: information on the sequence number', () => {
    const text = doc(5) + doc(3) + doc(4);
    const d = only(text, 'SEED011');
    expect(d.severity).toBe('information');
    expect(textAt(text, d.range)).toBe('003');
    expect(d.range.start.line).toBe(4);
  });

  it('the same number with another hash relates to the first', () => {
    const text = doc(1) + `<<< ${id(1, 'b')}\nH\n>>> ${id(1, 'b')}\n`;
    const d = only(text, 'SEED011');
    expect(d.message).toMatch(/another hash/);
    expect(d.related?.[0].range.start.line).toBe(0);
  });
});

describe('recovery: one mistake, one diagnostic, the right documents', () => {
  const clean = doc(1, ['Head 1', 'P 1']) + '\n' + doc(2, ['Head 2', 'P 2']) + '\n' + doc(3, ['Head 3', 'P 3']);
  const lines = clean.split('\n');
  const cases: Array<[string, (ls: string[]) => string[], string]> = [
    ['close of the first document deleted', (ls) => ls.filter((_, i) => i !== 3), 'SEED001'],
    ['open of the second document deleted', (ls) => ls.filter((_, i) => i !== 5), 'SEED002'],
    ['close of the last document deleted', (ls) => ls.filter((_, i) => i !== 13), 'SEED001'],
    ['open marker of the second document mistyped', (ls) => ls.map((l, i) => (i === 5 ? l.replace('<<<', '<<') : l)), 'SEED006'],
    ['close marker of the second document mistyped', (ls) => ls.map((l, i) => (i === 8 ? l.replace('>>>', '>>>>') : l)), 'SEED006'],
    ['close id of the second document mistyped', (ls) => ls.map((l, i) => (i === 8 ? l.replace('002_', '020_') : l)), 'SEED003'],
    ['a conflict marker in the middle', (ls) => [...ls.slice(0, 7), '=======', ...ls.slice(7)], 'SEED006'],
    ['a pasted line between documents', (ls) => [...ls.slice(0, 4), 'pasted text', ...ls.slice(4)], 'SEED007'],
    ['an uppercase id on both delimiters', (ls) => ls.map((l, i) => (i === 5 || i === 8 ? l.replace(/a{16}/, 'A'.repeat(16)) : l)), 'SEED004'],
  ];
  it.each(cases)('%s', (_name, mutate, code) => {
    const text = mutate(lines).join('\n');
    const r = parseSeed(text);
    expect(r.diagnostics.map((d) => d.code)).toEqual([code]);
    expect(r.documents.map((d) => d.headline?.text)).toEqual(code === 'SEED002' ? ['Head 1', 'Head 3'] : ['Head 1', 'Head 2', 'Head 3']);
    expectFixesWork(text, r.diagnostics[0]);
    for (const f of r.diagnostics[0].fixes.filter((x) => x.isPreferred)) {
      const fixed = parseSeed(applyTextEdits(text, f.edits));
      expect(fixed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const heads = fixed.documents.map((d) => d.headline?.text);
      expect(heads).toEqual(code === 'SEED007' ? ['Head 1', 'pasted text', 'Head 2', 'Head 3'] : ['Head 1', 'Head 2', 'Head 3']);
    }
  });
});

describe('the all-codes fixture', () => {
  const text = readFileSync(join(__dirname, '..', 'fixtures', 'malformed', 'all-codes.seed'), 'utf8');
  const r = parseSeed(text);
  it('has every code SEED001-SEED011', () => {
    const codes = new Set(r.diagnostics.map((d) => d.code));
    for (let i = 1; i <= 11; i++) expect(codes).toContain(`SEED${String(i).padStart(3, '0')}`);
  });
  it('every range lies inside the text and every fix works', () => {
    const ls = text.split('\n');
    for (const d of r.diagnostics) {
      for (const p of [d.range.start, d.range.end]) {
        expect(p.line).toBeLessThan(ls.length);
        expect(p.character).toBeLessThanOrEqual(ls[p.line].length);
      }
      expectFixesWork(text, d);
    }
  });
});
