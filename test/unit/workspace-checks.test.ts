import { describe, expect, it } from 'vitest';
import { WorkspaceIndex, checkWorkspace, parseSeed } from '../../src/core';
import { doc, id } from './seed-test-helpers';

const file = (uri: string, text: string, fileName?: string) => ({ uri, result: parseSeed(text, { fileName }) });

describe('workspace checks', () => {
  it('SEED012: the same id in two files, with related locations in the other file', () => {
    const out = checkWorkspace([
      file('file:///w/a.seed', doc(1, ['One']) + doc(2, ['Two'])),
      file('file:///w/b.seed', doc(3, ['Other', 'text']) + doc(2, ['Different', 'body'])),
    ]);
    const a = out.get('file:///w/a.seed')!;
    const b = out.get('file:///w/b.seed')!;
    expect(a.map((d) => d.code)).toEqual(['SEED012']);
    expect(a[0]).toMatchObject({ severity: 'warning', range: { start: { line: 3, character: 4 } } });
    expect(a[0].message).toContain('b.seed');
    expect(a[0].related).toEqual([{ uri: 'file:///w/b.seed', range: { start: { line: 4, character: 4 }, end: { line: 4, character: 24 } }, message: expect.any(String) }]);
    expect(b.map((d) => d.code)).toEqual(['SEED012']);
  });

  it('SEED013: the same text under two ids, in one file or across files; blank lines do not matter', () => {
    const out = checkWorkspace([
      file('a.seed', doc(1, ['Same headline', 'Same paragraph']) + doc(2, ['Unique'])),
      file('b.seed', doc(5, ['Same headline', '', 'Same paragraph'])),
      file('c.seed', doc(6, ['Same headline', 'Same paragraph']) + doc(7, ['Same headline', 'Same paragraph'])),
    ]);
    const a = out.get('a.seed')!;
    expect(a.map((d) => d.code)).toEqual(['SEED013']);
    expect(a[0].related?.map((r) => r.uri)).toEqual(['b.seed', 'c.seed', 'c.seed']);
    expect(a[0].message).toContain(id(5));
    expect(out.get('c.seed')!.map((d) => d.code)).toEqual(['SEED013', 'SEED013']);
  });

  it('the same document (same id and text) in two files is SEED012 only', () => {
    const out = checkWorkspace([file('a.seed', doc(1)), file('b.seed', doc(1))]);
    expect(out.get('a.seed')!.map((d) => d.code)).toEqual(['SEED012']);
  });

  it('includes bare seed files (range on the headline)', () => {
    const text = 'Headline\nA paragraph.';
    const out = checkWorkspace([
      file('001_aaaaaaaaaaaaaaaa.txt', text, '001_aaaaaaaaaaaaaaaa.txt'),
      file('b.seed', doc(1)),
    ]);
    const d = out.get('001_aaaaaaaaaaaaaaaa.txt')!;
    expect(d.map((x) => x.code)).toEqual(['SEED012']);
    expect(d[0].range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 8 } });
  });

  it('updates incrementally and reports which files are affected', () => {
    const index = new WorkspaceIndex();
    expect([...index.update(file('a', doc(1)))]).toEqual(['a']);
    expect([...index.update(file('b', doc(2, ['Other'])))]).toEqual(['b']);
    expect(index.diagnosticsFor('a')).toEqual([]);
    // b now also uses id 1: both are affected
    expect([...index.update(file('b', doc(1, ['Other'])))].sort()).toEqual(['a', 'b']);
    expect(index.diagnosticsFor('a').map((d) => d.code)).toEqual(['SEED012']);
    // b goes back: a is affected (its warning disappears)
    expect([...index.update(file('b', doc(2, ['Other'])))].sort()).toEqual(['a', 'b']);
    expect(index.diagnosticsFor('a')).toEqual([]);
    index.update(file('c', doc(1, ['Other2'])));
    expect([...index.remove('c')]).toEqual(['a']);
    expect(index.diagnosticsFor('a')).toEqual([]);
    expect(index.uris().sort()).toEqual(['a', 'b']);
    expect(index.diagnosticsFor('nope')).toEqual([]);
  });
});
