/**
 * Feature extraction for the entity model. A document is a list of lines; each token gets a
 * list of 32-bit feature hashes: its word, lower case, shape, affixes, neighbouring words and
 * pairs, the line's case (all-caps headlines and tables), how the document writes the word
 * elsewhere and the words around its other occurrences, and gazetteer memberships (whole
 * phrases of up to four tokens). Strings are hashed as soon as they are built: no feature
 * string outlives this module.
 */
import { hashRange, hashString, mix, mix3 } from './hash';
import { tokenizeLine, type LineTokens } from './tokenize';

/** Gazetteer classes: one bit each in a gazetteer entry's mask. */
export const GAZ_CLASSES = [
  'per', 'loc', 'org', // general lexicon (compromise)
  'plist', 'llist', 'olist', 'demonym', 'title', 'orgsuffix', // the project's own lists
  'tper', 'tloc', 'torg', 'tmisc', // names seen in the training data
  'common', 'first', 'last',
  'locctx', 'orgctx', // words that announce a place ("near", "recaptured") or an organisation ("firm", "shares")
  'clist', // words of company names that no other list knows ("Nvidia", "Symantec"; cspell's company dictionary)
] as const;

/** A gazetteer: phrase hash (see phraseHash) -> bit mask of GAZ_CLASSES. */
export type Gazetteer = (hash: number) => number;

/** Longest gazetteer phrase, in tokens. */
export const MAX_PHRASE = 4;

/** Longest piece of a token that features look at: a 700 KB token costs no more than 64 characters. */
const MAX_TOKEN_CHARS = 64;

/** One tokenized line with what features need. */
export interface FeatureLine {
  text: string;
  tokens: LineTokens;
  /** Feature hashes of token i: feats.slice(offsets[i], offsets[i + 1]). */
  feats: Uint32Array;
  offsets: Uint32Array;
}

// Template ids: hashed together with the value, so "w=Paris" and "lw=paris" never meet.
const T = {
  bias: 1, w: 2, lw: 3, shape: 4, pre: 5, suf: 6, lwm1: 7, lwp1: 8, lwm2: 9, lwp2: 10, shm1: 11, shp1: 12,
  pairm: 13, pairp: 14, shape3: 15, capsShape: 16, capsLw: 17, startShape: 18, gazB: 19, gazI: 20, wm1: 21, wp1: 22,
  doc: 23, len: 24, capsGaz: 25, startLw: 26, gazE: 27, pairShape: 28, prevGaz: 29, nextGaz: 30,
  docPrev: 41, docNext: 42, docPrevGaz: 43, docNextGaz: 44,
};

/** Stand-ins for the word before the line's first token and after its last. */
const NONE = 0x1234567;
const START = 0x7654321;

/** Most distinct context features a capitalised word collects from its occurrences in a document. */
const MAX_DOC_CONTEXT = 16;

/** Whether a token starts with a capital letter. */
function isCapital(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return w[0].toLowerCase() !== w[0];
}

/**
 * The form features see: composed accents (a decomposed "é" is the same word), typographic
 * apostrophes and quotes as ASCII (the training text has only those).
 */
