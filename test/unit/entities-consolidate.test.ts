import { describe, expect, it } from 'vitest';
import { consolidateCorpus } from '../../src/core/entities/consolidate';
import { extractDocument } from '../../src/core/entities/extract';
import { parseLexicon } from '../../src/core/entities/lexicon';
import type { DocumentExtraction, EntityMention, EntityType } from '../../src/core/entities/types';

function m(line: number, start: number, text: string, type: EntityType): EntityMention {
  return { line, start, end: start + text.length, text, type, source: 'tagger' };
}

function doc(mentions: EntityMention[], candidates: { line: number; start: number; text: string; caps?: boolean }[] = []): DocumentExtraction {
  return { mentions, candidates: candidates.map((c) => ({ caps: false, ...c })), words: 10 };
}

describe('consolidation', () => {
  it('gives a surface one type across the corpus by vote, when that vote is on', () => {
    const out = consolidateCorpus([
      { uri: 'a', docId: '1', extraction: doc([m(1, 0, 'Jordan', 'place')]) },
      { uri: 'a', docId: '2', extraction: doc([m(5, 0, 'Jordan', 'place')]) },
      { uri: 'a', docId: '3', extraction: doc([m(9, 0, 'Jordan', 'person')]) },
    ], undefined, { typeVote: true });
    expect(out.documents.flatMap((d) => d.mentions.map((x) => x.type))).toEqual(['place', 'place', 'place']);
    expect(out.entities).toHaveLength(1);
    expect(out.entities[0]).toMatchObject({ key: 'place:jordan', mentionCount: 3, documentCount: 3 });
  });

  it('keeps the model\'s type in context by default, and links a short form only to a full name of its type', () => {
    const out = consolidateCorpus([
      { uri: 'a', docId: '1', extraction: doc([m(1, 0, 'Lincoln', 'place'), m(2, 0, 'Abraham Lincoln', 'person')]) },
      { uri: 'a', docId: '2', extraction: doc([m(5, 0, 'Lincoln', 'person')]) },
    ]);
    expect(out.documents.map((d) => d.mentions.map((x) => `${x.text}=${x.entityKey}`))).toEqual([
      ['Lincoln=place:lincoln', 'Abraham Lincoln=person:abraham lincoln'],
      ['Lincoln=person:abraham lincoln'],
    ]);
  });

  it('links surnames and first names to full names, preferring the one in the same document', () => {
    const out = consolidateCorpus([
      { uri: 'a', docId: '1', extraction: doc([m(1, 0, 'Volodymyr Zelensky', 'person'), m(2, 0, 'Zelensky', 'place')]) },
      { uri: 'a', docId: '2', extraction: doc([m(5, 0, 'Zelensky', 'person'), m(6, 0, 'Tony Blair', 'person'), m(7, 0, 'Blair', 'person')]) },
      { uri: 'a', docId: '3', extraction: doc([m(9, 0, 'Cherie Blair', 'person'), m(10, 0, 'Blair', 'person')]) },
    ], undefined, { typeVote: true });
    const keys = out.documents.map((d) => d.mentions.map((x) => `${x.text}=${x.entityKey}`));
    expect(keys[0]).toEqual(['Volodymyr Zelensky=person:volodymyr zelensky', 'Zelensky=person:volodymyr zelensky']);
    expect(keys[1]).toContain('Zelensky=person:volodymyr zelensky');
    expect(keys[1]).toContain('Blair=person:tony blair');
    expect(keys[2]).toContain('Blair=person:cherie blair');
    const z = out.entities.find((e) => e.key === 'person:volodymyr zelensky');
    expect(z).toMatchObject({ canonical: 'Volodymyr Zelensky', mentionCount: 3, documentCount: 2 });
    expect(z?.surfaces).toEqual(['Volodymyr Zelensky', 'Zelensky']);
  });

  it('links an acronym to its organisation', () => {
    const out = consolidateCorpus([
      { uri: 'a', docId: '1', extraction: doc([m(1, 0, 'North Atlantic Treaty Organization', 'organization')]) },
      { uri: 'a', docId: '2', extraction: doc([], [{ line: 3, start: 4, text: 'NATO' }]) },
    ], undefined, { recoverCandidates: true });
    expect(out.documents[1].mentions).toMatchObject([{ text: 'NATO', entityKey: 'organization:north atlantic treaty organization', source: 'corpus' }]);
  });

  it('recovers mentions the tagger missed when the entity is known elsewhere, at word boundaries', () => {
    const out = consolidateCorpus([
      { uri: 'a', docId: '1', extraction: doc([m(1, 0, 'Kharkiv', 'place'), m(1, 20, 'Kharkiv', 'place')]) },
      { uri: 'b', docId: '2', extraction: doc([], [
        { line: 0, start: 10, text: 'Kharkiv Oblast Kharkivska' },
        { line: 2, start: 0, text: 'KHARKIV', caps: true },
      ]) },
    ], undefined, { recoverCandidates: true });
    expect(out.documents[1].mentions.map((x) => [x.line, x.start, x.end, x.text, x.type, x.source])).toEqual([
      [0, 10, 17, 'Kharkiv', 'place', 'corpus'],
      [2, 0, 7, 'KHARKIV', 'place', 'corpus'],
    ]);
  });

  it('links an all-caps headline surname through the body of the same document', () => {
    const e = extractDocument([
      { line: 0, text: 'OBAMA MEETS MERKEL IN BERLIN' },
      { line: 1, text: 'President Obama met Chancellor Angela Merkel in Berlin on Tuesday.' },
    ]);
    const out = consolidateCorpus([{ uri: 'a', docId: '1', extraction: e }]);
    const head = out.documents[0].mentions.filter((x) => x.line === 0).map((x) => `${x.text}=${x.entityKey}`);
    expect(head).toContain('MERKEL=person:angela merkel');
    const merkel = out.entities.find((x) => x.key === 'person:angela merkel');
    expect(merkel?.canonical).toBe('Angela Merkel');
  });

  it('applies the lexicon: added entities, forced types, aliases, ignored surfaces', () => {
    const { lexicon, errors } = parseLexicon({
      entities: [{ text: 'Volodymyr Zelensky', type: 'person', aliases: ['Zelenskyy'] }, { text: 'Izium', type: 'place' }],
      ignore: ['Reuters'],
      types: { Kharkiv: 'organization' },
    });
    expect(errors).toEqual([]);
    const out = consolidateCorpus([
      { uri: 'a', docId: '1', extraction: doc([m(0, 0, 'Kharkiv', 'place'), m(0, 10, 'Reuters', 'organization')], [
        { line: 1, start: 0, text: 'Zelenskyy' }, { line: 2, start: 5, text: 'Izium' },
      ]) },
    ], lexicon);
    const got = out.documents[0].mentions.map((x) => `${x.text}/${x.type}/${x.source}/${x.entityKey}`);
    expect(got).toEqual([
      'Kharkiv/organization/lexicon/organization:kharkiv',
      'Zelenskyy/person/corpus/person:volodymyr zelensky',
      'Izium/place/corpus/place:izium',
    ]);
    expect(out.entities.find((e) => e.key === 'person:volodymyr zelensky')?.canonical).toBe('Volodymyr Zelensky');
  });

  it('reads a name with decomposed accents (e + U+0301) as the same entity as the composed one, offsets untouched', () => {
    const decomposed = 'Jose\u0301 Marti\u0301nez';
    const out = consolidateCorpus([
      { uri: 'a', docId: '1', extraction: doc([m(1, 4, 'José Martínez', 'person')]) },
      { uri: 'a', docId: '2', extraction: doc([m(2, 7, decomposed, 'person')]) },
    ]);
    expect(out.entities).toHaveLength(1);
    expect(out.entities[0]).toMatchObject({ mentionCount: 2, documentCount: 2 });
    expect(out.documents[1].mentions[0]).toMatchObject({ start: 7, end: 7 + decomposed.length, text: decomposed });
  });
});
