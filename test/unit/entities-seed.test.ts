import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../../src/core/parser';
import { consolidateCorpus } from '../../src/core/entities/consolidate';
import { documentBodyLines, extractDocument } from '../../src/core/entities/extract';

describe('entities of the real seed document', () => {
  const name = '000_0f5d7b9424756893.txt';
  const text = readFileSync(path.join(__dirname, '../fixtures', name), 'utf8');
  const doc = parseSeed(text, { fileName: name }).documents[0];
  const lines = documentBodyLines(doc);
  const out = consolidateCorpus([{ uri: 'file:///seed', docId: doc.id, extraction: extractDocument(lines) }]);
  const fileLines = text.split(/\r?\n/);

  it('reads only body lines and reports exact spans', () => {
    expect(lines[0].text.startsWith('Zelensky’s spirit beat Putin!')).toBe(true);
    for (const m of out.documents[0].mentions) expect(fileLines[m.line].slice(m.start, m.end)).toBe(m.text);
  });

  it('finds the people, places and organisations of the article', () => {
    const byKey = new Map(out.entities.map((e) => [e.key, e]));
    expect(byKey.get('person:volodymyr zelensky')?.mentionCount).toBeGreaterThanOrEqual(3);
    expect(byKey.get('person:volodymyr zelensky')?.surfaces).toContain('Zelensky');
    for (const key of ['person:putin', 'person:andrey yermak', 'place:ukraine', 'place:russia', 'place:kharkiv', 'place:kyiv',
      'place:izium', 'place:berlin', 'organization:tass', 'organization:al jazeera']) {
      expect(byKey.has(key), key).toBe(true);
    }
    // Demonyms are not entities; no span keeps a possessive.
    expect(out.entities.some((e) => /^(?:Russian|Ukrainian)s?$/.test(e.canonical))).toBe(false);
    expect(out.documents[0].mentions.some((m) => /['’]s$/.test(m.text))).toBe(false);
  });
});
