import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSeed } from '../../src/core/parser';
import { documentBodyLines, extractDocument } from '../../src/core/entities/extract';
import { tokenizeLine } from '../../src/core/entities/ner/tokenize';
import { documentFeatures, textPhraseHash, wordShape } from '../../src/core/entities/ner/features';
import { hashString, mix } from '../../src/core/entities/ner/hash';
import { decodeLine, EntityModel, encodeModel, modelVersion, TAG_COUNT, tagSpans, type Scorer } from '../../src/core/entities/ner/model';
import { evaluate, f1, goldTags, trainModel, type TrainingDocument } from '../../src/core/entities/ner/train';
import { entityModel, entityModelVersion } from '../../src/core/entities/ner/runtime';
import { entityCacheVersion, EntityCache } from '../../src/core/entities/cache';
import { entityModelPath } from '../../src/entity-model-file';

const fixtures = path.join(__dirname, '../fixtures');

/** The synthetic news fixture as training documents (gold offsets are into the body joined with "\n"). */
function syntheticDocs(): TrainingDocument[] {
  const text = readFileSync(path.join(fixtures, 'synthetic-news.seed'), 'utf8');
  const gold = new Map(readFileSync(path.join(fixtures, 'synthetic-news.gold.jsonl'), 'utf8').split('\n').filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; entities: { type: 'PER' | 'LOC' | 'ORG' | 'MISC'; start: number; end: number }[] })
    .map((g) => [g.id, g.entities]));
  const fileLines = text.split('\n');
  return parseSeed(text).documents.map((d) => {
    const lines = fileLines.slice(d.bodyStartLine, d.bodyEndLine + 1);
    const starts: number[] = [];
    let off = 0;
    for (const l of lines) {
      starts.push(off);
      off += l.length + 1;
    }
    const spans = (gold.get(d.id) ?? []).map((e) => {
      let li = starts.length - 1;
      while (starts[li] > e.start) li--;
      return { line: li, start: e.start - starts[li], end: e.end - starts[li], cls: e.type };
    });
    return { lines, spans };
  });
}

function tokens(text: string): string[] {
  const t = tokenizeLine(text);
  return t.starts.map((s, i) => text.slice(s, t.ends[i]));
}

describe('entity model: tokenizer', () => {
  it('splits possessives and punctuation, keeps abbreviations, hyphens and initials whole', () => {
    expect(tokens('England\'s U.S. unit, Acme Corp. (the all-rounder) J. Smith’s 1,000.5 "quote"'))
      .toEqual(['England', '\'s', 'U.S.', 'unit', ',', 'Acme', 'Corp.', '(', 'the', 'all-rounder', ')', 'J.', 'Smith', '’s', '1,000.5', '"', 'quote', '"']);
    expect(tokens('He left.')).toEqual(['He', 'left', '.']);
    expect(tokens('  ')).toEqual([]);
  });

  it('keeps combining accents inside their word and offsets exact', () => {
    const text = 'Jose\u0301 Marti\u0301nez spoke.';
    expect(tokens(text)).toEqual(['Jose\u0301', 'Marti\u0301nez', 'spoke', '.']);
  });

  it('puts every gold span of the synthetic corpus on token edges', () => {
    let spans = 0;
    for (const doc of syntheticDocs()) {
      const lines = documentFeatures(doc.lines, () => 0);
      expect(goldTags(doc, lines).misaligned).toBe(0);
      spans += doc.spans.length;
    }
    expect(spans).toBeGreaterThan(400);
  });

  it('is linear: one 700 KB hyphenated token and 32,000 capitalised words come back whole', () => {
    const long = Array.from({ length: 100_000 }, () => 'Abcdef').join('-');
    expect(tokenizeLine(long).starts).toEqual([0]);
    const words = Array.from({ length: 32_000 }, (_, i) => `Word${i % 97}`).join(' ');
    expect(tokenizeLine(words).starts).toHaveLength(32_000);
  });
});

