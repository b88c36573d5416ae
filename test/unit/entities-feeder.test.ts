import { describe, expect, it } from 'vitest';
import { EntityCache } from '../../src/core/entities/cache';
import { EntityFeeder, FeedRound, type ScopedLexicon } from '../../src/core/entities/feeder';
import { documentBodyFirstLine, documentBodyHash, documentBodyLines, extractDocument } from '../../src/core/entities/extract';
import { emptyLexicon, parseLexicon } from '../../src/core/entities/lexicon';
import { parseSeed } from '../../src/core/parser';

/** A corpus of delimited documents, each a headline and one paragraph. */
function corpus(...docs: [id: string, headline: string, paragraph: string][]): string {
  return docs.map(([id, headline, paragraph]) => `<<< ${id}\n${headline}\n\n${paragraph}\n>>> ${id}\n`).join('');
}

const A = '001_00000000000000a1';
const B = '002_00000000000000b2';
const C = '003_00000000000000c3';
const plain: ScopedLexicon = { key: 'plain', lexicon: emptyLexicon() };
const breathe = () => Promise.resolve();

/** Feeds one file and extracts the round's jobs on the spot (what the workers do). */
async function feed(feeder: EntityFeeder, uri: string, text: string, lexicon = plain): Promise<FeedRound> {
  const round = new FeedRound();
  await feeder.feedFile(round, uri, parseSeed(text, { fileName: 'x.seed' }), lexicon, breathe);
  for (const job of round.jobs) feeder.accept(round, job.key, extractDocument(job.lines));
  return round;
}

const names = (feeder: EntityFeeder, uri: string, key: string) => feeder.index.mentionsOfDocument(uri, key).map((m) => `${m.text}/${m.type}`);

