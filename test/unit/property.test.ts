import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSeed } from '../../src/core';
import type { ParseResult, Range } from '../../src/core';
import { fixProblem } from './seed-test-helpers';

const hex = fc.constantFrom(...'0123456789abcdef'.split(''));
const seedId = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.array(hex, { minLength: 16, maxLength: 16 }))
  .map(([n, h]) => `${String(n).padStart(3, '0')}_${h.join('')}`);
const word = fc.constantFrom('Kyiv', 'council', 'said', 'on', 'Monday', '“quoted”', 'café', '2,000', 'the', 'Reuters', '> arrow', '#tag', 'é', '—');
const bodyLine = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
const attrs = fc.constantFrom('', ' status=approved', ' status=flagged note="check \\"this\\""', ' source=ap date=2022-09-10', ' lang=en x=1');
const document = fc.tuple(seedId, attrs, bodyLine, fc.array(fc.oneof(bodyLine, fc.constant('')), { maxLength: 5 }))
  .map(([i, a, head, body]) => [`<<< ${i}${a}`, head, ...body, `>>> ${i}`]);
const corpus = fc.tuple(
  fc.array(fc.oneof(document, fc.constant(['# comment']), fc.constant([''])), { minLength: 1, maxLength: 6 }),
  fc.constantFrom('\n', '\r\n'),
  fc.boolean(),
).map(([parts, eol, finalEol]) => ({ lines: parts.flat(), eol, finalEol }));

const noise = fc.constantFrom('<<', '>>', '<<<', '>>>', '«', '»', '＜', '＞', '‹', '›', '=======', '<<<<<<< HEAD', '>>>>>>> x',
  ' ', '\t', 'X', 'A', '_', '"', '=', '#', '', '000_', '>> 001_aaaaaaaaaaaaaaaa', '<<< 002_bbbbbbbbbbbbbbbb', 'stray words');

type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number }
  | { kind: 'duplicate'; at: number }
  | { kind: 'garble'; at: number; col: number; text: string; remove: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(noise, bodyLine) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('garble' as const), at: fc.nat(), col: fc.nat({ max: 30 }), text: noise, remove: fc.nat({ max: 3 }) }),
);

function mutate(lines: string[], edits: Edit[]): string[] {
  const ls = [...lines];
  for (const e of edits) {
    const at = ls.length ? e.at % ls.length : 0;
    if (e.kind === 'insert') ls.splice(at, 0, e.text);
    else if (e.kind === 'delete') ls.splice(at, 1);
    else if (e.kind === 'duplicate' && ls.length) ls.splice(at, 0, ls[at]);
    else if (e.kind === 'garble' && ls.length) {
      // Prefer delimiter lines: they are what the edits are meant to damage.
      const delim = ls.findIndex((l, i) => i >= at && /^[<>]/.test(l));
      const i = delim >= 0 ? delim : at;
      const l = ls[i];
      const col = Math.min(e.col, l.length);
      ls[i] = l.slice(0, col) + e.text + l.slice(col + e.remove);
    }
  }
  return ls;
}

function inside(range: Range, lines: string[]): boolean {
  const ok = (p: { line: number; character: number }) =>
    p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line].length;
  const ordered = range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
  return ok(range.start) && ok(range.end) && ordered;
}

function checkResult(text: string, r: ParseResult): void {
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, ''));
  expect(r.lineCount).toBe(lines.length);
  for (const d of r.diagnostics) {
    expect(inside(d.range, lines), `${d.code} range`).toBe(true);
    for (const rel of d.related ?? []) expect(inside(rel.range, lines), `${d.code} related`).toBe(true);
    for (const f of d.fixes) for (const e of f.edits) expect(inside(e.range, lines), `${d.code} fix edit`).toBe(true);
  }
  let prevEnd = -1;
  for (const doc of r.documents) {
    expect(doc.startLine).toBeGreaterThan(prevEnd);
    expect(doc.endLine).toBeGreaterThanOrEqual(doc.startLine);
    expect(doc.endLine).toBeLessThan(lines.length);
    if (doc.headline) expect(doc.headline.text).toBe(lines[doc.headline.line]);
    for (const p of doc.paragraphs) {
      expect(p.line).toBeLessThanOrEqual(doc.endLine);
      expect(p.text).toBe(lines[p.line]);
    }
    prevEnd = doc.endLine;
  }
}

describe('property: random edits of valid corpora', () => {
  it('valid corpora parse without diagnostics except sequence information', () => {
    fc.assert(fc.property(corpus, ({ lines, eol }) => {
      const r = parseSeed(lines.join(eol));
      for (const d of r.diagnostics) expect(['SEED005', 'SEED011', 'SEED013']).toContain(d.code);
    }), { numRuns: 200 });
  });

  it('never throws, keeps every range inside the text, and every quick fix removes its diagnostic without adding an error', () => {
    fc.assert(fc.property(corpus, fc.array(edit, { minLength: 1, maxLength: 4 }), fc.boolean(), ({ lines, eol, finalEol }, edits, bom) => {
      const text = (bom ? '\uFEFF' : '') + mutate(lines, edits).join(eol) + (finalEol ? eol : '');
      const r = parseSeed(text);
      checkResult(text, r);
      for (const d of r.diagnostics) {
        for (const f of d.fixes) expect(fixProblem(text, r, d, f), JSON.stringify(text)).toBeUndefined();
      }
    }), { numRuns: Number(process.env.SEED_PROPERTY_RUNS ?? 1500) });
  });

  it('bare seed files never throw', () => {
    fc.assert(fc.property(fc.array(fc.oneof(bodyLine, noise)), (ls) => {
      const text = ls.join('\n');
      const r = parseSeed(text, { fileName: '000_0f5d7b9424756893.txt' });
      checkResult(text, r);
    }), { numRuns: 300 });
  });
});
