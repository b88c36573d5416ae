/**
 * The entity model: tags, Viterbi decoding over BIO tags, and the binary model file.
 *
 * File format (little-endian), version 1:
 *   magic "SRNER\x01\0\0" (8 bytes)
 *   u32 tag count T, u32 feature count F, u32 gazetteer count G, f32 weight scale
 *   f32 x (T + 1) x T   transition weights (row 0: from the line start; row 1 + s: from tag s)
 *   F varints          feature hashes, ascending, delta-encoded
 *   F x (u16 mask + one i8 per set bit)   quantised weights of each feature per tag (weight =
 *                      i8 x scale; the byte -128 is followed by the weight as an f32: the few
 *                      weights beyond 127 x scale are kept exactly)
 *   G varints          gazetteer phrase hashes, ascending, delta-encoded
 *   G varints          gazetteer class masks
 * Nothing else: the file holds numbers only. The model version is a hash of the whole file.
 */
import { fmix } from './hash';
import type { FeatureLine } from './features';

/** The tags, in the order of the weight vectors. */
export const TAGS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG', 'B-MISC', 'I-MISC'] as const;
export const TAG_COUNT = TAGS.length;

/** Entity classes in tag order: tag 1 + 2k is B of class k, 2 + 2k is I of class k. */
export const CLASSES = ['PER', 'LOC', 'ORG', 'MISC'] as const;
export type EntityClass = (typeof CLASSES)[number];

const MAGIC = [0x53, 0x52, 0x4e, 0x45, 0x52, 0x01, 0x00, 0x00];

/** Whether tag `to` may follow tag `from` (-1: line start) in BIO. */
export function allowed(from: number, to: number): boolean {
  if (to === 0 || to % 2 === 1) return true;
  // I-X only after B-X or I-X.
  return from === to || from === to - 1;
}

/** Anything that gives per-tag scores for a feature hash, and transition scores. */
export interface Scorer {
  /** Adds the feature's weights to scores[0..T). */
  addWeights(feature: number, scores: Float64Array): void;
  /** Transition score from `from` (-1 for the line start) to `to`. */
  transition(from: number, to: number): number;
}

/** Transition scores with the BIO constraints applied (-Infinity where a tag may not follow). */
function transitionMatrix(scorer: Scorer): Float64Array {
  const T = TAG_COUNT;
  const m = new Float64Array((T + 1) * T);
  for (let from = -1; from < T; from++) {
    for (let to = 0; to < T; to++) m[(from + 1) * T + to] = allowed(from, to) ? scorer.transition(from, to) : -Infinity;
  }
  return m;
}

const ALL_CLASSES = 0b1111;
const PER_CLASS = 0b0001;

/** Lower-case words that may sit inside a capitalised name ("Bank of England", "Juan de la Cruz", "Universidad de los Andes"). */
const NAME_CONNECTORS = new Set(['of', 'for', 'and', 'the', '&', 'de', 'du', 'des', 'la', 'le', 'les', 'del', 'della', 'dal', 'di', 'da', 'do', 'dos', 'das', 'van', 'von', 'der', 'den', 'ter', 'ten', 'te', 'zu', 'al', 'el', 'bin', 'ibn', 'ben', 'binti', 'wa', 'ul', 'in', 'y', 'e', 'et', 'am', 'i', 'no', 'on', 'at', 'upon', 'los', 'las', 'lo', 'para', 'por', 'en', 'dela', 'sur', 'aux', 'au', 'per', 'het', 'op', 'zum', 'zur', 'im', 'und', 'dei', 'degli', 'delle']);

/** "al-Turabi", "d'Italia": a lower-case particle joined to a name. */
function hasInnerMark(text: string, start: number, end: number): boolean {
  for (let k = start + 1; k < end - 1; k++) {
    const c = text.charCodeAt(k);
    if (c === 45 || c === 39 || c === 0x2019) return true;
  }
  return false;
}

