import { describe, expect, it } from 'vitest';
import { ENTITY_CACHE_VERSION, EntityCache, extractWithCache, hashBody } from '../../src/core/entities/cache';
import type { DocumentExtraction, EntityLine } from '../../src/core/entities/types';

const body: EntityLine[] = [
  { line: 4, text: 'Zelensky visits Kharkiv' },
  { line: 5, text: 'Volodymyr Zelensky went to Kharkiv on Friday.' },
];

/** A fake extractor that counts its calls and marks every line's first word. */
function counting() {
  let calls = 0;
  const extract = (lines: readonly EntityLine[]): DocumentExtraction => {
    calls++;
    return {
      mentions: lines.map((l) => ({ line: l.line, start: 0, end: l.text.indexOf(' '), text: l.text.split(' ')[0], type: 'person' as const, source: 'tagger' as const })),
      candidates: [{ line: lines[0].line, start: 1, text: 'X', caps: false }],
      words: 7,
    };
  };
  return { extract, calls: () => calls };
}

describe('entity cache', () => {
  it('hits on the same body, misses when the body changes', () => {
    const cache = new EntityCache();
    const f = counting();
    const a = extractWithCache(cache, body, f.extract);
    const b = extractWithCache(cache, body, f.extract);
    expect(a.cached).toBe(false);
    expect(b.cached).toBe(true);
    expect(b.extraction).toEqual(a.extraction);
    expect(f.calls()).toBe(1);
    const changed = [body[0], { line: 5, text: 'Volodymyr Zelensky went to Izium on Friday.' }];
    expect(hashBody(changed)).not.toBe(hashBody(body));
    expect(extractWithCache(cache, changed, f.extract).cached).toBe(false);
    expect(f.calls()).toBe(2);
    expect(cache.hits).toBe(1);
    expect(cache.misses).toBe(2);
  });

  it('hits when a document moved in its file and shifts the lines', () => {
    const cache = new EntityCache();
    const f = counting();
    extractWithCache(cache, body, f.extract);
    const moved = body.map((l) => ({ line: l.line + 10, text: l.text }));
    const r = extractWithCache(cache, moved, f.extract);
    expect(r.cached).toBe(true);
    expect(r.extraction.mentions.map((m) => m.line)).toEqual([14, 15]);
    expect(r.extraction.candidates[0].line).toBe(14);
    // Blank lines count: the same lines at other distances are another body.
    expect(hashBody([body[0], { line: 7, text: body[1].text }])).not.toBe(hashBody(body));
  });

  it('round-trips through JSON', () => {
    const cache = new EntityCache();
    const f = counting();
    extractWithCache(cache, body, f.extract);
    const json = JSON.parse(JSON.stringify(cache));
    expect(json.version).toBe(ENTITY_CACHE_VERSION);
    const restored = EntityCache.fromJSON(json);
    expect(restored.size).toBe(1);
    const r = extractWithCache(restored, body, f.extract);
    expect(r.cached).toBe(true);
    expect(f.calls()).toBe(1);
  });

  it('drops a cache of another pipeline version or of a broken shape', () => {
    const cache = new EntityCache();
    extractWithCache(cache, body, counting().extract);
    const json = cache.toJSON();
    expect(EntityCache.fromJSON({ ...json, version: 'entities-0' }).size).toBe(0);
    expect(EntityCache.fromJSON('garbage').size).toBe(0);
    expect(EntityCache.fromJSON({ version: ENTITY_CACHE_VERSION, entries: [['h', { mentions: 1 }], 'x'] }).size).toBe(0);
  });

  it('evicts the least recently used entries beyond its bound', () => {
    const cache = new EntityCache(2);
    const e: DocumentExtraction = { mentions: [], candidates: [], words: 0 };
    cache.set('a', e);
    cache.set('b', e);
    cache.get('a');
    cache.set('c', e);
    expect(cache.has('a')).toBe(true);
    expect(cache.has('b')).toBe(false);
    expect(cache.has('c')).toBe(true);
    cache.retain(new Set(['c']));
    expect(cache.size).toBe(1);
  });
});

describe('entity cache from untrusted JSON', () => {
  it('drops entries that are valid JSON but not extractions, keeps the good ones, and never throws on use', () => {
    const good = { mentions: [{ line: 0, start: 0, end: 5, text: 'Paris', type: 'place', source: 'tagger' }], candidates: [{ line: 0, start: 9, text: 'The', caps: false }], words: 3 };
    const bad: unknown[] = [
      { mentions: [{ line: 0, start: 0, end: 5, text: 'Paris', type: 'planet', source: 'tagger' }], candidates: [], words: 1 },
      { mentions: [{ line: 0, start: 5, end: 2, text: 'xyz', type: 'place', source: 'tagger' }], candidates: [], words: 1 },
      { mentions: [{ line: -1, start: 0, end: 1, text: 'x', type: 'place', source: 'tagger' }], candidates: [], words: 1 },
      { mentions: [null], candidates: [], words: 1 },
      { mentions: [], candidates: [{ line: 0, start: 0, text: 7, caps: false }], words: 1 },
      { mentions: [{ line: 0, start: 0, end: 5, text: 'Paris', type: 'place' }], candidates: [], words: 1 },
      { mentions: [], candidates: [], words: 'many' },
    ];
    const json = { version: ENTITY_CACHE_VERSION, entries: [['ok', good], ...bad.map((e, i) => [`bad${i}`, e]), ['short']] };
    const cache = EntityCache.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(cache.size).toBe(1);
    expect(cache.get('ok', 10)?.mentions[0]).toMatchObject({ line: 10, text: 'Paris' });
    for (let i = 0; i < bad.length; i++) expect(cache.get(`bad${i}`)).toBeUndefined();
  });
});
