/**
 * Per-document entity extraction with the trained model (see ner/): the body lines are
 * tokenized, every token gets hashed features, Viterbi finds the best BIO tags per line, and
 * the PER / LOC / ORG spans become mentions (MISC is tagged, which helps the others, and then
 * dropped). Capitalised runs the model left untagged are kept as candidates, so corpus
 * consolidation can find repeats of names tagged elsewhere.
 *
 * Extraction depends on the document body and the model only, so its result can be cached per
 * body hash and model version. The work is linear in the text: one tokenizer pass, a bounded
 * number of features per token, and Viterbi over a fixed tag set.
 */
import { forEachParagraph } from '../parsed-document';
import { DocumentMemo } from '../document-memo';
import { hashBody } from './cache';
import { documentFeatures, isCapsLine, type FeatureLine } from './ner/features';
import { decodeLine, tagSpans, type EntityModel } from './ner/model';
import { entityModel } from './ner/runtime';
import type { SeedDocument } from '../types';
import type { DocumentExtraction, EntityCandidate, EntityLine, EntityMention, EntityType } from './types';

export { PIPELINE_VERSION } from './types';

/** The lines extraction reads from a parsed document: headline, then paragraphs (never delimiters). */
export function documentBodyLines(doc: Pick<SeedDocument, 'headline' | 'paragraphs'>): EntityLine[] {
  const lines: EntityLine[] = doc.headline ? [{ line: doc.headline.line, text: doc.headline.text }] : [];
  forEachParagraph(doc, (line, text) => {
    lines.push({ line, text });
  });
  return lines;
}

const bodyHashes = new DocumentMemo<string>((doc) => hashBody(documentBodyLines(doc)));

/**
 * hashBody of documentBodyLines(doc), kept per document and carried over to later parses of
 * unchanged documents (see document-memo), so an edit rehashes one document, not the file.
 */
export function documentBodyHash(doc: SeedDocument): string {
  return bodyHashes.get(doc);
}

/** The line the extraction of `doc` is relative to: the first of documentBodyLines(doc). */
export function documentBodyFirstLine(doc: Pick<SeedDocument, 'headline'>): number {
  // The headline is the first non-blank body line; without one there are no body lines.
  return doc.headline?.line ?? 0;
}

const TYPE_OF: (EntityType | undefined)[] = ['person', 'place', 'organization', undefined];

const CAPITAL = /^\p{Lu}/u;

/** Extraction settings (the defaults are what the extension uses; eval:entities measures the others). */
export interface ExtractOptions {
  /**
   * On by default, for person/place conflicts only. On the development set it is neutral (two
   * spans fewer right out of 4,600); applied to organisations too it cost 0.8 points of F1 (a
   * county is a place in one sentence and its cricket team in the next). On news outside both
   * sets it fixes names the training data never saw ("Izium" read as a person once and a
   * place once). One type per name within a document: a surface tagged with several types takes its most
   * frequent one, ties going to its first mention (where news introduces a name with the most
   * context: "the city of Kupiansk", then "Kupiansk's city hall").
   */
  documentConsistency?: boolean;
}

/** Extracts people, places and organisations from one document's body lines (headline first). */
export function extractDocument(lines: readonly EntityLine[], model: EntityModel = entityModel(), options: ExtractOptions = {}): DocumentExtraction {
  const features = documentFeatures(lines.map((l) => l.text), (h) => model.gazetteer(h));
  const mentions: EntityMention[] = [];
  const candidates: EntityCandidate[] = [];
  let words = 0;
  const decoded = features.map((fl) => decodeLine(fl, model));
  const spans = decoded.map((tags) => tagSpans(tags));
  splitPairsNamedAlone(features, decoded, spans, model);
  features.forEach((fl, li) => {
    const { line, text } = lines[li];
    const { starts, ends } = fl.tokens;
    const tags = decoded[li];
    const caps = isCapsLine(text);
    for (const [a, b, cls] of spans[li]) {
      const type = TYPE_OF[cls];
      if (!type) continue;
      mentions.push({ line, start: starts[a], end: ends[b - 1], text: text.slice(starts[a], ends[b - 1]), type, source: 'tagger' });
    }
    // Untagged capitalised runs (tokens separated by one space at most).
    let runStart = -1;
    const flush = (endToken: number): void => {
      if (runStart >= 0) candidates.push({ line, start: starts[runStart], text: text.slice(starts[runStart], ends[endToken - 1]), caps });
      runStart = -1;
    };
    for (let i = 0; i < starts.length; i++) {
      if (/\p{L}|\p{N}/u.test(text[starts[i]])) words++;
      const capital = tags[i] === 0 && CAPITAL.test(text[starts[i]]);
      if (capital && runStart >= 0 && starts[i] - ends[i - 1] > 1) flush(i);
      if (capital && runStart < 0) runStart = i;
      if (!capital) flush(i);
    }
    flush(starts.length);
  });
  if (options.documentConsistency !== false) makeConsistent(mentions);
  return { mentions, candidates, words };
}