describe('entity model: features', () => {
  it('hashes deterministically and spreads', () => {
    expect(hashString('Paris')).toBe(hashString('Paris'));
    expect(hashString('Paris')).not.toBe(hashString('paris'));
    expect(mix(1, 2)).not.toBe(mix(2, 1));
    expect(textPhraseHash('New York')).toBe(textPhraseHash('NEW YORK'));
    expect(textPhraseHash('a b c d e')).toBeUndefined();
  });

  it('gives every token a bounded list of numbers, the same for the same text', () => {
    const gaz = (h: number): number => (h === textPhraseHash('Paris') ? 2 : 0);
    const a = documentFeatures(['Officials in Paris met Anna Schmidt.'], gaz);
    const b = documentFeatures(['Officials in Paris met Anna Schmidt.'], gaz);
    expect([...a[0].feats]).toEqual([...b[0].feats]);
    expect(a[0].offsets.length).toBe(8);
    for (let i = 0; i + 1 < a[0].offsets.length; i++) expect(a[0].offsets[i + 1] - a[0].offsets[i]).toBeLessThan(80);
    expect(wordShape('McDonald2024')).toBe('XxXxxdd');
  });

  it('gives a capitalised word the contexts of its other occurrences in the document', () => {
    const alone = documentFeatures(['Magna said profits rose.'], () => 0)[0];
    const withMore = documentFeatures(['Magna said profits rose.', 'Toronto-based Magna and Lear.'], () => 0)[0];
    const first = (l: typeof alone): number[] => [...l.feats.slice(l.offsets[0], l.offsets[1])];
    // The second line's "based ... and" context reaches the first "Magna"; the other words are unchanged.
    expect(first(withMore).filter((f) => !first(alone).includes(f)).length).toBeGreaterThanOrEqual(3);
    expect([...withMore.feats.slice(withMore.offsets[1])]).toEqual([...alone.feats.slice(alone.offsets[1])]);
    // A capital at a sentence start is no evidence: such occurrences lend no context.
    const starts = documentFeatures(['Magna said profits rose.', 'Magna won. Magna lost.'], () => 0)[0];
    expect(first(starts)).toEqual(first(alone));
    // Bounded: a word written 1,000 times collects at most 16 context features.
    const many = documentFeatures(Array.from({ length: 1000 }, (_, i) => `Shares in Magna rose ${i} points after word${i} Magna${i % 3 ? '' : 'x'}.`), () => 0);
    const magna = (l: (typeof many)[number]): number => l.offsets[3] - l.offsets[2];
    expect(magna(many[999])).toBeLessThan(magna(documentFeatures(['Shares in Magna rose 1 points.'], () => 0)[0]) + 17);
  });

  it('reads a decomposed accent as the composed word', () => {
    const composed = documentFeatures(['Le président José parle.'], () => 0);
    const decomposed = documentFeatures(['Le pre\u0301sident Jose\u0301 parle.'], () => 0);
    expect([...decomposed[0].feats]).toEqual([...composed[0].feats]);
  });
});