describe('EntityFeeder (which documents the index holds, and what a re-read costs)', () => {
  const text = corpus([A, 'Talks in Geneva', 'Anna Schmidt met officials of the United Nations in Geneva.'], [B, 'Floods in Porto Alegre', 'Rain fell on Porto Alegre.']);

  it('extracts every document of a new file once, then skips the unchanged ones', async () => {
    const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
    const first = await feed(feeder, 'file:///a.seed', text);
    expect({ jobs: first.jobs.length, fromCache: first.fromCache, documents: first.documents }).toEqual({ jobs: 2, fromCache: 0, documents: 2 });
    expect(names(feeder, 'file:///a.seed', A)).toContain('Anna Schmidt/person');
    const again = await feed(feeder, 'file:///a.seed', text);
    expect({ jobs: again.jobs.length, fromCache: again.fromCache, documents: again.documents }).toEqual({ jobs: 0, fromCache: 0, documents: 2 });
  });

  it('takes a body the cache knows from the cache, also when it moved or sits in another file', async () => {
    const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
    await feed(feeder, 'file:///a.seed', text);
    // The same two documents below a new one: they moved down by five lines.
    const moved = corpus([C, 'Markets', 'Shares rose.'], [A, 'Talks in Geneva', 'Anna Schmidt met officials of the United Nations in Geneva.'], [B, 'Floods in Porto Alegre', 'Rain fell on Porto Alegre.']);
    const round = await feed(feeder, 'file:///a.seed', moved);
    expect({ jobs: round.jobs.map((j) => j.key.split('\u0000')[1]), fromCache: round.fromCache }).toEqual({ jobs: [C], fromCache: 2 });
    const schmidt = feeder.index.mentionsOfDocument('file:///a.seed', A).find((m) => m.text === 'Anna Schmidt');
    expect(schmidt?.line).toBe(5 + 3);
    const other = await feed(feeder, 'file:///b.seed', text);
    expect({ jobs: other.jobs.length, fromCache: other.fromCache }).toEqual({ jobs: 0, fromCache: 2 });
  });

  it('drops documents that left a file, and a removed file entirely', async () => {
    const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
    await feed(feeder, 'file:///a.seed', text);
    await feed(feeder, 'file:///a.seed', corpus([B, 'Floods in Porto Alegre', 'Rain fell on Porto Alegre.']));
    expect(feeder.hasDocument('file:///a.seed', A)).toBe(false);
    expect(feeder.index.mentionsOfDocument('file:///a.seed', A)).toEqual([]);
    expect(feeder.hasDocument('file:///a.seed', B)).toBe(true);
    feeder.removeFile('file:///a.seed');
    expect(feeder.hasFile('file:///a.seed')).toBe(false);
    expect(feeder.index.uris()).toEqual([]);
    expect(feeder.fileLexicon('file:///a.seed')).toBeUndefined();
  });

  it('knows a file fed with no document (an empty corpus is read, not waiting)', async () => {
    const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
    await feed(feeder, 'file:///empty.seed', '');
    expect(feeder.hasFile('file:///empty.seed')).toBe(true);
  });

  it('feeds a document again from the cache when its file\'s lexicon changed, extracting nothing', async () => {
    const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
    await feed(feeder, 'file:///a.seed', text);
    const { lexicon } = parseLexicon({ entities: [{ text: 'United Nations', type: 'organization', matchLowercase: true }], types: { 'Anna Schmidt': 'organization' } });
    const taught: ScopedLexicon = { key: 'taught', lexicon };
    const round = await feed(feeder, 'file:///a.seed', text, taught);
    expect({ jobs: round.jobs.length, fromCache: round.fromCache }).toEqual({ jobs: 0, fromCache: 2 });
    expect(names(feeder, 'file:///a.seed', A)).toContain('Anna Schmidt/organization');
    expect(feeder.fileLexicon('file:///a.seed')?.key).toBe('taught');
  });

  it('adds the lexicon\'s lower-case terms to the index, not to the cached extraction', async () => {
    const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
    const { lexicon } = parseLexicon({ entities: [{ text: 'Acme Widgets', type: 'organization', matchLowercase: true }] });
    const lower = corpus([A, 'Supply news', 'Orders went to acme widgets on Monday.']);
    await feed(feeder, 'file:///a.seed', lower, { key: 'acme', lexicon });
    expect(names(feeder, 'file:///a.seed', A)).toContain('acme widgets/organization');
    const doc = parseSeed(lower, { fileName: 'x.seed' }).documents[0];
    const cached = feeder.cache.get(documentBodyHash(doc), documentBodyFirstLine(doc));
    expect(cached).toBeDefined();
    expect(cached?.mentions.map((m) => m.text)).not.toContain('acme widgets');
    // The same body under the plain lexicon: from the cache, without the lower-case match.
    await feed(feeder, 'file:///b.seed', lower);
    expect(names(feeder, 'file:///b.seed', A)).not.toContain('acme widgets/organization');
  });

  it('brings an edited document up to date on the spot when it is short, and says when the queue must take it', async () => {
    const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
    const uri = 'file:///a.seed';
    await feed(feeder, uri, text);
    const parse = (t: string) => parseSeed(t, { fileName: 'x.seed' });
    expect(feeder.bringInSync(uri, A, parse(text).documents[0])).toBe('current');
    const edited = parse(corpus([A, 'Talks in Geneva', 'Anna Schmidt met Omar Haddad in Geneva.'], [B, 'Floods in Porto Alegre', 'Rain fell on Porto Alegre.']));
    expect(feeder.inSync(uri, A, edited.documents[0])).toBe(false);
    expect(feeder.bringInSync(uri, A, edited.documents[0])).toBe('extracted');
    expect(feeder.inSync(uri, A, edited.documents[0])).toBe(true);
    expect(names(feeder, uri, A)).toContain('Omar Haddad/person');
    // Back to the first text: its body is cached.
    expect(feeder.bringInSync(uri, A, parse(text).documents[0])).toBe('from-cache');
    // A file the feeder has not fed (its lexicon unknown) goes to the queue.
    expect(feeder.bringInSync('file:///new.seed', A, parse(text).documents[0])).toBe('queue');
    // A document too long for the calling thread goes to the queue.
    const long = parse(corpus([A, 'Long', Array.from({ length: 4000 }, (_, i) => `Word${i} met Anna Schmidt.`).join(' ')]));
    expect(documentBodyLines(long.documents[0]).length).toBe(2);
    expect(feeder.bringInSync(uri, A, long.documents[0])).toBe('queue');
  });

  it('keeps in the cache only the bodies the index holds, after the first build', async () => {
    const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
    await feed(feeder, 'file:///a.seed', text);
    await feed(feeder, 'file:///a.seed', corpus([A, 'Talks in Geneva', 'Anna Schmidt met officials of the United Nations in Geneva.']));
    expect(feeder.cache.size).toBe(2);
    expect(feeder.retainCacheOfIndex()).toBe(true);
    expect(feeder.cache.size).toBe(1);
    expect(feeder.retainCacheOfIndex()).toBe(false);
  });

  it('forgets everything fed on reset, and keeps the cache', async () => {
    const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
    await feed(feeder, 'file:///a.seed', text);
    feeder.reset();
    expect(feeder.hasFile('file:///a.seed')).toBe(false);
    expect(feeder.index.uris()).toEqual([]);
    const round = await feed(feeder, 'file:///a.seed', text);
    expect({ jobs: round.jobs.length, fromCache: round.fromCache }).toEqual({ jobs: 0, fromCache: 2 });
  });

  it('lets the host breathe every 500 documents of a large file', async () => {
    const feeder = new EntityFeeder(new EntityCache(), emptyLexicon());
    const many = corpus(...Array.from({ length: 1200 }, (_, i): [string, string, string] => [`${String(i).padStart(3, '0')}_${i.toString(16).padStart(16, '0')}`, `Headline ${i}`, `Paragraph ${i}.`]));
    let breaths = 0;
    const round = new FeedRound();
    await feeder.feedFile(round, 'file:///many.seed', parseSeed(many, { fileName: 'many.seed' }), plain, async () => {
      breaths++;
    });
    expect(round.documents).toBe(1200);
    expect(breaths).toBe(2);
  });
});
