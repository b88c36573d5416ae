/**
 * Evaluates entity extraction against gold annotations in the seed + JSON Lines form.
 *
 * Usage: npm run eval:entities -- SEED GOLD [--model MODEL] [--quick]
 *
 * Prints precision / recall / F1 per type (PER, LOC, ORG) and overall, exact span match, MISC
 * ignored, for raw compromise, the previous rule pipeline (compromise + rules + corpus votes),
 * the model alone, and the model with each corpus consolidation vote, all in one run.
 * `--quick` leaves out compromise and the rule pipeline (the slow ones).
 */
import { readFileSync } from 'node:fs';
import nlp from 'compromise';
import { readAnnotated, runScript, type AnnotatedDocument } from './entity-data';
import { extractDocument } from '../src/core/entities/extract';
import { extractDocumentRules } from '../src/core/entities/rules';
import { consolidateCorpus, DEFAULT_CONSOLIDATION, type ConsolidationOptions } from '../src/core/entities/consolidate';
import { EntityModel } from '../src/core/entities/ner/model';
import { entityModelPath } from '../src/entity-model-file';
import type { DocumentExtraction, EntityType } from '../src/core/entities/types';

type Gold = 'PER' | 'LOC' | 'ORG';
const TYPES: Gold[] = ['PER', 'LOC', 'ORG'];
const TO_GOLD: Record<EntityType, Gold> = { person: 'PER', place: 'LOC', organization: 'ORG' };