export function normalizeToken(w: string): string {
  for (let i = 0; i < w.length; i++) {
    if (w.charCodeAt(i) > 0x7f) return w.normalize('NFC').replace(/[’‘`]/g, "'").replace(/[“”„]/g, '"');
  }
  return w;
}

/** The word shape: X for capitals, x for lower case, d for digits, runs of more than two collapsed. */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  let run = 0;
  for (let i = 0; i < w.length; i++) {
    const ch = w[i];
    let c: string;
    if (ch >= 'A' && ch <= 'Z') c = 'X';
    else if (ch >= 'a' && ch <= 'z') c = 'x';
    else if (ch >= '0' && ch <= '9') c = 'd';
    else if (ch.toLowerCase() !== ch) c = 'X';
    else if (ch.toUpperCase() !== ch) c = 'x';
    else c = ch;
    if (c === last) {
      run++;
      if (run >= 2) continue;
    } else {
      run = 0;
    }
    last = c;
    out += c;
  }
  return out;
}

/** True when a line is (almost) all capitals: its case says nothing about names. */
export function isCapsLine(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch >= 'A' && ch <= 'Z') upper++;
    else if (ch >= 'a' && ch <= 'z') lower++;
    else if (ch > '\x7f') {
      if (ch.toLowerCase() !== ch) upper++;
      else if (ch.toUpperCase() !== ch) lower++;
    }
  }
  return upper >= 4 && lower <= upper * 0.1;
}

const SENTENCE_END = new Set(['.', '!', '?', ':', '"', '“', '(', '-', '–', '—']);

/** Hash of a lower-cased phrase given the hashes of its lower-cased tokens, in order. */
export function phraseHash(tokenHashes: readonly number[]): number {
  let h = 0x6a09e667;
  for (const t of tokenHashes) h = mix(h, t);
  return h;
}

/**
 * The hash of a lower-cased word as phrases use it, accents folded ("Reykjavík" finds the
 * lexicon's "reykjavik"), so the gazetteers and the word features see one form.
 */
export function wordHash(lower: string): number {
  for (let i = 0; i < lower.length; i++) {
    if (lower.charCodeAt(i) > 0x7f) return hashString(lower.normalize('NFD').replace(/\p{M}/gu, ''), 0x5bd1e995);
  }
  return hashString(lower, 0x5bd1e995);
}

/** Hash of a phrase as written (tokenized like text, lower-cased): gazetteer entries are stored this way. */
export function textPhraseHash(phrase: string): number | undefined {
  const { starts, ends } = tokenizeLine(phrase);
  if (starts.length === 0 || starts.length > MAX_PHRASE) return undefined;
  return phraseHash(starts.map((s, i) => wordHash(phrase.slice(s, ends[i]).toLowerCase())));
}

/**
 * Computes the features of every token of a document's lines. `gaz` answers gazetteer
 * lookups; `lines` are the body lines, headline first.
 */
export function documentFeatures(lines: readonly string[], gaz: Gazetteer): FeatureLine[] {
  const tokenized = lines.map((text) => ({ text, tokens: tokenizeLine(text), caps: isCapsLine(text) }));
  // How the document writes each word mid-sentence in mixed-case lines: the evidence a reader
  // uses to read an all-caps headline.
  const seen = new Map<number, number>();
  const words: string[][] = [];
  for (const { text, tokens, caps } of tokenized) {
    const ws = tokens.starts.map((s, i) => normalizeToken(text.slice(s, Math.min(tokens.ends[i], s + MAX_TOKEN_CHARS))));
    words.push(ws);
    if (caps) continue;
    for (let i = 1; i < ws.length; i++) {
      const w = ws[i];
      if (SENTENCE_END.has(ws[i - 1])) continue;
      const lower = w.toLowerCase();
      if (lower === w.toUpperCase()) continue;
      const h = wordHash(lower);
      const bit = w === lower ? 1 : w.length > 1 && w === w.toUpperCase() ? 4 : 2;
      seen.set(h, (seen.get(h) ?? 0) | bit);
    }
  }
  // The contexts of a capitalised word's occurrences in the document, given to each of them:
  // "Magna" after "based" and before "'s" in one sentence says company in the next, where it
  // stands alone (or starts a headline). Only mid-sentence occurrences in mixed-case lines count
  // (a capital at a sentence start or in a headline in capitals says nothing); at most
  // MAX_DOC_CONTEXT features a word, so the cost stays linear.
  const ctx = new Map<number, number[]>();
  const unigramGaz = (h: number): number => gaz(mix(0x6a09e667, h));
  for (let li = 0; li < tokenized.length; li++) {
    if (tokenized[li].caps) continue;
    const ws = words[li];
    for (let i = 0; i < ws.length; i++) {
      if (!isCapital(ws[i])) continue;
      if (i === 0 || SENTENCE_END.has(ws[i - 1])) continue;
      const h = wordHash(ws[i].toLowerCase());
      let list = ctx.get(h);
      if (!list) ctx.set(h, (list = []));
      if (list.length >= MAX_DOC_CONTEXT) continue;
      const add = (f: number): void => {
        if (!list.includes(f)) list.push(f);
      };
      const hp = i > 0 ? wordHash(ws[i - 1].toLowerCase()) : 0;
      const hn = i + 1 < ws.length ? wordHash(ws[i + 1].toLowerCase()) : 0;
      add(mix(T.docPrev, i > 0 ? hp : START));
      add(mix(T.docNext, i + 1 < ws.length ? hn : NONE));
      const gp = i > 0 ? unigramGaz(hp) : 0;
      const gn = i + 1 < ws.length ? unigramGaz(hn) : 0;
      for (let b = 0; gp >>> b !== 0; b++) if ((gp >>> b) & 1) add(mix(T.docPrevGaz, b));
      for (let b = 0; gn >>> b !== 0; b++) if ((gn >>> b) & 1) add(mix(T.docNextGaz, b));
    }
  }
  return tokenized.map(({ text, tokens, caps }, li) => lineFeatures(text, tokens, caps, words[li], seen, gaz, ctx));
}

function lineFeatures(text: string, tokens: LineTokens, caps: boolean, ws: string[], seen: Map<number, number>, gaz: Gazetteer, ctx: Map<number, number[]>): FeatureLine {
  const n = ws.length;
  const lw = ws.map((w) => w.toLowerCase());
  const hW = ws.map((w) => hashString(w));
  const hL = lw.map((w) => wordHash(w));
  const shapes = ws.map(wordShape);
  const hS = shapes.map((s) => hashString(s, 7));
  // Gazetteer features per token, allocated only for tokens that have some.
  const gazFeats: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const addGaz = (i: number, f: number): void => {
    const list = gazFeats[i];
    if (list) list.push(f);
    else gazFeats[i] = [f];
  };
  const unigram = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    let h = 0x6a09e667;
    for (let k = 0; k < MAX_PHRASE && i + k < n; k++) {
      h = mix(h, hL[i + k]);
      const mask = gaz(h);
      if (k === 0) unigram[i] = mask;
      if (mask === 0) continue;
      for (let b = 0; mask >>> b !== 0; b++) {
        if (((mask >>> b) & 1) === 0) continue;
        const g = b * 8 + Math.min(k, 3);
        addGaz(i, mix(T.gazB, g));
        if (caps) addGaz(i, mix(T.capsGaz, g));
        for (let j = i + 1; j <= i + k; j++) addGaz(j, mix(T.gazI, b));
        addGaz(i + k, mix(T.gazE, b));
      }
    }
  }
  const out: number[] = [];
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) {
    offsets[i] = out.length;
    const w = ws[i];
    const l = lw[i];
    const lm1 = i > 0 ? hL[i - 1] : START;
    const lp1 = i + 1 < n ? hL[i + 1] : NONE;
    const sm1 = i > 0 ? hS[i - 1] : START;
    const sp1 = i + 1 < n ? hS[i + 1] : NONE;
    const atStart = i === 0 || SENTENCE_END.has(ws[i - 1]);
    out.push(T.bias);
    out.push(mix(T.w, hW[i]));
    out.push(mix(T.lw, hL[i]));
    out.push(mix(T.shape, hS[i]));
    for (let k = 1; k <= 3 && k < l.length; k++) out.push(mix3(T.pre, k, hashRange(l, 0, k)));
    for (let k = 1; k <= 4 && k < l.length; k++) out.push(mix3(T.suf, k, hashRange(l, l.length - k, l.length)));
    out.push(mix(T.lwm1, lm1));
    out.push(mix(T.lwp1, lp1));
    out.push(mix(T.lwm2, i > 1 ? hL[i - 2] : START));
    out.push(mix(T.lwp2, i + 2 < n ? hL[i + 2] : NONE));
    out.push(mix(T.shm1, sm1));
    out.push(mix(T.shp1, sp1));
    out.push(mix3(T.pairm, lm1, hL[i]));
    out.push(mix3(T.pairp, hL[i], lp1));
    out.push(mix3(T.shape3, mix(sm1, hS[i]), sp1));
    out.push(mix3(T.pairShape, lm1, hS[i]));
    out.push(mix(T.wm1, i > 0 ? hW[i - 1] : START));
    out.push(mix(T.wp1, i + 1 < n ? hW[i + 1] : NONE));
    out.push(mix(T.len, Math.min(w.length, 12)));
    if (caps) {
      out.push(mix(T.capsShape, hS[i]));
      out.push(mix(T.capsLw, hL[i]));
    }
    if (atStart) {
      out.push(mix(T.startShape, hS[i]));
      out.push(mix(T.startLw, hL[i]));
    }
    const ev = seen.get(hL[i]) ?? 0;
    out.push(mix3(T.doc, ev, (caps ? 2 : 0) | (atStart ? 1 : 0)));
    const gf = gazFeats[i];
    if (gf) for (const f of gf) out.push(f);
    const cf = ctx.get(hL[i]);
    if (cf) for (const f of cf) out.push(f);
    // The classes of the neighbouring words: "recaptured" shares what "captured" and "near" taught.
    const before = i > 0 ? unigram[i - 1] : 0;
    const after = i + 1 < n ? unigram[i + 1] : 0;
    for (let b = 0; before >>> b !== 0; b++) if ((before >>> b) & 1) out.push(mix(T.prevGaz, b));
    for (let b = 0; after >>> b !== 0; b++) if ((after >>> b) & 1) out.push(mix(T.nextGaz, b));
  }
  offsets[n] = out.length;
  return { text, tokens, feats: Uint32Array.from(out), offsets };
}
