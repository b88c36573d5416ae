import { describe, expect, it } from 'vitest';
import { EntityCache } from '../../src/core/entities/cache';
import { EntityFeeder } from '../../src/core/entities/feeder';
import { LocalResolver } from '../../src/core/entities/local-resolution';
import { emptyLexicon, parseLexicon } from '../../src/core/entities/lexicon';
import { HOST_EXTRACTION_MAX_CHARS, LOCAL_WHOLE_DOCUMENT_CHARS } from '../../src/core/entities/scheduling';
import { parseSeed } from '../../src/core/parser';

const ID = '001_00000000000000a1';
const URI = 'file:///a.seed';

/** The first document of a corpus holding one document with these paragraphs. */
function doc(headline: string, ...paragraphs: string[]) {
  const text = `<<< ${ID}\n${headline}\n\n${paragraphs.join('\n\n')}\n>>> ${ID}\n`;
  return parseSeed(text, { fileName: 'a.seed' }).documents[0];
}

function resolver(options: { modelReady?: () => boolean; capacity?: number } = {}) {
  const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
  const events = { cached: 0, loads: 0 };
  const local = new LocalResolver({
    feeder,
    settingLexicon: () => emptyLexicon(),
    modelReady: options.modelReady ?? (() => true),
    loadModel: () => events.loads++,
    onCached: () => events.cached++,
    capacity: options.capacity,
  });
  return { feeder, local, events };
}

const names = (r: { mentions: { text: string; type: string }[] }) => r.mentions.map((m) => `${m.text}/${m.type}`);

describe('LocalResolver (answers from one document while the index cannot)', () => {
  const short = doc('Talks in Geneva', 'Anna Schmidt met officials in Geneva.');

  it('resolves a short document whole, caches its extraction and memoises the answer per version', () => {
    const { local, feeder, events } = resolver();
    const first = local.resolve(URI, 1, short, ID);
    expect(first.scope).toBe('document');
    expect(names(first)).toEqual(expect.arrayContaining(['Anna Schmidt/person', 'Geneva/place']));
    expect(local.resolve(URI, 1, short, ID)).toBe(first);
    expect(events.cached).toBe(1);
    expect(feeder.cache.size).toBe(1);
    // A new version with the same body: a new answer, from the cache.
    const again = local.resolve(URI, 2, short, ID);
    expect(again).not.toBe(first);
    expect(names(again)).toEqual(names(first));
    expect(events.cached).toBe(1);
  });

  it('extracts only the line asked about in a long document, memoised per line and not cached', () => {
    const { local, feeder, events } = resolver();
    const filler = 'The committee met again on Tuesday to discuss the budget for the coming year.';
    const paragraphs = Array.from({ length: Math.ceil(HOST_EXTRACTION_MAX_CHARS / filler.length) + 2 }, () => filler);
    paragraphs[3] = 'Omar Haddad spoke in Lagos.';
    const long = doc('Budget talks', ...paragraphs);
    const line = long.headline!.line + 2 + 3 * 2;
    const one = local.resolve(URI, 1, long, ID, line);
    expect(one.scope).toBe('line');
    expect(names(one)).toEqual(['Omar Haddad/person', 'Lagos/place']);
    expect(local.resolve(URI, 1, long, ID, line)).toBe(one);
    expect(events.cached).toBe(0);
    expect(feeder.cache.size).toBe(0);
    // Without a line there is nothing the host may extract in bounded time: no answer, nothing kept.
    expect(local.resolve(URI, 1, long, ID).mentions).toEqual([]);
    expect(local.size).toBe(1);
  });

  it('answers nothing, asks for the model and keeps nothing while the model is not loaded', () => {
    const { local, events } = resolver({ modelReady: () => false });
    expect(local.resolve(URI, 1, short, ID).mentions).toEqual([]);
    expect(events.loads).toBe(1);
    expect(local.size).toBe(0);
  });

  it('answers from a cached extraction even before the model is loaded', () => {
    let ready = true;
    const { local } = resolver({ modelReady: () => ready });
    local.resolve(URI, 1, short, ID);
    ready = false;
    expect(names(local.resolve(URI, 2, short, ID))).toContain('Anna Schmidt/person');
  });

  it('resolves with the file\'s own lexicon once the index knows it, and a new lexicon is a new answer', () => {
    const { local, feeder } = resolver();
    expect(names(local.resolve(URI, 1, short, ID))).toContain('Anna Schmidt/person');
    const { lexicon } = parseLexicon({ types: { 'Anna Schmidt': 'organization' } });
    feeder.setFileLexicon(URI, { key: 'taught', lexicon });
    expect(names(local.resolve(URI, 1, short, ID))).toContain('Anna Schmidt/organization');
  });

  it('forgets a closed file, and the oldest answers beyond its capacity', () => {
    const { local } = resolver({ capacity: 3 });
    for (let v = 1; v <= 3; v++) local.resolve(URI, v, short, ID);
    local.resolve('file:///b.seed', 1, short, ID);
    expect(local.size).toBe(3);
    local.forgetFile(URI);
    expect(local.size).toBe(1);
    local.clear();
    expect(local.size).toBe(0);
  });

  it('keeps the bound it was given: a document just over the whole-document size is whole only without a line', () => {
    const { local } = resolver();
    const words = 'Anna Schmidt met officials in Geneva. ';
    const medium = doc('Talks', words.repeat(Math.ceil((LOCAL_WHOLE_DOCUMENT_CHARS + 10) / words.length)));
    expect(local.resolve(URI, 1, medium, ID, medium.headline!.line + 2).scope).toBe('line');
    expect(local.resolve(URI, 2, medium, ID).scope).toBe('document');
  });
});