/**
 * Per token, the classes (bit k: class k) that the token may not continue, from the connecting
 * words of the 23,499 names of the training data. "or" never continues a name ("Sussex or
 * Surrey"; no training name holds one), nor "the" after "and" ("Monash University and the
 * University of Sydney"; one film title does). "in" continues a name only when the capitalised
 * run so far holds a "for" ("Board of Control for Cricket in India", "Organisation for Security
 * and Cooperation in Europe": all 8 training names with " in " are of that form), so "Renault in
 * Tangier" is two names. "of" never continues a person (one training person holds it, a
 * mislabelled film title; 48 "person of place-or-organisation" are two names). A lower-case word
 * never continues a name ("Chelsea drew", "Pastef party"; 70 training names hold one, most of them
 * "interior ministry" or annotation slips), except particles and connectors (NAME_CONNECTORS) and
 * joined prefixes ("al-Turabi"). One pass, linear in the text.
 */
function insideBans(line: FeatureLine): Uint8Array {
  const { starts, ends } = line.tokens;
  const n = starts.length;
  const bans = new Uint8Array(n);
  const text = line.text;
  let runHasFor = false;
  for (let i = 0; i < n; i++) {
    // Only short words are connectors: no string is made for longer ones.
    const word = ends[i] - starts[i] <= 5 ? text.slice(starts[i], ends[i]) : '';
    const first = text.charCodeAt(starts[i]);
    const capitalised = (first >= 65 && first <= 90) || (first > 127 && text[starts[i]] !== text[starts[i]].toLowerCase());
    const lower = (first >= 97 && first <= 122) || (first > 127 && text[starts[i]] !== text[starts[i]].toUpperCase());
    if (word === 'or') bans[i] = ALL_CLASSES;
    else if (word === 'the' && i > 0 && text.slice(starts[i - 1], ends[i - 1]) === 'and') bans[i] = ALL_CLASSES;
    else if (word === 'in' && !runHasFor) bans[i] = ALL_CLASSES;
    else if (word === 'of') bans[i] = PER_CLASS;
    else if (lower && !NAME_CONNECTORS.has(word) && !hasInnerMark(text, starts[i], ends[i])) bans[i] = ALL_CLASSES;
    if (word === 'for') runHasFor = true;
    else if (!capitalised && !NAME_CONNECTORS.has(word)) runHasFor = false;
  }
  return bans;
}

/**
 * Best tag sequence of one line (Viterbi). Linear in the tokens. `connectorRule`: the words of
 * insideBans never continue a name ("or", "and the", "in" without a "for", ...); on for extraction,
 * off inside training (measured on the development set: as a decoding rule "or" / "and the" adds
 * 0.06 points of F1 and 0.2 of organisations for each of three seeds; inside the training loop as
 * well, the three-seed mean was lower). `splitAt`: more tokens that never continue a name, with
 * the connector rules.
 */
export function decodeLine(line: FeatureLine, scorer: Scorer, connectorRule = true, splitAt?: ReadonlySet<number>): Uint8Array {
  const n = line.offsets.length - 1;
  const tags = new Uint8Array(n);
  if (n === 0) return tags;
  const T = TAG_COUNT;
  const trans = transitionMatrix(scorer);
  const emit = new Float64Array(T);
  let prev = new Float64Array(T);
  let cur = new Float64Array(T);
  const back = new Uint8Array(n * T);
  const feats = line.feats;
  const bans = connectorRule ? insideBans(line) : undefined;
  // Tokens the caller splits at (extract.ts: an "and" between two names) never continue a name either.
  if (bans !== undefined && splitAt !== undefined) for (const i of splitAt) if (i < n) bans[i] = ALL_CLASSES;
  for (let i = 0; i < n; i++) {
    emit.fill(0);
    const end = line.offsets[i + 1];
    for (let k = line.offsets[i]; k < end; k++) scorer.addWeights(feats[k], emit);
    // A comma never continues a name: "Mercantile, Commerce and Roosevelt" is three. (14 of the
    // 23,499 training names hold one; forbidding it raised development F1 by 0.2 points.)
    if (line.tokens.ends[i] - line.tokens.starts[i] === 1 && line.text.charCodeAt(line.tokens.starts[i]) === 44) {
      for (let t = 2; t < T; t += 2) emit[t] = -Infinity;
    } else if (bans !== undefined && bans[i] !== 0) {
      for (let k = 0; 2 + 2 * k < T; k++) if (bans[i] & (1 << k)) emit[2 + 2 * k] = -Infinity;
    }
    for (let t = 0; t < T; t++) {
      let best = -Infinity;
      let arg = 0;
      if (i === 0) {
        best = trans[t];
      } else {
        for (let s = 0; s < T; s++) {
          const v = prev[s] + trans[(s + 1) * T + t];
          if (v > best) {
            best = v;
            arg = s;
          }
        }
      }
      cur[t] = best + emit[t];
      back[i * T + t] = arg;
    }
    const tmp = prev;
    prev = cur;
    cur = tmp;
  }
  let bestTag = 0;
  for (let t = 1; t < T; t++) if (prev[t] > prev[bestTag]) bestTag = t;
  for (let i = n - 1; i >= 0; i--) {
    tags[i] = bestTag;
    bestTag = back[i * T + bestTag];
  }
  return tags;
}

