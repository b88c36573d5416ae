/**
 * Evaluates entity extraction against CoNLL-style gold annotations.
 *
 * Usage: npm run eval:entities -- [SEED] [GOLD]
 * (defaults: test/fixtures/conll/conll2003-dev.seed and .gold.jsonl)
 *
 * Prints precision / recall / F1 per type (PER, LOC, ORG) and overall, exact span match, MISC
 * ignored, for raw compromise and for our pipeline, on the first half of the documents (the
 * half rules were tuned on), the second half (held out) and all documents.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import nlp from 'compromise';
import { parseSeed } from '../src/core/parser';
import { documentBodyLines, extractDocument } from '../src/core/entities/extract';
import { consolidateCorpus } from '../src/core/entities/consolidate';
import type { EntityLine, EntityType } from '../src/core/entities/types';

type Gold = 'PER' | 'LOC' | 'ORG';
const TYPES: Gold[] = ['PER', 'LOC', 'ORG'];
const TO_GOLD: Record<EntityType, Gold> = { person: 'PER', place: 'LOC', organization: 'ORG' };

interface Doc {
  id: string;
  /** The lines to extract from (from the parser when it is available). */
  lines?: EntityLine[];
  /** File line of the first body line. */
  bodyStartLine: number;
  /** All body lines (blank ones included), for offsets. */
  bodyLines: string[];
}

interface Span {
  type: Gold;
  start: number;
  end: number;
}

/** Reads documents with the project parser, or a minimal local reader while the parser is unavailable. */
function readDocs(text: string, fileName: string): { docs: Doc[]; reader: string } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  try {
    const parsed = parseSeed(text, { fileName });
    const docs = parsed.documents.map((d) => ({
      id: d.id,
      bodyStartLine: d.bodyStartLine,
      bodyLines: d.bodyEndLine >= d.bodyStartLine ? lines.slice(d.bodyStartLine, d.bodyEndLine + 1) : [],
      lines: documentBodyLines(d),
    }));
    return { docs, reader: 'parseSeed' };
  } catch (e) {
    if (!String(e).includes('not built yet')) throw e;
  }
  const docs: Doc[] = [];
  let cur: Doc | undefined;
  lines.forEach((line, i) => {
    const open = /^<<< (\S+)/.exec(line);
    if (open) {
      cur = { id: open[1], bodyStartLine: i + 1, bodyLines: [] };
      docs.push(cur);
    } else if (/^>>> /.test(line)) {
      cur = undefined;
    } else if (cur) {
      cur.bodyLines.push(line);
    }
  });
  return { docs, reader: 'local reader (parseSeed not built yet)' };
}

function entityLines(doc: Doc): EntityLine[] {
  if (doc.lines) return doc.lines;
  return doc.bodyLines
    .map((text, i) => ({ line: doc.bodyStartLine + i, text }))
    .filter((l) => l.text.trim().length > 0);
}

function lineStarts(doc: Doc): number[] {
  const starts: number[] = [];
  let off = 0;
  for (const l of doc.bodyLines) {
    starts.push(off);
    off += l.length + 1;
  }
  return starts;
}

/** Raw compromise on the whole body: people(), places(), organizations(), term-exact offsets. */
function rawCompromise(doc: Doc): Span[] {
  const body = doc.bodyLines.join('\n');
  const d = nlp(body);
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

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function score(pred: Span[], gold: Span[], counts: Record<Gold, Counts>): void {
  const key = (s: Span): string => `${s.type}:${s.start}:${s.end}`;
  const goldSet = new Set(gold.map(key));
  const predSet = new Set(pred.map(key));
  for (const k of predSet) counts[k.split(':')[0] as Gold][goldSet.has(k) ? 'tp' : 'fp']++;
  for (const k of goldSet) if (!predSet.has(k)) counts[k.split(':')[0] as Gold].fn++;
}

function emptyCounts(): Record<Gold, Counts> {
  return { PER: { tp: 0, fp: 0, fn: 0 }, LOC: { tp: 0, fp: 0, fn: 0 }, ORG: { tp: 0, fp: 0, fn: 0 } };
}

function prf(c: Counts): string {
  const p = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const r = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f = p + r === 0 ? 0 : (2 * p * r) / (p + r);
  return `P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f.toFixed(3)}`;
}

function report(title: string, counts: Record<Gold, Counts>): void {
  const all: Counts = { tp: 0, fp: 0, fn: 0 };
  console.log(`  ${title}`);
  for (const t of TYPES) {
    console.log(`    ${t}      ${prf(counts[t])}   (tp ${counts[t].tp}, fp ${counts[t].fp}, fn ${counts[t].fn})`);
    all.tp += counts[t].tp;
    all.fp += counts[t].fp;
    all.fn += counts[t].fn;
  }
  console.log(`    overall  ${prf(all)}`);
}

function main(): void {
  const root = process.cwd();
  const seedPath = process.argv[2] ?? path.join(root, 'test/fixtures/conll/conll2003-dev.seed');
  const goldPath = process.argv[3] ?? path.join(root, 'test/fixtures/conll/conll2003-dev.gold.jsonl');
  const { docs, reader } = readDocs(readFileSync(seedPath, 'utf8'), path.basename(seedPath));
  const gold = new Map<string, Span[]>();
  for (const line of readFileSync(goldPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const g = JSON.parse(line) as { id: string; entities: { type: string; start: number; end: number }[] };
    gold.set(g.id, g.entities.filter((e) => e.type !== 'MISC').map((e) => ({ type: e.type as Gold, start: e.start, end: e.end })));
  }

  const t0 = performance.now();
  const extractions = docs.map((d) => extractDocument(entityLines(d)));
  const t1 = performance.now();
  const consolidated = consolidateCorpus(docs.map((d, i) => ({ uri: seedPath, docId: d.id, extraction: extractions[i] })));
  const t2 = performance.now();

  const toSpans = (doc: Doc, mentions: { line: number; start: number; end: number; type: EntityType }[]): Span[] => {
    const starts = lineStarts(doc);
    return mentions.map((m) => ({ type: TO_GOLD[m.type], start: starts[m.line - doc.bodyStartLine] + m.start, end: starts[m.line - doc.bodyStartLine] + m.end }));
  };

  const half = Math.ceil(docs.length / 2);
  const parts: [string, number, number][] = [['first half (tuning)', 0, half], ['second half (held out)', half, docs.length], ['all documents', 0, docs.length]];
  const systems: [string, (i: number) => Span[]][] = [
    ['(a) raw compromise', (i) => rawCompromise(docs[i])],
    ['(b1) our extraction, per document', (i) => toSpans(docs[i], extractions[i].mentions)],
    ['(b2) our pipeline (extraction + corpus consolidation)', (i) => toSpans(docs[i], consolidated.documents[i].mentions)],
  ];
  const words = extractions.reduce((n, e) => n + e.words, 0);
  console.log(`${docs.length} documents read with the ${reader}; ${gold.size} gold documents; ${words} words`);
  console.log(`extraction ${(t1 - t0).toFixed(0)} ms (${Math.round(words / ((t1 - t0) / 1000))} words/s), consolidation ${(t2 - t1).toFixed(0)} ms`);
  for (const [name, predict] of systems) {
    console.log(`\n${name}`);
    const preds = docs.map((_, i) => predict(i));
    for (const [title, from, to] of parts) {
      const counts = emptyCounts();
      for (let i = from; i < to; i++) score(preds[i], gold.get(docs[i].id) ?? [], counts);
      report(`${title} (${to - from} docs)`, counts);
    }
  }
}

main();