describe('entity model: decoding', () => {
  /** A scorer that prefers given tags per token and knows no transitions. */
  const prefer = (wanted: number[]): Scorer => ({
    addWeights(f, scores) {
      scores[wanted[f]] += 1;
    },
    transition: () => 0,
  });
  const line = (n: number) => ({ text: '', tokens: { starts: [], ends: [] }, feats: Uint32Array.from({ length: n }, (_, i) => i), offsets: Uint32Array.from({ length: n + 1 }, (_, i) => i) });

  it('follows the emissions when they form valid BIO', () => {
    expect([...decodeLine(line(4), prefer([1, 2, 0, 5]))]).toEqual([1, 2, 0, 5]);
    expect(tagSpans([1, 2, 0, 5, 6, 6, 3])).toEqual([[0, 2, 0], [3, 6, 2], [6, 7, 1]]);
  });

  it('never continues a name across a comma', () => {
    const text = 'Mercantile , Commerce';
    const tokens = { starts: [0, 11, 13], ends: [10, 12, 21] };
    const commaLine = { ...line(3), text, tokens };
    const tags = [...decodeLine(commaLine, prefer([5, 6, 6]))];
    expect(tags[0]).toBe(5);
    expect(tags[1] % 2 === 0 && tags[1] !== 0).toBe(false);
    expect(tagSpans(tags).filter(([, , cls]) => cls === 2).every(([a, b]) => !(a < 1 && b > 1))).toBe(true);
  });

  it('never continues a name over "or" or "and the", unless told to (training)', () => {
    const text = 'Mercantile or Commerce and the Roosevelt';
    const tokens = { starts: [0, 11, 14, 23, 27, 31], ends: [10, 13, 22, 26, 30, 40] };
    const joined = { ...line(6), text, tokens };
    // The emissions want one organisation over all six tokens.
    const tags = [...decodeLine(joined, prefer([5, 6, 6, 6, 6, 6]))];
    const inside = (t: number): boolean => t !== 0 && t % 2 === 0;
    expect(inside(tags[1]) || inside(tags[4])).toBe(false);
    expect(inside(tags[2]) && inside(tags[3]) && inside(tags[5])).toBe(true);
    expect([...decodeLine(joined, prefer([5, 6, 6, 6, 6, 6]), false)]).toEqual([5, 6, 6, 6, 6, 6]);
    // "and" alone and "the" elsewhere may still sit inside a name ("Bosnia and Herzegovina").
    const bosnia = { ...line(3), text: 'Bosnia and Herzegovina', tokens: { starts: [0, 7, 11], ends: [6, 10, 22] } };
    expect([...decodeLine(bosnia, prefer([3, 4, 4]))]).toEqual([3, 4, 4]);
  });

  /** A line of real tokens whose feature i is i, so prefer() sets token i's emissions. */
  const textLine = (text: string) => {
    const tokens = tokenizeLine(text);
    return { ...line(tokens.starts.length), text, tokens };
  };
  const inside = (t: number): boolean => t !== 0 && t % 2 === 0;

  it('continues a name over "in" only after a "for" in the same capitalised run', () => {
    // "Renault in Tangier" is two names; "Board for Cricket in India" (as in the training data) one.
    expect(inside(decodeLine(textLine('Renault in Tangier'), prefer([5, 6, 6]))[1])).toBe(false);
    expect([...decodeLine(textLine('Board for Cricket in India'), prefer([5, 6, 6, 6, 6]))]).toEqual([5, 6, 6, 6, 6]);
    // A "for" before the run started does not count.
    const tags = decodeLine(textLine('Votes for reform . Oracle in Abilene'), prefer([0, 0, 0, 0, 5, 6, 6]));
    expect(inside(tags[5])).toBe(false);
  });

  it('never continues a person over "of", but an organisation or a place may', () => {
    const leclerc = decodeLine(textLine('Charles Leclerc of Ferrari'), prefer([1, 2, 2, 2]));
    expect(leclerc[2]).not.toBe(2);
    expect([...decodeLine(textLine('Bank of England'), prefer([5, 6, 6]))]).toEqual([5, 6, 6]);
    expect([...decodeLine(textLine('Strait of Gibraltar'), prefer([3, 4, 4]))]).toEqual([3, 4, 4]);
  });

  it('never continues a name over a lower-case word, except particles and joined prefixes', () => {
    expect(inside(decodeLine(textLine('Chelsea drew'), prefer([5, 6]))[1])).toBe(false);
    expect(inside(decodeLine(textLine('Pastef party'), prefer([5, 6]))[1])).toBe(false);
    expect([...decodeLine(textLine('Juan de la Cruz'), prefer([1, 2, 2, 2]))]).toEqual([1, 2, 2, 2]);
    expect([...decodeLine(textLine('Universidad de los Andes'), prefer([5, 6, 6, 6]))]).toEqual([5, 6, 6, 6]);
    expect([...decodeLine(textLine('Hassan al-Turabi'), prefer([1, 2]))]).toEqual([1, 2]);
    // Off inside training, like the other connector rules.
    expect([...decodeLine(textLine('Chelsea drew'), prefer([5, 6]), false)]).toEqual([5, 6]);
  });

  it('never starts an entity with an inside tag', () => {
    const tags = decodeLine(line(2), prefer([2, 0]));
    expect(tags[0] === 0 || tags[0] % 2 === 1).toBe(true);
    const mixed = decodeLine(line(2), prefer([1, 4]));
    expect(mixed[1] === 4).toBe(false);
  });
});