/** Spans of a tag sequence: [startToken, endToken exclusive, class index]. */
export function tagSpans(tags: ArrayLike<number>): [number, number, number][] {
  const spans: [number, number, number][] = [];
  let i = 0;
  while (i < tags.length) {
    const t = tags[i];
    if (t === 0) {
      i++;
      continue;
    }
    const cls = (t - 1) >> 1;
    let j = i + 1;
    while (j < tags.length && tags[j] === 2 + 2 * cls) j++;
    spans.push([i, j, cls]);
    i = j;
  }
  return spans;
}

/** A decoded model, ready to score. */
export class EntityModel implements Scorer {
  private readonly table: Int32Array;
  private readonly mask: number;
  private readonly gazTable: Int32Array;
  private readonly gazMask: number;

  private constructor(
    /** Hash of the model file: part of every cache key, so results of another model are never mixed in. */
    readonly version: string,
    private readonly weights: Float32Array,
    private readonly trans: Float32Array,
    featureKeys: Uint32Array,
    gazKeys: Uint32Array,
    private readonly gazMasks: Uint32Array,
    readonly byteLength: number,
  ) {
    [this.table, this.mask] = openTable(featureKeys);
    [this.gazTable, this.gazMask] = openTable(gazKeys);
  }

  /** Number of features with weights. */
  get featureCount(): number {
    return this.weights.length / TAG_COUNT;
  }

  addWeights(feature: number, scores: Float64Array): void {
    const row = lookup(this.table, this.mask, feature);
    if (row < 0) return;
    const base = row * TAG_COUNT;
    for (let t = 0; t < TAG_COUNT; t++) scores[t] += this.weights[base + t];
  }

  transition(from: number, to: number): number {
    return this.trans[(from + 1) * TAG_COUNT + to];
  }

  /** The gazetteer class mask of a phrase hash (0: unknown). */
  gazetteer(hash: number): number {
    const row = lookup(this.gazTable, this.gazMask, hash);
    return row < 0 ? 0 : this.gazMasks[row];
  }

  /** Decodes a model file. Throws a one-line message on anything malformed. */
  static decode(bytes: Uint8Array): EntityModel {
    const r = new Reader(bytes);
    for (const b of MAGIC) if (r.u8() !== b) throw new Error('entity model: not a Seed Review model file (bad magic)');
    const T = r.u32();
    if (T !== TAG_COUNT) throw new Error(`entity model: ${T} tags, expected ${TAG_COUNT}`);
    const F = r.u32();
    const G = r.u32();
    const scale = r.f32();
    const trans = new Float32Array((T + 1) * T);
    for (let i = 0; i < trans.length; i++) trans[i] = r.f32();
    const keys = r.sortedKeys(F);
    const weights = new Float32Array(F * T);
    // The hottest loop of a load: plain byte reads, bounds checked once per feature.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let pos = r.pos;
    for (let f = 0; f < F; f++) {
      if (pos + 2 > bytes.length) throw new Error(`entity model: truncated at byte ${pos}`);
      const m = bytes[pos] | (bytes[pos + 1] << 8);
      pos += 2;
      for (let t = 0; t < T; t++) {
        if ((m >>> t) & 1) {
          if (pos >= bytes.length) throw new Error(`entity model: truncated at byte ${pos}`);
          const b = bytes[pos++];
          if (b === 128) {
            if (pos + 4 > bytes.length) throw new Error(`entity model: truncated at byte ${pos}`);
            weights[f * T + t] = view.getFloat32(pos, true);
            pos += 4;
          } else {
            weights[f * T + t] = (b > 127 ? b - 256 : b) * scale;
          }
        }
      }
    }
    r.pos = pos;
    const gazKeys = r.sortedKeys(G);
    const gazMasks = new Uint32Array(G);
    for (let g = 0; g < G; g++) gazMasks[g] = r.varint() >>> 0;
    if (r.pos !== bytes.length) throw new Error(`entity model: ${bytes.length - r.pos} bytes after the end of the model`);
    return new EntityModel(modelVersion(bytes), weights, trans, keys, gazKeys, gazMasks, bytes.length);
  }
}

