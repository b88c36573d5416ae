import { describe, expect, it } from 'vitest';
import { EntityCorpusIndex } from '../../src/core/entities/corpus-index';
import { parseLexicon } from '../../src/core/entities/lexicon';
import type { ConsolidationOptions } from '../../src/core/entities/consolidate';
import type { DocumentExtraction, EntityMention, EntityType } from '../../src/core/entities/types';

function m(line: number, start: number, text: string, type: EntityType): EntityMention {
  return { line, start, end: start + text.length, text, type, source: 'tagger' };
}

function doc(...mentions: EntityMention[]): DocumentExtraction {
  return { mentions, candidates: [], words: 20 };
}

function corpus(options: ConsolidationOptions = {}): EntityCorpusIndex {
  const index = new EntityCorpusIndex(undefined, options);
  index.updateDocument('file:///a.seed', '001', 'h1', doc(m(1, 0, 'Volodymyr Zelensky', 'person'), m(1, 30, 'Kharkiv', 'place'), m(2, 0, 'Zelensky', 'person')));
  index.updateDocument('file:///a.seed', '002', 'h2', doc(m(6, 4, 'Zelensky', 'person'), m(6, 20, 'Kharkiv', 'place'), m(7, 0, 'TASS', 'organization')));
  index.updateDocument('file:///b.seed', '003', 'h3', doc(m(1, 0, 'TASS', 'organization'), m(1, 10, 'Moscow', 'place')));
  return index;
}

