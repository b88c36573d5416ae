/**
 * Property test for `seed-review check --fix` on randomly damaged corpora (fixed seed, printed;
 * SEED_PROPERTY_SEED and SEED_PROPERTY_RUNS override): after --fix no fixable diagnostic remains,
 * no error appears that was not there before, the bytes written are exactly the fixes' edits
 * applied (the text outside the edited ranges byte-identical, line endings and BOM included),
 * and a file without fixes is not written at all.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { combinePreferredFixes } from '../../src/core/fix-all';
import { parseSeed } from '../../src/core/parser';
import { LineIndex } from '../../src/core/text-edits';
import type { SeedDiagnostic, TextEdit } from '../../src/core/types';

const SEED = Number(process.env.SEED_PROPERTY_SEED ?? 20261129);
const RUNS = Number(process.env.SEED_PROPERTY_RUNS ?? 150);

const hex = fc.constantFrom(...'0123456789abcdef'.split(''));
const seedId = fc.tuple(fc.integer({ min: 0, max: 999 }), fc.array(hex, { minLength: 16, maxLength: 16 }))
  .map(([n, h]) => `${String(n).padStart(3, '0')}_${h.join('')}`);
const word = fc.constantFrom('Kyiv', 'council', 'said', 'on', 'Monday', '“quoted”', 'café', '2,000', 'the', '> arrow', '#tag', '😀');
const bodyLine = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
const attrs = fc.constantFrom('', ' status=approved', ' note="check \\"this\\""', ' source=ap date=2022-09-10', ' note="open');
const document = fc.tuple(seedId, attrs, bodyLine, fc.array(fc.oneof(bodyLine, fc.constant('')), { maxLength: 3 }))
  .map(([id, a, head, body]) => [`<<< ${id}${a}`, head, ...body, `>>> ${id}`]);
const noise = fc.constantFrom('<<', '>>', '<<<', '>>>', '»', '=======', '<<<<<<< HEAD', ' ', '\t', 'X', 'A', '_', '"', '#', '',
  '000_', '<<< 002_bbbbbbbbbbbbbbbb', 'stray words', '>>> 003_CCCCCCCCCCCCCCCC');
const damage = fc.record({ at: fc.nat(), col: fc.nat({ max: 30 }), text: noise, remove: fc.nat({ max: 3 }), kind: fc.constantFrom('garble', 'insert', 'delete') });
const corpus = fc.record({
  parts: fc.array(fc.oneof(document, fc.constant(['# comment']), fc.constant([''])), { minLength: 1, maxLength: 5 }),
  damages: fc.array(damage, { maxLength: 4 }),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  finalEol: fc.boolean(),
}).map(({ parts, damages, eol, bom, finalEol }) => {
  const lines = parts.flat();
  for (const d of damages) {
    const at = lines.length ? d.at % lines.length : 0;
    if (d.kind === 'insert') lines.splice(at, 0, d.text);
    else if (d.kind === 'delete') lines.splice(at, 1);
    else if (lines.length) {
      // Never between the halves of a surrogate pair: a file holds UTF-8, which has no lone halves.
      const whole = (i: number) => (/[\ud800-\udbff]/.test(lines[at].charAt(i - 1)) ? i + 1 : i);
      const col = whole(d.col);
      lines[at] = lines[at].slice(0, col) + d.text + lines[at].slice(whole(col + d.remove));
    }
  }
  return (bom ? '\uFEFF' : '') + lines.join(eol) + (finalEol ? eol : '');
});

const fixable = (diagnostics: readonly SeedDiagnostic[]) => diagnostics.filter((d) => d.fixes.length > 0);

function errorCounts(diagnostics: readonly SeedDiagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of diagnostics) if (d.severity === 'error') counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  return counts;
}

/**
 * Applies one pass of edits by hand and checks that every byte outside the edited ranges is
 * copied unchanged: the pieces between edits, in order, then the edits' new text.
 */
function applyCheckingOutside(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const resolved = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of resolved) {
    expect(e.start).toBeGreaterThanOrEqual(at);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}

describe(`property: check --fix on damaged corpora (seed ${SEED}, ${RUNS} runs)`, () => {
  it('leaves nothing fixable, adds no error, changes only the fixed ranges, writes only files with fixes', async () => {
    console.log(`check --fix property: seed ${SEED} (set SEED_PROPERTY_SEED to replay), ${RUNS} runs`);
    const dir = mkdtempSync(path.join(tmpdir(), 'seed-fix-prop-'));
    const clean = path.join(dir, 'clean.seed');
    writeFileSync(clean, '<<< 900_0123456789abcdef\nClean headline\n>>> 900_0123456789abcdef\n');
    const cleanStat = statSync(clean);
    const file = path.join(dir, 'damaged.seed');
    const io = { out: () => undefined, err: () => undefined, cwd: dir };
    try {
      await fc.assert(fc.asyncProperty(corpus, async (text) => {
        writeFileSync(file, text);
        const before = parseSeed(text, { fileName: 'damaged.seed' });
        const code = await main(['check', dir, '--fix'], io);
        expect(code).not.toBe(2);
        const written = readFileSync(file, 'utf8');

        // The same fixes replayed here, pass by pass, with the outside of each pass's edits checked.
        let expected = text;
        for (let pass = 0; pass < 10; pass++) {
          const edits = combinePreferredFixes(parseSeed(expected, { fileName: 'damaged.seed' }).diagnostics);
          if (edits.length === 0) break;
          const next = applyCheckingOutside(expected, edits);
          if (next === expected) break;
          expected = next;
        }
        expect(written, JSON.stringify(text)).toBe(expected);

        const after = parseSeed(written, { fileName: 'damaged.seed' });
        expect(fixable(after.diagnostics).map((d) => `${d.code} ${d.message}`), JSON.stringify(text)).toEqual([]);
        const was = errorCounts(before.diagnostics);
        for (const [errorCode, count] of errorCounts(after.diagnostics)) {
          expect(count, `${errorCode} in ${JSON.stringify(written)} from ${JSON.stringify(text)}`).toBeLessThanOrEqual(was.get(errorCode) ?? 0);
        }
        if (fixable(before.diagnostics).length === 0) expect(written).toBe(text);
      }), { seed: SEED, numRuns: RUNS });
      // Never had a fix: never written (same inode, same time), over every run.
      const cleanAfter = statSync(clean);
      expect([cleanAfter.ino, cleanAfter.mtimeMs]).toEqual([cleanStat.ino, cleanStat.mtimeMs]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