/**
 * "Nvidia and Foxconn": a name tagged across an "and" is two names when the article names either
 * side alone elsewhere, or when both sides end with the same word ("Pareto Securities and Arctic
 * Securities", "NBS Bank and FDH Bank"); such lines are decoded again with the "and" outside any
 * name. Of the 23,500 training names, 46 hold an "and" ("Securities and Exchange Commission",
 * "Trinidad and Tobago"); measured on the development set, the split moves no name there. One
 * pass over the spans and at most one more decode of the lines concerned, whose tags and spans
 * are replaced in `decoded` and `spans`.
 */
function splitPairsNamedAlone(features: readonly FeatureLine[], decoded: Uint8Array[], spans: [number, number, number][][], model: EntityModel): void {
  const alone = new Set<string>();
  const pairs: [number, number, number, number][] = [];
  features.forEach((fl, li) => {
    const { starts, ends } = fl.tokens;
    for (const [a, b] of spans[li]) {
      let andAt = -1;
      for (let i = a + 1; i < b - 1; i++) if (ends[i] - starts[i] === 3 && fl.text.startsWith('and', starts[i])) andAt = i;
      if (andAt < 0) alone.add(fl.text.slice(starts[a], ends[b - 1]).toLowerCase());
      else pairs.push([li, a, andAt, b]);
    }
  });
  const splits = new Map<number, Set<number>>();
  for (const [li, a, andAt, b] of pairs) {
    const { text, tokens } = features[li];
    const left = text.slice(tokens.starts[a], tokens.ends[andAt - 1]).toLowerCase();
    const right = text.slice(tokens.starts[andAt + 1], tokens.ends[b - 1]).toLowerCase();
    const lastWord = (phrase: string): string => phrase.slice(phrase.lastIndexOf(' ') + 1);
    const twoNames = alone.has(left) || alone.has(right)
      || (left.includes(' ') && right.includes(' ') && lastWord(left) === lastWord(right));
    if (!twoNames) continue;
    let at = splits.get(li);
    if (!at) splits.set(li, (at = new Set()));
    at.add(andAt);
  }
  for (const [li, at] of splits) {
    decoded[li] = decodeLine(features[li], model, true, at);
    spans[li] = tagSpans(decoded[li]);
  }
}

function makeConsistent(mentions: EntityMention[]): void {
  const byName = new Map<string, { first: EntityType; counts: Map<EntityType, number> }>();
  for (const m of mentions) {
    const key = m.text.normalize('NFC').toLowerCase();
    let v = byName.get(key);
    if (!v) byName.set(key, (v = { first: m.type, counts: new Map() }));
    v.counts.set(m.type, (v.counts.get(m.type) ?? 0) + 1);
  }
  for (const m of mentions) {
    const v = byName.get(m.text.normalize('NFC').toLowerCase());
    if (!v || v.counts.size < 2) continue;
    // Only person/place conflicts: a place and its team (an organisation) are both right.
    if (m.type === 'organization' || v.counts.has('organization')) continue;
    let best = v.first;
    for (const [t, n] of v.counts) if (n > (v.counts.get(best) ?? 0)) best = t;
    m.type = best;
  }
}
