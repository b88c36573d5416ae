import { describe, expect, it } from 'vitest';
import { emptyLexicon, mergeLexicons, parseLexicon } from '../../src/core/entities/lexicon';

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
