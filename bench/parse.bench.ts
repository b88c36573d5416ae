/**
 * Parse benchmark: parse + all diagnostics + outline against the floor (one indexOf('\n')
 * pass over the same string that classifies each line's first character), on generated
 * corpora of about 20 MB and 50 MB, plus the heap the parse result retains.
 *
 * Run: `npx tsc -p . && node --expose-gc -e "require('./out/bench/parse.bench.js').run()"`
 * (SEED_BENCH_RUNS=n for more interleaved runs). Other processes on the machine inflate the
 * parse figure far more than the floor (the parse allocates and collects; the floor does not),
 * so compare the "best runs" ratio on a busy machine.
 */
import { generateCorpus } from './corpus-generator';
import { parseSeed } from '../src/core/parser';
import { forEachParagraph } from '../src/core/parsed-document';
import { carryOver } from '../src/core/document-memo';
import { summarizeDocuments } from '../src/core/summary';
import { WorkspaceIndex } from '../src/core/workspace-checks';
import { UnchangedEnds } from '../src/core/unchanged-ends';
import type { ParseResult } from '../src/core/types';

const MB = 1e6;

/** The floor: find every line and look at its first character, nothing else. */
export function floorScan(text: string): number {
  let pos = 0;
  let marks = 0;
  let lines = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    const c = text.charCodeAt(pos);
    if (c === 60 || c === 62 || c === 35) marks++;
    lines++;
    if (nl < 0) break;
    pos = nl + 1;
  }
  return marks + lines;
}

/**
 * Parse, then read every paragraph's text and every document's attribute list once. A parse
 * keeps paragraphs as offsets and reads attributes again on first use, so this is the parse
 * plus all the work it defers.
 */
export function parseAndReadAll(text: string): number {
  let chars = 0;
  for (const doc of parseSeed(text).documents) {
    forEachParagraph(doc, (_line, paragraph) => {
      chars += paragraph.length;
    });
    chars += doc.attributes.length;
  }
  return chars;
}

/** Median and best of the samples, in ms. */
function stats(samples: number[]): { median: number; min: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0] };
}