/** The version string of a model file: a hash of all its bytes. */
export function modelVersion(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x12345678;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i], 0x01000193);
    b = Math.imul(b ^ bytes[i], 0x5bd1e995) ^ (b >>> 15);
  }
  return `ner1-${fmix(a).toString(16).padStart(8, '0')}${fmix(b >>> 0).toString(16).padStart(8, '0')}`;
}

/**
 * An open-addressing table from key to its index in `keys` (load factor <= 0.5), keys and rows
 * interleaved so that a probe touches one cache line: [key, row, key, row, ...], row -1 = empty.
 */
function openTable(keys: Uint32Array): [Int32Array, number] {
  let cap = 16;
  while (cap < keys.length * 2) cap *= 2;
  const table = new Int32Array(cap * 2);
  for (let i = 1; i < table.length; i += 2) table[i] = -1;
  const mask = cap - 1;
  for (let i = 0; i < keys.length; i++) {
    let p = slotOf(keys[i]) & mask;
    while (table[2 * p + 1] >= 0) p = (p + 1) & mask;
    table[2 * p] = keys[i] | 0;
    table[2 * p + 1] = i;
  }
  return [table, mask];
}

function slotOf(k: number): number {
  // Keys are already hashes; one multiply spreads sequential ones too.
  return Math.imul(k, 0x9e3779b1) >>> 0;
}

function lookup(table: Int32Array, mask: number, key: number): number {
  const k = key | 0;
  let p = slotOf(key) & mask;
  for (;;) {
    const row = table[2 * p + 1];
    if (row < 0) return -1;
    if (table[2 * p] === k) return row;
    p = (p + 1) & mask;
  }
}

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  private need(n: number): void {
    if (this.pos + n > this.bytes.length) throw new Error(`entity model: truncated at byte ${this.pos}`);
  }
  u8(): number {
    this.need(1);
    return this.bytes[this.pos++];
  }
  i8(): number {
    this.need(1);
    return this.view.getInt8(this.pos++);
  }
  u16(): number {
    this.need(2);
    const v = this.view.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  f32(): number {
    this.need(4);
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }
  varint(): number {
    let v = 0;
    let shift = 0;
    for (;;) {
      const b = this.u8();
      v += (b & 0x7f) * 2 ** shift;
      if (b < 0x80) break;
      shift += 7;
      if (shift > 35) throw new Error(`entity model: bad number at byte ${this.pos}`);
    }
    return v;
  }
  sortedKeys(n: number): Uint32Array {
    if (n > this.bytes.length) throw new Error('entity model: bad count');
    const keys = new Uint32Array(n);
    const bytes = this.bytes;
    let pos = this.pos;
    let k = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      let shift = 0;
      for (;;) {
        if (pos >= bytes.length) throw new Error(`entity model: truncated at byte ${pos}`);
        const b = bytes[pos++];
        v += (b & 0x7f) * 2 ** shift;
        if (b < 0x80) break;
        shift += 7;
        if (shift > 35) throw new Error(`entity model: bad number at byte ${pos}`);
      }
      k += v;
      if (k > 0xffffffff) throw new Error('entity model: key out of range');
      keys[i] = k;
    }
    this.pos = pos;
    return keys;
  }
}

/** What encodeModel needs: averaged float weights per feature and transitions. */
export interface ModelParts {
  /** Feature hashes (any order) and their weights, TAG_COUNT per feature. */
  features: Uint32Array;
  weights: Float64Array;
  transitions: Float64Array;
  /** Gazetteer phrase hashes and class masks. */
  gazetteer: Map<number, number>;
  /** Weights whose quantised value is 0 are dropped; features left without weights are dropped. */
}

