import { describe, expect, it } from 'vitest';
import { extractDocumentRules as extractDocument } from '../../src/core/entities/rules';
import { cleanSpan, datelinePlace, isAllCaps, recase, collectCaseEvidence, titleCase } from '../../src/core/entities/spans';
import type { EntityLine } from '../../src/core/entities/types';

function extract(...texts: string[]) {
  const lines: EntityLine[] = texts.map((text, i) => ({ line: 10 + i, text }));
  return extractDocument(lines);
}

function spans(...texts: string[]): string[] {
  return extract(...texts).mentions.map((m) => `${m.text}/${m.type}`);
}

describe('span cleaning', () => {
  it('strips possessives, straight and curly, upper and lower case', () => {
    const s = "Zelensky's";
    expect(cleanSpan(s, 0, s.length)).toEqual({ start: 0, end: 8 });
    expect(cleanSpan('Putin’s', 0, 7)).toEqual({ start: 0, end: 5 });
    expect(cleanSpan("ZELENSKY'S", 0, 10)).toEqual({ start: 0, end: 8 });
    expect(cleanSpan("Reuters'", 0, 8)).toEqual({ start: 0, end: 7 });
  });

  it('strips punctuation and quotes but keeps abbreviation periods', () => {
    expect(cleanSpan('"Putin!"', 0, 8)).toEqual({ start: 1, end: 6 });
    expect(cleanSpan('(Kharkiv),', 0, 10)).toEqual({ start: 1, end: 8 });
    expect(cleanSpan('U.S.', 0, 4)).toEqual({ start: 0, end: 4 });
    expect(cleanSpan('Acme Corp.', 0, 10)).toEqual({ start: 0, end: 10 });
    expect(cleanSpan('Kent.', 0, 5)).toEqual({ start: 0, end: 4 });
  });

  it('extends a span to the period the tagger left out of "U.S."', () => {
    expect(cleanSpan('(U.S.)', 1, 4)).toEqual({ start: 1, end: 5 });
  });

  it('drops a leading "the" and rejects spans without letters', () => {
    expect(cleanSpan('the Kremlin', 0, 11)).toEqual({ start: 4, end: 11 });
    expect(cleanSpan('--', 0, 2)).toBeUndefined();
  });

  it('mentions carry clean spans with line and UTF-16 columns', () => {
    const r = extract("Zelensky's spirit beat Putin! Russian soldiers fled from Ukraine.");
    const putin = r.mentions.find((m) => m.text === 'Putin');
    expect(putin).toMatchObject({ line: 10, start: 23, end: 28, type: 'person' });
    expect(r.mentions.find((m) => m.text === 'Ukraine')).toMatchObject({ type: 'place', start: 57, end: 64 });
    expect(r.mentions.some((m) => /[!.'’]$/.test(m.text))).toBe(false);
    // A demonym is not a place, person or organisation.
    expect(r.mentions.some((m) => m.text === 'Russian')).toBe(false);
  });

  it('counts columns in UTF-16 code units', () => {
    const text = '😀 Reporters met Angela Merkel in Berlin.';
    const merkel = extract(text).mentions.find((m) => m.type === 'person');
    // The emoji is two UTF-16 code units.
    expect(merkel).toMatchObject({ start: 17, end: 30, text: 'Angela Merkel' });
    expect(text.slice(17, 30)).toBe('Angela Merkel');
  });
});

describe('titles and organisations', () => {
  it('keeps titles out of person spans', () => {
    expect(spans('U.S. President Bill Clinton met Mr. John Smith.')).toEqual(['U.S./place', 'Bill Clinton/person', 'John Smith/person']);
  });

  it('types proper-noun runs ending in an organisation suffix', () => {
    const s = spans('Shares of Acme Widgets Ltd and Globex Corp fell, the Finance Ministry said.');
    expect(s).toContain('Acme Widgets Ltd/organization');
    expect(s).toContain('Globex Corp/organization');
    expect(s).toContain('Finance Ministry/organization');
  });

  it('joins "X of Y" organisations and knows international organisations and agencies', () => {
    const s = spans('The Bank of England and the United Nations were quoted by Interfax news agency.');
    expect(s).toEqual(['Bank of England/organization', 'United Nations/organization', 'Interfax/organization']);
  });
});

describe('all-caps text and datelines', () => {
  it('detects all-caps lines', () => {
    expect(isAllCaps('CRICKET - LEICESTERSHIRE TAKE OVER AT TOP')).toBe(true);
    expect(isAllCaps('NATO said on Friday')).toBe(false);
  });

  it('recases with the same length, using the document as evidence', () => {
    const evidence = collectCaseEvidence(['Simmons took four wickets as the visitors beat Somerset at the ground.']);
    const text = 'SIMMONS TAKES FOUR AS VISITORS BEAT SOMERSET';
    const out = recase(text, evidence, (w) => (w === 'takes' ? 'lower' : undefined));
    expect(out.length).toBe(text.length);
    expect(out).toBe('Simmons takes four as visitors beat Somerset');
    expect(titleCase('O’NEILL')).toBe('O’neill');
  });

  it('recases known multi-word names together', () => {
    const lower = (w: string) => (['new', 'talks', 'in'].includes(w) ? 'lower' as const : undefined);
    const known = (p: string) => p === 'new york';
    expect(recase('NEW TALKS IN NEW YORK', collectCaseEvidence([]), lower, known)).toBe('new talks in New York');
    expect(spans('STOCKS RISE IN NEW YORK')).toContain('NEW YORK/place');
  });

  it('finds entities in an all-caps headline', () => {
    const r = extract('OBAMA MEETS MERKEL IN BERLIN', 'President Obama met Chancellor Angela Merkel in Berlin on Tuesday.');
    const head = r.mentions.filter((m) => m.line === 10).map((m) => `${m.text}/${m.type}`);
    expect(head).toContain('BERLIN/place');
    expect(head).toContain('OBAMA/person');
    // Not typed by the tagger, but kept as a candidate for consolidation (see entities-consolidate).
    expect(r.candidates.some((c) => c.line === 10 && c.text === 'MERKEL' && c.caps)).toBe(true);
  });

  it('reads a dateline as a place and does not swallow it into the next name', () => {
    expect(datelinePlace('LONDON 1996-08-30 West Indian all-rounder Phil Simmons took four')).toEqual({ start: 0, end: 6 });
    expect(datelinePlace('WASHINGTON (Reuters) - The Senate voted.')).toEqual({ start: 0, end: 10 });
    expect(datelinePlace('NEW YORK 1996-08-30 Stocks rose.')).toEqual({ start: 0, end: 8 });
    expect(datelinePlace('Glenn Somerville WASHINGTON 1996-08-29 Data showed')).toEqual({ start: 17, end: 27 });
    expect(datelinePlace('The NATO summit 2024-07-09 opened')).toBeUndefined();
    const s = spans('LEICESTERSHIRE TAKE OVER', 'LONDON 1996-08-30 West Indian all-rounder Phil Simmons took four for 38 on Friday.');
    expect(s).toContain('LONDON/place');
    expect(s).toContain('Phil Simmons/person');
    expect(s.some((x) => x.startsWith('West Indian'))).toBe(false);
  });

  it('reads team names in results as organisations', () => {
    const s = spans('Essex beat Kent by six wickets while Chicago 5 Houston 3 was the late score.');
    expect(s).toContain('Chicago/organization');
    expect(s).toContain('Houston/organization');
  });
});

describe('news heuristics', () => {
  it('drops a leading nationality or party label from a name', () => {
    expect(spans('The title went to Australian Tom Moody, while Democrat Walter Mondale watched.')).toEqual([
      'Tom Moody/person', 'Walter Mondale/person',
    ]);
  });

  it('reads two unknown capitalised words in running text as a person', () => {
    expect(spans('The race was won by Jesper Parnevik on a windy afternoon.')).toEqual(['Jesper Parnevik/person']);
  });

  it('reads company contexts as organisations', () => {
    const s = spans('Italian tyre maker Pirelli gained while Zorbex shares fell.');
    expect(s).toContain('Pirelli/organization');
    expect(s).toContain('Zorbex/organization');
  });

  it('does not report events as organisations', () => {
    const s = spans('He won the World Cup and later the U.S. Open.');
    expect(s.filter((x) => x.endsWith('/organization'))).toEqual([]);
  });

  it('keeps national teams as places', () => {
    expect(spans('In the final, Australia beat Pakistan by five wickets.')).toEqual(['Australia/place', 'Pakistan/place']);
  });
});

describe('modern wire copy', () => {
  it('reads an AP dateline with its region', () => {
    expect(datelinePlace('NUSA DUA, Indonesia (AP) — President Joe Biden met Xi Jinping.')).toEqual({ start: 0, end: 8 });
    const s = spans('NUSA DUA, Indonesia (AP) — President Joe Biden met Xi Jinping.');
    expect(s).toEqual(['NUSA DUA/place', 'Indonesia/place', 'AP/organization', 'Joe Biden/person', 'Xi Jinping/person']);
  });

  it('keeps an office out of the name ("Secretary of State Antony Blinken")', () => {
    expect(spans('Speaking to reporters, Secretary of State Antony Blinken said so.')).toEqual(['Antony Blinken/person']);
  });

  it('does not lend an organisation type through a possessive', () => {
    expect(spans("Elon Musk's Twitter laid off staff.")).toEqual(['Elon Musk/person', 'Twitter/organization']);
  });
});