describe('entity model: training', () => {
  const docs = syntheticDocs();

  it('is deterministic: the same data and seed give a byte-identical model', () => {
    const a = trainModel(docs, { epochs: 2, seed: 7 });
    const b = trainModel(docs, { epochs: 2, seed: 7 });
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const c = trainModel(docs, { epochs: 2, seed: 8 });
    expect(modelVersion(c)).not.toBe(modelVersion(a));
  });

  it('learns the synthetic corpus it was trained on', () => {
    const model = EntityModel.decode(trainModel(docs, { epochs: 3, seed: 1, minCount: 1 }));
    expect(f1(evaluate(model, docs))).toBeGreaterThan(0.9);
  });
});

describe('entity model: the committed model file', () => {
  const bytes = new Uint8Array(readFileSync(entityModelPath()));

  it('loads, is versioned by its content, and gives the cache its version', () => {
    const model = EntityModel.decode(bytes);
    expect(model.featureCount).toBeGreaterThan(1000);
    expect(model.version).toBe(modelVersion(bytes));
    expect(entityModelVersion()).toBe(model.version);
    expect(entityModel().version).toBe(model.version);
    const changed = bytes.slice();
    changed[40] ^= 1;
    expect(modelVersion(changed)).not.toBe(model.version);
    // An extraction cached under another model version is dropped, never mixed in.
    const cache = new EntityCache(10, entityCacheVersion(model.version));
    cache.set('h', { mentions: [], candidates: [], words: 1 });
    expect(EntityCache.fromJSON(cache.toJSON(), 10, entityCacheVersion(model.version)).size).toBe(1);
    expect(EntityCache.fromJSON(cache.toJSON(), 10, entityCacheVersion('ner1-0000000000000000')).size).toBe(0);
  });

  it('rejects a damaged file with one clear message', () => {
    expect(() => EntityModel.decode(bytes.slice(0, 100))).toThrow(/entity model: truncated/);
    expect(() => EntityModel.decode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]))).toThrow(/bad magic/);
    const extra = new Uint8Array(bytes.length + 1);
    extra.set(bytes);
    expect(() => EntityModel.decode(extra)).toThrow(/after the end/);
  });

  it('holds numbers only: nothing but the fixed header and hashed, quantised values', () => {
    // The file is fully accounted for by its numeric sections (decode checks every byte is read),
    // and re-encoding the decoded numbers gives the same structure: no room for text.
    const model = EntityModel.decode(bytes);
    expect(model.byteLength).toBe(bytes.length);
    // No readable word of news text: scan for runs of letters as ASCII or UTF-16.
    const latin1 = Buffer.from(bytes).toString('latin1');
    const words = ['reuters', 'said', 'president', 'minister', 'government', 'percent', 'england', 'london', 'united', 'the ', ' of '];
    for (const w of words) {
      expect(latin1.toLowerCase().includes(w), w).toBe(false);
      expect(Buffer.from(bytes).toString('utf16le').toLowerCase().includes(w), w).toBe(false);
    }
    // Long letter runs would be text; hashed numbers give only short accidental ones.
    const runs = latin1.match(/[A-Za-z]{8,}/g) ?? [];
    expect(runs.length).toBeLessThan(5);
  });

  it('encodes deterministically and round-trips', () => {
    const parts = {
      features: Uint32Array.from([5, 3, 900]),
      weights: Float64Array.from({ length: 3 * TAG_COUNT }, (_, i) => (i % 4) - 1.5),
      transitions: new Float64Array((TAG_COUNT + 1) * TAG_COUNT).fill(0.25),
      gazetteer: new Map([[42, 3], [7, 1 << 17]]),
    };
    const a = encodeModel(parts);
    expect(Buffer.from(a).equals(Buffer.from(encodeModel(parts)))).toBe(true);
    const m = EntityModel.decode(a);
    expect(m.gazetteer(42)).toBe(3);
    expect(m.gazetteer(7)).toBe(1 << 17);
    expect(m.gazetteer(8)).toBe(0);
    const scores = new Float64Array(TAG_COUNT);
    m.addWeights(3, scores);
    expect(Math.sign(scores[0])).toBe(Math.sign(parts.weights[TAG_COUNT]));
  });

  // 4,000 features with small weights and one (a bias, say) far beyond the 99.95th percentile.
  const n = 4000;
  const weights = Float64Array.from({ length: n * TAG_COUNT }, (_, i) => ((i * 7919) % 200) / 100 - 1);
  weights[3] = -53.6;
  const encoded = (strong: 'clip' | 'exact') => EntityModel.decode(encodeModel({
    features: Uint32Array.from({ length: n }, (_, i) => i + 1),
    weights,
    transitions: new Float64Array((TAG_COUNT + 1) * TAG_COUNT),
    gazetteer: new Map(),
  }, undefined, strong));

  it('clips the few largest weights to the one-byte range by default (the committed model\'s encoding)', () => {
    const m = encoded('clip');
    const scores = new Float64Array(TAG_COUNT);
    m.addWeights(1, scores);
    expect(scores[3]).toBeLessThan(0);
    expect(scores[3]).toBeGreaterThan(-1.01);
    scores.fill(0);
    m.addWeights(2, scores);
    for (let t = 0; t < TAG_COUNT; t++) expect(Math.abs(scores[t] - weights[TAG_COUNT + t])).toBeLessThan(0.01);
  });

  it('keeps the few largest weights exactly with strong weights "exact"', () => {
    const m = encoded('exact');
    const scores = new Float64Array(TAG_COUNT);
    m.addWeights(1, scores);
    expect(scores[3]).toBeCloseTo(-53.6, 4);
    // The others stay within one quantisation step of their value.
    scores.fill(0);
    m.addWeights(2, scores);
    for (let t = 0; t < TAG_COUNT; t++) expect(Math.abs(scores[t] - weights[TAG_COUNT + t])).toBeLessThan(0.01);
  });
});

