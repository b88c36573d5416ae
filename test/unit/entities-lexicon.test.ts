import { describe, expect, it } from 'vitest';
import { emptyLexicon, lexiconMatches, lowercaseTerms, mergeLexicons, parseLexicon, withLexiconMatches } from '../../src/core/entities/lexicon';
import { consolidateCorpus } from '../../src/core/entities/consolidate';

describe('lexicon', () => {
  it('accepts the documented shape', () => {
    const { lexicon, errors } = parseLexicon({
      entities: [{ text: ' Kyiv ', type: 'place', aliases: ['Kiev'] }, { text: 'TASS', type: 'organization' }],
      ignore: ['Reuters'],
      types: { Izium: 'place' },
    });
    expect(errors).toEqual([]);
    expect(lexicon).toEqual({
      entities: [{ text: 'Kyiv', type: 'place', aliases: ['Kiev'] }, { text: 'TASS', type: 'organization', aliases: [] }],
      ignore: ['Reuters'],
      types: { Izium: 'place' },
    });
  });

  it('treats undefined and null as an empty lexicon', () => {
    expect(parseLexicon(undefined)).toEqual({ lexicon: emptyLexicon(), errors: [] });
    expect(parseLexicon(null)).toEqual({ lexicon: emptyLexicon(), errors: [] });
  });

  it('reports each invalid part clearly and keeps the valid ones', () => {
    const { lexicon, errors } = parseLexicon({
      entities: [
        { text: 'Kyiv', type: 'city' },
        { type: 'place' },
        'Odesa',
        { text: 'Izium', type: 'place', aliases: ['Izyum', 3] },
      ],
      ignore: ['ok', ''],
      types: { Kharkiv: 'town' },
      extra: 1,
    }, '.seed-entities.json');
    expect(lexicon.entities).toEqual([{ text: 'Izium', type: 'place', aliases: ['Izyum'] }]);
    expect(lexicon.ignore).toEqual(['ok']);
    expect(errors).toEqual([
      '.seed-entities.json: unknown key "extra" (expected "entities", "ignore" or "types")',
      '.seed-entities.json: entities[0] ("Kyiv"): "type" must be "person", "place" or "organization", got "city"',
      '.seed-entities.json: entities[1]: "text" must be a non-empty string',
      '.seed-entities.json: entities[2] must be an object {"text", "type", "aliases"?}',
      '.seed-entities.json: entities[3] ("Izium"): aliases[1] must be a non-empty string',
      '.seed-entities.json: ignore[1] must be a non-empty string',
      '.seed-entities.json: types["Kharkiv"] must be "person", "place" or "organization", got "town"',
    ]);
  });

  it('rejects a non-object and wrongly shaped sections', () => {
    expect(parseLexicon([1]).errors).toEqual(['lexicon: expected an object with "entities", "ignore" and/or "types", got an array']);
    expect(parseLexicon({ entities: {}, ignore: 'x', types: [] }).errors).toEqual([
      'lexicon: "entities" must be an array of {"text", "type", "aliases"?}',
      'lexicon: "ignore" must be an array of strings',
      'lexicon: "types" must be an object mapping surface text to "person", "place" or "organization"',
    ]);
  });

  it('merges lexicons, later ones winning', () => {
    const a = parseLexicon({ entities: [{ text: 'Kyiv', type: 'place', aliases: ['Kiev'] }], ignore: ['Reuters'], types: { X: 'person' } }).lexicon;
    const b = parseLexicon({ entities: [{ text: 'kyiv', type: 'organization', aliases: ['KYIV'] }], ignore: ['reuters', 'AP'], types: { X: 'place' } }).lexicon;
    expect(mergeLexicons(a, b)).toEqual({
      entities: [{ text: 'kyiv', type: 'organization', aliases: ['Kiev', 'KYIV'] }],
      ignore: ['reuters', 'AP'],
      types: { X: 'place' },
    });
  });
});

describe('lexicon entries matched in lower case', () => {
  const { lexicon, errors } = parseLexicon({
    entities: [
      { text: 'Acme Widgets', type: 'organization', aliases: ['acme'], matchLowercase: true },
      { text: 'Kharkiv', type: 'place' },
    ],
  });

  it('validates the option', () => {
    expect(errors).toEqual([]);
    expect(lexicon.entities[0].matchLowercase).toBe(true);
    expect(lexicon.entities[1].matchLowercase).toBeUndefined();
    expect(parseLexicon({ entities: [{ text: 'X Y', type: 'person', matchLowercase: 'yes' }] }).errors[0]).toMatch(/"matchLowercase" must be true or false/);
    expect(mergeLexicons(lexicon, parseLexicon({ entities: [{ text: 'acme widgets', type: 'organization' }] }).lexicon).entities[0].matchLowercase).toBe(true);
  });

  it('finds the entries that ask for it in any case, at word boundaries, and only those', () => {
    const terms = lowercaseTerms(lexicon);
    const lines = [{ line: 4, text: 'shares of acme widgets rose; ACME WIDGETS and acmeco did not, nor did kharkiv.' }];
    const found = lexiconMatches(lines, terms).map((m) => [m.start, m.end, m.text, m.type, m.source]);
    expect(found).toEqual([[10, 22, 'acme widgets', 'organization', 'lexicon'], [29, 41, 'ACME WIDGETS', 'organization', 'lexicon']]);
    expect(lowercaseTerms(parseLexicon({ entities: [{ text: 'Kharkiv', type: 'place' }] }).lexicon)).toBeUndefined();
  });

  it('wins over the model where they overlap, and resolves to the lexicon entity', () => {
    const line = { line: 0, text: 'the acme board met' };
    const model = { mentions: [{ line: 0, start: 4, end: 10, text: 'acme b', type: 'person' as const, source: 'tagger' as const }], candidates: [], words: 4 };
    const merged = withLexiconMatches(model, lexiconMatches([line], lowercaseTerms(lexicon)));
    expect(merged.mentions).toEqual([{ line: 0, start: 4, end: 8, text: 'acme', type: 'organization', source: 'lexicon' }]);
    const out = consolidateCorpus([{ uri: 'a', docId: '1', extraction: merged }], lexicon);
    expect(out.documents[0].mentions[0]).toMatchObject({ text: 'acme', type: 'organization', entityKey: 'organization:acme widgets', source: 'lexicon' });
  });
});