function timeOnce(fn: () => unknown): number {
  const t = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

/** Figures of one corpus size. */
export interface ParseBenchFigures {
  label: string;
  bytes: number;
  documents: number;
  diagnostics: number;
  /** Medians (ms) over interleaved runs, and the best runs. */
  floorMs: number;
  parseMs: number;
  floorBestMs: number;
  parseBestMs: number;
  floorMBs: number;
  parseMBs: number;
  /** parse / floor, from the medians and from the best runs. */
  ratio: number;
  ratioBest: number;
  /** Parse and then read every paragraph's text and attribute list (median ms), and its ratio to the floor. */
  readAllMs: number;
  readAllRatio: number;
  heapBytes?: number;
  heapRatio?: number;
}

/** Measures one corpus. */
/**
 * The heap the parse result of `text` retains, in bytes (undefined without --expose-gc). Kept
 * in its own function, called before any timing, so no stale reference to an earlier result
 * can sit in the caller's frame.
 */
export function retainedHeap(text: string): number | undefined {
  if (!(globalThis as { gc?: () => void }).gc) return undefined;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = parseSeed(text);
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  return kept.documents.length >= 0 ? grown : grown;
}

export function measure(label: string, text: string, runs = 9): ParseBenchFigures {
  const bytes = Buffer.byteLength(text, 'utf8');
  const heapBytes = retainedHeap(text);
  let sink = 0;
  // Warm up both paths so the JIT has compiled them before timing.
  for (let i = 0; i < 2; i++) {
    sink += floorScan(text);
    sink += parseSeed(text).documents.length;
  }
  // Interleaved so that load from other processes hits both sides alike.
  const floorSamples: number[] = [];
  const parseSamples: number[] = [];
  const readAllSamples: number[] = [];
  let result: ParseResult | undefined;
  for (let i = 0; i < runs; i++) {
    // Collect the previous result first (untimed): the figure is the cost of one parse, not
    // of cleaning up after the last one.
    result = undefined;
    gc();
    floorSamples.push(timeOnce(() => (sink += floorScan(text))));
    parseSamples.push(timeOnce(() => {
      result = parseSeed(text);
    }));
    result = undefined;
    gc();
    readAllSamples.push(timeOnce(() => (sink += parseAndReadAll(text))));
    result = parseSeed(text);
  }
  const readAll = stats(readAllSamples);
  const floor = stats(floorSamples);
  const parse = stats(parseSamples);
  const floorMs = floor.median;
  const parseMs = parse.median;
  const documents = result!.documents.length;
  const diagnostics = result!.diagnostics.length;
  result = undefined;
  if (sink === -1) console.log('');
  return {
    label, bytes, documents, diagnostics, floorMs, parseMs, floorBestMs: floor.min, parseBestMs: parse.min,
    floorMBs: bytes / MB / (floorMs / 1000), parseMBs: bytes / MB / (parseMs / 1000), ratio: parseMs / floorMs,
    ratioBest: parse.min / floor.min,
    readAllMs: readAll.median, readAllRatio: readAll.median / floorMs,
    heapBytes, heapRatio: heapBytes === undefined ? undefined : heapBytes / bytes,
  };
}

/** What the extension host does with a new version of an open file, in ms (medians). */
export interface EditFigures {
  /** Parse, document summaries and the cross-file index, everything computed afresh. */
  fresh: number;
  /** The same after a one-character edit, with per-document values carried from the version before. */
  carried: number;
  carriedDocuments: number;
  documents: number;
}

/**
 * After a one-character edit in a paragraph in the middle of `text`: the work on the new version
 * without and with the values carried over from the previous one (see core/document-memo).
 */
export function measureEdit(text: string, runs = 7): EditFigures {
  const update = (result: ParseResult) => {
    summarizeDocuments(result);
    new WorkspaceIndex().update({ uri: 'file:///bench.seed', result });
  };
  const middle = text.indexOf('\n<<< ', text.length >> 1);
  const offset = text.indexOf('\n', text.indexOf('\n', middle + 1) + 1) + 1; // the headline's next line
  const edited = text.slice(0, offset) + 'x' + text.slice(offset);
  const fresh: number[] = [];
  const carried: number[] = [];
  let carriedDocuments = 0;
  let documents = 0;
  for (let i = 0; i < runs; i++) {
    gc();
    fresh.push(timeOnce(() => update(parseSeed(edited))));
    const previous = parseSeed(text);
    update(previous);
    gc();
    carried.push(timeOnce(() => {
      const ends = new UnchangedEnds(text.length);
      ends.apply([{ rangeOffset: offset, rangeLength: 0, insertedLength: 1 }]);
      const next = parseSeed(edited);
      carriedDocuments = carryOver(previous, next, ends);
      documents = next.documents.length;
      update(next);
    }));
  }
  return { fresh: stats(fresh).median, carried: stats(carried).median, carriedDocuments, documents };
}

/** Prints the figures of the parse benchmark (20 MB and 50 MB corpora). */
export async function run(): Promise<ParseBenchFigures[]> {
  const out: ParseBenchFigures[] = [];
  for (const [label, size] of [['20 MB', 20 * MB], ['50 MB', 50 * MB]] as const) {
    let text: string | undefined = generateCorpus({ targetBytes: size, seed: 42, malformedRate: 0.01 });
    const f = measure(label, text, Number(process.env.SEED_BENCH_RUNS ?? 9));
    const edit = label === '20 MB' ? measureEdit(text) : undefined;
    text = undefined;
    out.push(f);
    console.log(
      `parse ${f.label}: ${(f.bytes / MB).toFixed(1)} MB, ${f.documents} documents, ${f.diagnostics} diagnostics | ` +
      `floor ${f.floorMs.toFixed(1)} ms (${f.floorMBs.toFixed(0)} MB/s) | parse+diagnostics+outline ${f.parseMs.toFixed(1)} ms ` +
      `(${f.parseMBs.toFixed(0)} MB/s) | ratio ${f.ratio.toFixed(2)}x median, ${f.ratioBest.toFixed(2)}x best runs ` +
      `(${f.parseBestMs.toFixed(1)} / ${f.floorBestMs.toFixed(1)} ms) (target <= 4x) | ` +
      `then reading every paragraph's text and attribute list ${f.readAllMs.toFixed(1)} ms = ${f.readAllRatio.toFixed(2)}x floor | ` +
      (f.heapBytes === undefined ? 'heap: run with --expose-gc' : `heap +${(f.heapBytes / MB).toFixed(1)} MB = ${f.heapRatio!.toFixed(2)}x file size (target <= 3x)`),
    );
    if (edit) {
      console.log(
        `edit ${label}: a one-character edit, then parse + summaries + cross-file index: ${edit.fresh.toFixed(1)} ms computed afresh, ` +
        `${edit.carried.toFixed(1)} ms with ${edit.carriedDocuments} of ${edit.documents} documents carried over (${(edit.fresh / edit.carried).toFixed(1)}x less)`,
      );
    }
  }
  return out;
}

if (require.main === module) void run();