describe('entity model: extraction', () => {
  it('types the names of the real seed document', () => {
    const name = '000_0f5d7b9424756893.txt';
    const text = readFileSync(path.join(fixtures, name), 'utf8');
    const doc = parseSeed(text, { fileName: name }).documents[0];
    const { mentions } = extractDocument(documentBodyLines(doc));
    const types = new Map<string, Set<string>>();
    for (const m of mentions) {
      if (!types.has(m.text)) types.set(m.text, new Set());
      types.get(m.text)?.add(m.type);
    }
    const expected: [string, string][] = [['Zelensky', 'person'], ['Putin', 'person'], ['Kharkiv', 'place'], ['Izium', 'place'],
      ['Kupiansk', 'place'], ['Kyiv', 'place'], ['TASS', 'organization'], ['Al Jazeera', 'organization']];
    for (const [surface, type] of expected) expect([...(types.get(surface) ?? [])], surface).toEqual([type]);
  });

  it('splits a name tagged across "and" when the article names one side alone, or both sides end alike', () => {
    const names = (lines: string[]): string[] => extractDocument(lines.map((text, line) => ({ line, text }))).mentions.map((m) => m.text);
    const chips = names(['Chip deal lifts Asian suppliers', 'Nvidia and Foxconn said on Monday they would build a new plant in Mexico.',
      'Shares in Foxconn rose 4 percent in Taipei.']);
    expect(chips).toContain('Nvidia');
    expect(chips).not.toContain('Nvidia and Foxconn');
    const banks = names(['Banks advise on the bond', 'The sale was arranged by Pareto Securities and Arctic Securities, the company said.']);
    expect(banks).toEqual(expect.arrayContaining(['Pareto Securities', 'Arctic Securities']));
  });

  it('keeps a decomposed accent inside the mention, with exact offsets', () => {
    const text = 'Officials said Rene\u0301 Lefe\u0300vre met President Jose\u0301 Ramirez in Paris on Monday.';
    const { mentions } = extractDocument([{ line: 3, text }]);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(mentions.some((m) => m.text === 'Jose\u0301 Ramirez' && m.type === 'person')).toBe(true);
  });

  it('is linear on long unpunctuated text: 32,000 capitalised words and a 700 KB token', () => {
    const words = Array.from({ length: 32_000 }, (_, i) => ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'][i % 5]).join(' ');
    const out = extractDocument([{ line: 0, text: words }]);
    expect(out.words).toBe(32_000);
    const token = Array.from({ length: 100_000 }, () => 'Abcdef').join('-');
    expect(extractDocument([{ line: 0, text: token }]).words).toBe(1);
  });
});
