/**
 * Training of the entity model: an averaged structured perceptron over BIO tags, Viterbi in the
 * loop. Deterministic: the order of sentences comes from a seeded generator and every
 * container is iterated in insertion order, so the same data and seed give the same bytes.
 *
 * Names seen in the training data are a gazetteer too; so that the model does not learn to
 * trust them blindly (every training name is in it), each half of the training documents sees
 * only the names of the other half. The shipped gazetteer holds all of them.
 */
import { documentFeatures, GAZ_CLASSES, textPhraseHash, type FeatureLine } from './features';
import { CLASSES, decodeLine, EntityModel, encodeModel, TAG_COUNT, tagSpans, type EntityClass, type Scorer, type StrongWeights } from './model';

/** A gold span inside one line (UTF-16 offsets within the line). */
export interface GoldSpan {
  line: number;
  start: number;
  end: number;
  cls: EntityClass;
}

/** One annotated document: its body lines (headline first) and gold spans. */
export interface TrainingDocument {
  lines: string[];
  spans: GoldSpan[];
}

/** Training settings. */
export interface TrainOptions {
  epochs?: number;
  seed?: number;
  /** Features seen fewer times than this in the training data are not learned. */
  minCount?: number;
  /** Phrase hash -> class mask, from lists that do not come from the training data. */
  gazetteer?: Map<number, number>;
  /** Whether training names become a gazetteer (cross-fold, see the module comment). */
  trainGazetteer?: boolean;
  /** How the strongest weights are written (default `clip`, as the committed model). */
  strongWeights?: StrongWeights;
  /** Development documents: scored after each epoch (never trained on). */
  dev?: TrainingDocument[];
  log?: (line: string) => void;
}

/** Span counts per class. */
export type Counts = Record<EntityClass, { tp: number; fp: number; fn: number }>;

/** A small seeded generator (mulberry32). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Tags of each token of each line from gold spans; counts spans whose edges fall inside a token. */
export function goldTags(doc: TrainingDocument, lines: readonly FeatureLine[]): { tags: Uint8Array[]; misaligned: number } {
  let misaligned = 0;
  const tags = lines.map((l) => new Uint8Array(l.tokens.starts.length));
  for (const s of doc.spans) {
    const { starts, ends } = lines[s.line].tokens;
    const cls = CLASSES.indexOf(s.cls);
    let first = -1;
    let last = -1;
    for (let i = 0; i < starts.length; i++) {
      if (ends[i] <= s.start || starts[i] >= s.end) continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first < 0) {
      misaligned++;
      continue;
    }
    if (starts[first] !== s.start || ends[last] !== s.end) misaligned++;
    tags[s.line][first] = 1 + 2 * cls;
    for (let i = first + 1; i <= last; i++) tags[s.line][i] = 2 + 2 * cls;
  }
  return { tags, misaligned };
}

/** The training names as a gazetteer: phrase hash -> mask of the t* classes. */
export function trainingGazetteer(docs: readonly TrainingDocument[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of docs) {
    for (const s of d.spans) {
      const h = textPhraseHash(d.lines[s.line].slice(s.start, s.end));
      if (h === undefined) continue;
      const bit = 1 << GAZ_CLASSES.indexOf(`t${s.cls.toLowerCase()}` as (typeof GAZ_CLASSES)[number]);
      out.set(h, (out.get(h) ?? 0) | bit);
    }
  }
  return out;
}

function union(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
  const out = new Map(a);
  for (const [k, m] of b) out.set(k, (out.get(k) ?? 0) | m);
  return out;
}

/** Counts exact-span matches of predicted and gold spans per class. */
export function scoreDocument(doc: TrainingDocument, lines: readonly FeatureLine[], predicted: readonly Uint8Array[], counts: Counts): void {
  const key = (line: number, start: number, end: number, cls: number): string => `${line}:${start}:${end}:${cls}`;
  const gold = new Set(doc.spans.map((s) => key(s.line, s.start, s.end, CLASSES.indexOf(s.cls))));
  const pred = new Set<string>();
  predicted.forEach((tags, li) => {
    const { starts, ends } = lines[li].tokens;
    for (const [a, b, cls] of tagSpans(tags)) pred.add(key(li, starts[a], ends[b - 1], cls));
  });
  for (const k of pred) counts[CLASSES[Number(k.split(':')[3])]][gold.has(k) ? 'tp' : 'fp']++;
  for (const k of gold) if (!pred.has(k)) counts[CLASSES[Number(k.split(':')[3])]].fn++;
}

/** Empty counts. */
export function emptyCounts(): Counts {
  return { PER: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 }, MISC: { tp: 0, fp: 0, fn: 0 } };
}

/** F1 of counts, over the given classes. */
export function f1(counts: Counts, classes: readonly EntityClass[] = ['PER', 'LOC', 'ORG']): number {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const c of classes) {
    tp += counts[c].tp;
    fp += counts[c].fp;
    fn += counts[c].fn;
  }
  return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
}

/** Scores a model on documents. */
export function evaluate(model: EntityModel, docs: readonly TrainingDocument[]): Counts {
  const counts = emptyCounts();
  const gaz = (h: number): number => model.gazetteer(h);
  for (const d of docs) {
    const lines = documentFeatures(d.lines, gaz);
    scoreDocument(d, lines, lines.map((l) => decodeLine(l, model)), counts);
  }
  return counts;
}