describe('entity corpus index', () => {
  it('answers entityAt, mentionsOf, documentsOf, entitiesOfDocument, allEntities', () => {
    const index = corpus();
    expect(index.documentCount).toBe(3);
    const at = index.entityAt('file:///a.seed', 6, 6);
    expect(at).toMatchObject({ text: 'Zelensky', entityKey: 'person:volodymyr zelensky', docId: '002' });
    expect(index.entityAt('file:///a.seed', 6, 2)).toBeUndefined();
    expect(index.entityAt('file:///a.seed', 6, 12)?.text).toBe('Zelensky'); // cursor right after the word
    expect(index.mentionsOf('person:volodymyr zelensky').map((x) => [x.docId, x.line, x.start])).toEqual([['001', 1, 0], ['001', 2, 0], ['002', 6, 4]]);
    expect(index.documentsOf('person:volodymyr zelensky')).toEqual([
      { uri: 'file:///a.seed', docId: '001', count: 2 },
      { uri: 'file:///a.seed', docId: '002', count: 1 },
    ]);
    expect(index.entitiesOfDocument('file:///b.seed', '003').map((e) => e.key)).toEqual(['organization:tass', 'place:moscow']);
    const all = index.allEntities();
    expect(all.map((e) => [e.key, e.canonical, e.mentionCount, e.documentCount])).toEqual([
      ['person:volodymyr zelensky', 'Volodymyr Zelensky', 3, 2],
      ['organization:tass', 'TASS', 2, 2],
      ['place:kharkiv', 'Kharkiv', 2, 2],
      ['place:moscow', 'Moscow', 1, 1],
    ]);
  });

  it('ranks co-mentioned entities by shared documents', () => {
    const index = corpus();
    expect(index.coMentioned('organization:tass', 5).map((c) => [c.entity.key, c.documents])).toEqual([
      ['person:volodymyr zelensky', 1],
      ['place:kharkiv', 1],
      ['place:moscow', 1],
    ]);
    expect(index.coMentioned('place:kharkiv', 1).map((c) => c.entity.key)).toEqual(['person:volodymyr zelensky']);
  });

  it('gives a hover its corpus facts: top documents with their first mention, co-mentions, memoised until a change', () => {
    const index = corpus();
    const facts = index.entityFacts('person:volodymyr zelensky', 1, 5);
    expect(facts.documentCount).toBe(2);
    expect(facts.documents.map((d) => [d.uri, d.docId, d.count, d.first.line, d.first.start])).toEqual([['file:///a.seed', '001', 2, 1, 0]]);
    expect(facts.coMentioned.map((c) => [c.entity.key, c.documents])).toEqual([['place:kharkiv', 2], ['organization:tass', 1]]);
    // The same ranking as coMentioned, which counts the straightforward way.
    for (const e of index.allEntities()) {
      expect(index.entityFacts(e.key, 8, 5).coMentioned).toEqual(index.coMentioned(e.key, 5));
      expect(index.entityFacts(e.key, 8, 5).documents.map(({ uri, docId, count }) => ({ uri, docId, count }))).toEqual(index.documentsOf(e.key));
    }
    expect(index.entityFacts('person:volodymyr zelensky', 1, 5)).toBe(facts);
    index.updateDocument('file:///b.seed', '003', 'h3b', doc(m(1, 0, 'TASS', 'organization'), m(1, 10, 'Zelensky', 'person')));
    const after = index.entityFacts('person:volodymyr zelensky', 1, 5);
    expect(after).not.toBe(facts);
    expect(after.documentCount).toBe(3);
    expect(after.coMentioned.map((c) => [c.entity.key, c.documents])).toEqual([['organization:tass', 2], ['place:kharkiv', 2]]);
  });

  it('updates one document incrementally and ignores an unchanged hash', () => {
    const index = corpus();
    const before = index.version;
    expect(index.updateDocument('file:///a.seed', '002', 'h2', doc(m(6, 4, 'Zelensky', 'person'), m(6, 20, 'Kharkiv', 'place'), m(7, 0, 'TASS', 'organization')))).toBe(false);
    expect(index.version).toBe(before);
    // The resolution of untouched documents survives an edit that changes no corpus decision.
    const untouched = index.mentionsOfDocument('file:///b.seed', '003');
    index.updateDocument('file:///a.seed', '002', 'h2b', doc(m(6, 4, 'Zelensky', 'person'), m(7, 0, 'Reuters', 'organization')));
    expect(index.mentionsOfDocument('file:///b.seed', '003')).toBe(untouched);
    expect(index.entity('place:kharkiv')).toMatchObject({ mentionCount: 1, documentCount: 1 });
    expect(index.entity('organization:reuters')).toMatchObject({ mentionCount: 1 });
    expect(index.entity('organization:tass')).toMatchObject({ mentionCount: 1, documentCount: 1 });
    expect(index.hasDocument('file:///a.seed', '002', 'h2b')).toBe(true);
  });

  it('removes documents and files and re-votes (with the corpus type vote on)', () => {
    const index = corpus({ typeVote: true });
    index.updateDocument('file:///c.seed', '004', 'h4', doc(m(1, 0, 'Kharkiv', 'organization')));
    expect(index.mentionsOfDocument('file:///c.seed', '004')[0].type).toBe('place');
    index.removeFile('file:///a.seed');
    expect(index.mentionsOfDocument('file:///c.seed', '004')[0].type).toBe('organization');
    expect(index.entity('person:volodymyr zelensky')).toBeUndefined();
    index.retainDocuments('file:///b.seed', []);
    expect(index.documentCount).toBe(1);
    index.removeDocument('file:///c.seed', '004');
    expect(index.allEntities()).toEqual([]);
    expect(index.uris()).toEqual([]);
  });

  it('keeps the model\'s type in context by default: no corpus vote overrides it', () => {
    const index = corpus();
    index.updateDocument('file:///c.seed', '004', 'h4', doc(m(1, 0, 'Kharkiv', 'organization')));
    expect(index.mentionsOfDocument('file:///c.seed', '004')[0]).toMatchObject({ type: 'organization', entityKey: 'organization:kharkiv' });
    expect(index.mentionsOfDocument('file:///a.seed', '001')[1]).toMatchObject({ type: 'place', entityKey: 'place:kharkiv' });
  });

  it('applies a new lexicon', () => {
    const index = corpus();
    index.setLexicon(parseLexicon({ ignore: ['TASS'], types: { Kharkiv: 'organization' } }).lexicon);
    expect(index.entity('organization:tass')).toBeUndefined();
    expect(index.entity('organization:kharkiv')).toMatchObject({ mentionCount: 2 });
  });

  it('resolves each document with the lexicon of its scope, and a document moved to another scope with it', () => {
    const index = corpus();
    index.setScopeLexicon('north', parseLexicon({ types: { Kharkiv: 'organization' }, entities: [{ text: 'TASS news agency', type: 'organization', aliases: ['TASS'] }] }).lexicon);
    index.setScopeLexicon('south', parseLexicon({ ignore: ['Kharkiv'] }).lexicon);
    index.updateDocument('file:///n/c.seed', '004', 'h4', doc(m(1, 0, 'Kharkiv', 'place'), m(1, 10, 'TASS', 'organization')), 'north');
    index.updateDocument('file:///s/d.seed', '005', 'h4', doc(m(1, 0, 'Kharkiv', 'place'), m(1, 10, 'TASS', 'organization')), 'south');
    // north: Kharkiv forced to an organisation, TASS an alias of its lexicon entity.
    expect(index.mentionsOfDocument('file:///n/c.seed', '004').map((x) => x.entityKey)).toEqual(['organization:kharkiv', 'organization:tass news agency']);
    // south: Kharkiv ignored; TASS as the model says. The default scope ('') is untouched.
    expect(index.mentionsOfDocument('file:///s/d.seed', '005').map((x) => x.entityKey)).toEqual(['organization:tass']);
    expect(index.mentionsOfDocument('file:///a.seed', '001')[1]).toMatchObject({ entityKey: 'place:kharkiv' });
    expect(index.entity('organization:tass news agency')?.canonical).toBe('TASS news agency');
    expect(index.scopeOf('file:///n/c.seed', '004')).toBe('north');
    // The same text moved to the other scope (its nearest project file changed): a change, resolved anew.
    expect(index.updateDocument('file:///n/c.seed', '004', 'h4', doc(m(1, 0, 'Kharkiv', 'place'), m(1, 10, 'TASS', 'organization')), 'south')).toBe(true);
    expect(index.mentionsOfDocument('file:///n/c.seed', '004').map((x) => x.entityKey)).toEqual(['organization:tass']);
    expect(index.updateDocument('file:///n/c.seed', '004', 'h4', doc(m(1, 0, 'Kharkiv', 'place'), m(1, 10, 'TASS', 'organization')), 'south')).toBe(false);
    // A scope's lexicon replaced: only its documents change.
    index.setScopeLexicon('south', parseLexicon({}).lexicon);
    expect(index.mentionsOfDocument('file:///s/d.seed', '005').map((x) => x.entityKey)).toEqual(['place:kharkiv', 'organization:tass']);
    expect(index.entity('organization:tass news agency')).toBeUndefined(); // its only document moved out of north
  });
});
