import { describe, expect, it } from 'vitest';
import { LineIndex, applyTextEdits, fnv1a64Hex, generateSeedId, offsetToPosition, parseSeed, positionToOffset } from '../../src/core';
import { doc, id } from './seed-test-helpers';

describe('positions and offsets', () => {
  const text = 'ab\r\ncd\nef';
  it('maps positions to offsets, clamping to the line content', () => {
    expect(positionToOffset(text, { line: 0, character: 0 })).toBe(0);
    expect(positionToOffset(text, { line: 0, character: 2 })).toBe(2);
    expect(positionToOffset(text, { line: 0, character: 9 })).toBe(2);
    expect(positionToOffset(text, { line: 1, character: 1 })).toBe(5);
    expect(positionToOffset(text, { line: 2, character: 2 })).toBe(9);
    expect(positionToOffset(text, { line: 7, character: 0 })).toBe(9);
  });
  it('maps offsets back to positions', () => {
    expect(offsetToPosition(text, 5)).toEqual({ line: 1, character: 1 });
    expect(offsetToPosition(text, 9)).toEqual({ line: 2, character: 2 });
    expect(offsetToPosition(text, 3)).toEqual({ line: 0, character: 2 });
    const index = new LineIndex(text);
    expect(index.lineCount).toBe(3);
    for (let o = 0; o <= text.length; o++) {
      if (text[o - 1] === '\r') continue;
      expect(index.offsetAt(index.positionAt(o))).toBe(o);
    }
  });
  it('does not count a leading BOM as a character of line 0', () => {
    const bom = '\uFEFFabc';
    expect(positionToOffset(bom, { line: 0, character: 1 })).toBe(2);
    expect(offsetToPosition(bom, 2)).toEqual({ line: 0, character: 1 });
  });
});

describe('applyTextEdits', () => {
  it('applies non-overlapping edits in any order', () => {
    const text = 'one\ntwo\nthree';
    const out = applyTextEdits(text, [
      { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } }, newText: '3' },
      { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, newText: '1' },
      { range: { start: { line: 1, character: 3 }, end: { line: 1, character: 3 } }, newText: '!' },
    ]);
    expect(out).toBe('1\ntwo!\n3');
  });
  it('keeps the given order of insertions at one position', () => {
    const at = { line: 0, character: 1 };
    expect(applyTextEdits('ab', [{ range: { start: at, end: at }, newText: 'x' }, { range: { start: at, end: at }, newText: 'y' }])).toBe('axyb');
  });
  it('rejects overlapping edits', () => {
    const r = (s: number, e: number) => ({ start: { line: 0, character: s }, end: { line: 0, character: e } });
    expect(() => applyTextEdits('abcdef', [{ range: r(0, 3), newText: '' }, { range: r(2, 4), newText: '' }])).toThrow(/overlapping/);
  });
  it('keeps a BOM and applies parser positions (which exclude it)', () => {
    const text = '\uFEFF<<<  ' + id(1) + '\nH\n>>> ' + id(1) + '\n';
    const r = parseSeed(text);
    expect(r.diagnostics).toHaveLength(1);
    const fixed = applyTextEdits(text, r.diagnostics[0].fixes[0].edits);
    expect(fixed).toBe('\uFEFF' + doc(1, ['H']));
    expect(parseSeed(fixed).diagnostics).toEqual([]);
  });
});

describe('generated ids', () => {
  it('FNV-1a 64 matches the reference values', () => {
    expect(fnv1a64Hex('')).toBe('cbf29ce484222325');
    expect(fnv1a64Hex('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64Hex('foobar')).toBe('85944171f73967e8');
  });
  it('is stable for a text and skips taken ids', () => {
    const a = generateSeedId(7, 'some text', new Set());
    expect(a).toBe(`007_${fnv1a64Hex('some text')}`);
    expect(generateSeedId(7, 'some text', new Set([a]))).toBe(`008_${fnv1a64Hex('some text')}`);
  });
});

describe('every fix in the all-codes style file is a real edit', () => {
  it('titles name what they do and preferred fixes exist for certain cases', () => {
    const text = `<<< ${id(1)}\nH\n>>> ${id(2)}\n<< ${id(3)}\nH\n>>> ${id(3)}\n=======\n`;
    const r = parseSeed(text);
    for (const d of r.diagnostics) {
      expect(d.fixes.length).toBeGreaterThan(0);
      expect(d.fixes.some((f) => f.isPreferred)).toBe(true);
      for (const f of d.fixes) expect(f.edits.length).toBeGreaterThan(0);
    }
  });
});