interface Span {
  type: Gold;
  start: number;
  end: number;
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function lineStarts(doc: AnnotatedDocument): number[] {
  const starts: number[] = [];
  let off = 0;
  for (const l of doc.lines) {
    starts.push(off);
    off += l.length + 1;
  }
  return starts;
}

/** Raw compromise on the whole body: people(), places(), organizations(), term-exact offsets. */
function rawCompromise(doc: AnnotatedDocument): Span[] {
  const d = nlp(doc.lines.join('\n'));
  const out: Span[] = [];
  const views: [Gold, { json: (o: object) => unknown }][] = [['PER', d.people()], ['LOC', d.places()], ['ORG', d.organizations()]];
  for (const [type, view] of views) {
    for (const m of view.json({ offset: true }) as { terms: { offset: { start: number; length: number } }[] }[]) {
      const first = m.terms[0];
      const last = m.terms[m.terms.length - 1];
      if (!first || !last) continue;
      out.push({ type, start: first.offset.start, end: last.offset.start + last.offset.length });
    }
  }
  return out;
}

function score(pred: Span[], gold: Span[], counts: Record<Gold, Counts>): void {
  const key = (s: Span): string => `${s.type}:${s.start}:${s.end}`;
  const goldSet = new Set(gold.map(key));
  const predSet = new Set(pred.map(key));
  for (const k of predSet) counts[k.split(':')[0] as Gold][goldSet.has(k) ? 'tp' : 'fp']++;
  for (const k of goldSet) if (!predSet.has(k)) counts[k.split(':')[0] as Gold].fn++;
}

function prf(c: Counts): string {
  const p = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}`;
}

function main(): void {
  const args = process.argv.slice(2);
  const quick = args.includes('--quick');
  const mi = args.indexOf('--model');
  const modelPath = mi >= 0 ? args[mi + 1] : entityModelPath();
  const positional = args.filter((a, i) => !a.startsWith('--') && (mi < 0 || i !== mi + 1));
  if (positional.length !== 2) {
    console.error('usage: npm run eval:entities -- SEED GOLD [--model MODEL] [--quick]');
    process.exit(2);
  }
  const [seedPath, goldPath] = positional;
  const { docs } = readAnnotated(seedPath, goldPath);
  const gold = docs.map((d) => {
    const starts = lineStarts(d);
    return d.spans.filter((s) => s.cls !== 'MISC').map((s) => ({ type: s.cls as Gold, start: starts[s.line] + s.start, end: starts[s.line] + s.end }));
  });
  const toSpans = (doc: AnnotatedDocument, mentions: readonly { line: number; start: number; end: number; type: EntityType }[]): Span[] => {
    const starts = lineStarts(doc);
    return mentions.map((m) => ({ type: TO_GOLD[m.type], start: starts[m.line - doc.bodyStartLine] + m.start, end: starts[m.line - doc.bodyStartLine] + m.end }));
  };
  const words = docs.reduce((n, d) => n + d.lines.reduce((m, l) => m + l.split(/\s+/).filter((w) => w.length > 0).length, 0), 0);
  const t0 = performance.now();
  const model = EntityModel.decode(readFileSync(modelPath));
  console.log(`${docs.length} documents, ${words} words; model ${model.version} (${model.byteLength} bytes, decoded in ${(performance.now() - t0).toFixed(0)} ms)`);

  const systems: [string, () => Span[][]][] = [];
  const timed = (label: string, run: () => DocumentExtraction[]): DocumentExtraction[] => {
    const t = performance.now();
    const out = run();
    const ms = performance.now() - t;
    console.log(`  ${label}: ${ms.toFixed(0)} ms, ${Math.round(words / (ms / 1000))} words/s`);
    return out;
  };
  const consolidated = (ex: DocumentExtraction[], options: ConsolidationOptions): Span[][] =>
    consolidateCorpus(docs.map((d, i) => ({ uri: seedPath, docId: d.id, extraction: ex[i] })), undefined, options)
      .documents.map((r, i) => toSpans(docs[i], r.mentions));
  if (!quick) {
    systems.push(['(a) raw compromise', () => docs.map(rawCompromise)]);
    const rules = timed('rule pipeline extraction', () => docs.map((d) => extractDocumentRules(d.entityLines)));
    systems.push(['(b) previous rule pipeline (compromise + rules + corpus consolidation with type votes)',
      () => consolidated(rules, { typeVote: true, linkShortForms: true, recoverCandidates: true })]);
  }
  const alone = timed('model extraction', () => docs.map((d) => extractDocument(d.entityLines, model, { documentConsistency: false })));
  const consistent = docs.map((d) => extractDocument(d.entityLines, model));
  const none = { typeVote: false, linkShortForms: false, recoverCandidates: false };
  systems.push(['(c) model alone', () => docs.map((d, i) => toSpans(d, alone[i].mentions))]);
  systems.push(['(c1) model + one type per name in a document (person/place conflicts)', () => docs.map((d, i) => toSpans(d, consistent[i].mentions))]);
  systems.push(['(c2) (c1) + corpus type vote', () => consolidated(consistent, { ...none, typeVote: true })]);
  systems.push(['(c3) (c1) + short forms linked to full names', () => consolidated(consistent, { ...none, linkShortForms: true })]);
  systems.push(['(c4) (c1) + untagged repeats of names tagged elsewhere', () => consolidated(consistent, { ...none, recoverCandidates: true })]);
  systems.push([`(d) the extension's pipeline: (c1) + ${Object.entries(DEFAULT_CONSOLIDATION).filter(([, v]) => v).map(([k]) => k).join(' + ')}`,
    () => consolidated(consistent, DEFAULT_CONSOLIDATION)]);
  for (const [name, predict] of systems) {
    const preds = predict();
    const counts: Record<Gold, Counts> = { PER: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 } };
    preds.forEach((p, i) => score(p, gold[i], counts));
    const all: Counts = { tp: 0, fp: 0, fn: 0 };
    console.log(`\n${name}`);
    for (const t of TYPES) {
      console.log(`    ${t}      ${prf(counts[t])}   (tp ${counts[t].tp}, fp ${counts[t].fp}, fn ${counts[t].fn})`);
      all.tp += counts[t].tp;
      all.fp += counts[t].fp;
      all.fn += counts[t].fn;
    }
    console.log(`    overall  ${prf(all)}`);
  }
}

runScript('eval:entities', main);