class IndexScorer implements Scorer {
  constructor(private readonly w: Float64Array, private readonly trans: Float64Array) {}
  addWeights(f: number, scores: Float64Array): void {
    const base = f * TAG_COUNT;
    for (let t = 0; t < TAG_COUNT; t++) scores[t] += this.w[base + t];
  }
  transition(from: number, to: number): number {
    return this.trans[(from + 1) * TAG_COUNT + to];
  }
}

/** Trains a model and returns its file bytes (see model.ts for the format). */
export function trainModel(docs: readonly TrainingDocument[], options: TrainOptions = {}): Uint8Array {
  const epochs = options.epochs ?? 8;
  const seed = options.seed ?? 1;
  const minCount = options.minCount ?? 2;
  const log = options.log ?? ((): void => undefined);
  const staticGaz = options.gazetteer ?? new Map<number, number>();
  const useTrainGaz = options.trainGazetteer ?? true;
  const folds = [docs.filter((_, i) => i % 2 === 0), docs.filter((_, i) => i % 2 === 1)];
  const foldGaz = useTrainGaz ? folds.map((f) => union(staticGaz, trainingGazetteer(f))) : [staticGaz, staticGaz];

  // Sentences (lines) with features as hashes, then as indices of the features kept.
  const T = TAG_COUNT;
  const seqs: { line: FeatureLine; gold: Uint8Array }[] = [];
  let misaligned = 0;
  let spans = 0;
  docs.forEach((d, i) => {
    const g = foldGaz[1 - (i % 2)];
    const lines = documentFeatures(d.lines, (h) => g.get(h) ?? 0);
    const gold = goldTags(d, lines);
    misaligned += gold.misaligned;
    spans += d.spans.length;
    lines.forEach((line, li) => {
      if (line.tokens.starts.length > 0) seqs.push({ line, gold: gold.tags[li] });
    });
  });
  const counts = new Map<number, number>();
  for (const { line } of seqs) for (const f of line.feats) counts.set(f, (counts.get(f) ?? 0) + 1);
  const index = new Map<number, number>();
  const hashes: number[] = [];
  for (const [f, c] of counts) {
    if (c < minCount) continue;
    index.set(f, hashes.length);
    hashes.push(f);
  }
  log(`${docs.length} documents, ${seqs.length} lines, ${spans} gold spans (${misaligned} not on token edges), ${counts.size} features, ${hashes.length} seen >= ${minCount} times`);
  const indexed = seqs.map(({ line, gold }) => {
    const feats: number[] = [];
    const offsets = new Uint32Array(line.offsets.length);
    for (let i = 0; i + 1 < line.offsets.length; i++) {
      offsets[i] = feats.length;
      for (let k = line.offsets[i]; k < line.offsets[i + 1]; k++) {
        const j = index.get(line.feats[k]);
        if (j !== undefined) feats.push(j);
      }
    }
    offsets[offsets.length - 1] = feats.length;
    return { line: { ...line, feats: Uint32Array.from(feats), offsets }, gold };
  });

  const F = hashes.length;
  const w = new Float64Array(F * T);
  const u = new Float64Array(F * T);
  const trans = new Float64Array((T + 1) * T);
  const transU = new Float64Array((T + 1) * T);
  const scorer = new IndexScorer(w, trans);
  const random = seededRandom(seed);
  const order = indexed.map((_, i) => i);
  let c = 1;
  const runtimeGaz = union(staticGaz, useTrainGaz ? trainingGazetteer(docs) : new Map());
  const averaged = (): { weights: Float64Array; transitions: Float64Array } => {
    const weights = new Float64Array(F * T);
    for (let i = 0; i < weights.length; i++) weights[i] = w[i] - u[i] / c;
    const transitions = new Float64Array(trans.length);
    for (let i = 0; i < trans.length; i++) transitions[i] = trans[i] - transU[i] / c;
    return { weights, transitions };
  };
  const encode = (): Uint8Array => encodeModel({ features: Uint32Array.from(hashes), ...averaged(), gazetteer: runtimeGaz }, undefined, options.strongWeights ?? 'clip');
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errors = 0;
    for (const si of order) {
      const { line, gold } = indexed[si];
      const pred = decodeLine(line, scorer, false);
      let prevG = -1;
      let prevP = -1;
      for (let i = 0; i < gold.length; i++) {
        const g = gold[i];
        const p = pred[i];
        if (g !== p) {
          errors++;
          for (let k = line.offsets[i]; k < line.offsets[i + 1]; k++) {
            const base = line.feats[k] * T;
            w[base + g] += 1;
            u[base + g] += c;
            w[base + p] -= 1;
            u[base + p] -= c;
          }
        }
        if (g !== p || prevG !== prevP) {
          const gi = (prevG + 1) * T + g;
          const pi = (prevP + 1) * T + p;
          trans[gi] += 1;
          transU[gi] += c;
          trans[pi] -= 1;
          transU[pi] -= c;
        }
        prevG = g;
        prevP = p;
      }
      c++;
    }
    let devText = '';
    if (options.dev && options.dev.length > 0) {
      const bytes = encode();
      const counts = evaluate(EntityModel.decode(bytes), options.dev);
      devText = `; dev F1 ${f1(counts).toFixed(4)} (PER ${f1(counts, ['PER']).toFixed(3)}, LOC ${f1(counts, ['LOC']).toFixed(3)}, ORG ${f1(counts, ['ORG']).toFixed(3)}, MISC ${f1(counts, ['MISC']).toFixed(3)}), ${bytes.length} bytes`;
    }
    log(`epoch ${epoch}: ${errors} token errors${devText}`);
  }
  return encode();
}