/**
 * How the few weights beyond the one-byte range (past the 99.95th percentile of sizes) are written:
 * `clip` to 127 x scale (sessions 1-2, and the committed model), or `exact`, as an f32 after the
 * byte -128. `exact` scored a little higher on the development set (0.941 against 0.939 with
 * training seed 1; over seeds 1-5 it never collapsed, while `clip` gave one seed 0.863) but split
 * long names such as "Korea Fair Trade Commission" on new news: over held-out parts 1-6 the same
 * features gave F1 0.817 with `exact` and 0.832 with `clip` (docs/entities.md).
 */
export type StrongWeights = 'clip' | 'exact';

/**
 * Encodes a model file (deterministic: same parts, same bytes). Weights are quantised to one byte
 * with the scale set at the 99.95th percentile of their sizes; the few larger ones (the strongest
 * features) are clipped or kept exactly (see StrongWeights).
 */
export function encodeModel(parts: ModelParts, quantileClip = 0.9995, strong: StrongWeights = 'clip'): Uint8Array {
  const T = TAG_COUNT;
  const abs = Array.from(parts.weights, Math.abs).filter((x) => x > 0).sort((a, b) => a - b);
  const clip = abs.length > 0 ? abs[Math.min(abs.length - 1, Math.floor(abs.length * quantileClip))] : 1;
  const scale = Math.fround(clip / 127);
  const order = Array.from(parts.features.keys()).sort((a, b) => parts.features[a] - parts.features[b]);
  const out = new Writer();
  for (const b of MAGIC) out.u8(b);
  const kept: number[] = [];
  // 128 (written as the byte -128) marks a weight beyond the byte's range, stored exactly.
  const q = (x: number): number => {
    const v = Math.round(x / scale);
    if (v <= 127 && v >= -127) return v;
    if (strong === 'exact') return 128;
    return v > 0 ? 127 : -127;
  };
  for (const f of order) {
    let any = false;
    for (let t = 0; t < T; t++) if (q(parts.weights[f * T + t]) !== 0) any = true;
    if (any) kept.push(f);
  }
  const gaz = [...parts.gazetteer.entries()].filter(([, m]) => m !== 0).sort((a, b) => a[0] - b[0]);
  out.u32(T);
  out.u32(kept.length);
  out.u32(gaz.length);
  out.f32(scale);
  for (let i = 0; i < (T + 1) * T; i++) out.f32(parts.transitions[i]);
  let prevKey = 0;
  for (const f of kept) {
    out.varint(parts.features[f] - prevKey);
    prevKey = parts.features[f];
  }
  for (const f of kept) {
    let m = 0;
    for (let t = 0; t < T; t++) if (q(parts.weights[f * T + t]) !== 0) m |= 1 << t;
    out.u16(m);
    for (let t = 0; t < T; t++) {
      if (((m >>> t) & 1) === 0) continue;
      const v = q(parts.weights[f * T + t]);
      if (v === 128) {
        out.u8(128);
        out.f32(parts.weights[f * T + t]);
      } else {
        out.i8(v);
      }
    }
  }
  prevKey = 0;
  for (const [k] of gaz) {
    out.varint(k - prevKey);
    prevKey = k;
  }
  for (const [, m] of gaz) out.varint(m >>> 0);
  return out.bytes();
}

class Writer {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private pos = 0;
  private grow(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf);
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.grow(1);
    this.buf[this.pos++] = v;
  }
  i8(v: number): void {
    this.grow(1);
    this.view.setInt8(this.pos++, v);
  }
  u16(v: number): void {
    this.grow(2);
    this.view.setUint16(this.pos, v, true);
    this.pos += 2;
  }
  u32(v: number): void {
    this.grow(4);
    this.view.setUint32(this.pos, v, true);
    this.pos += 4;
  }
  f32(v: number): void {
    this.grow(4);
    this.view.setFloat32(this.pos, v, true);
    this.pos += 4;
  }
  varint(v: number): void {
    while (v >= 0x80) {
      this.u8((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.u8(v);
  }
  bytes(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}
