/**
 * Parse benchmark: parse + all diagnostics + outline against the floor (one indexOf('\n')
 * pass over the same string that classifies each line's first character), on generated
 * corpora of about 20 MB and 50 MB, plus the heap the parse result retains.
 *
 * Run: `npx tsc -p . && node --expose-gc -e "require('./out/bench/parse.bench.js').run()"`.
 */
import { generateCorpus } from './corpus-generator';
import { parseSeed } from '../src/core/parser';
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

function time(fn: () => unknown, runs: number): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
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
  floorMs: number;
  parseMs: number;
  floorMBs: number;
  parseMBs: number;
  ratio: number;
  heapBytes?: number;
  heapRatio?: number;
}

/** Measures one corpus. */
export function measure(label: string, text: string, runs = 5): ParseBenchFigures {
  const bytes = Buffer.byteLength(text, 'utf8');
  let sink = 0;
  // Warm up both paths so the JIT has compiled them before timing.
  for (let i = 0; i < 2; i++) {
    sink += floorScan(text);
    sink += parseSeed(text).documents.length;
  }
  const floorMs = time(() => (sink += floorScan(text)), runs);
  let result: ParseResult | undefined;
  const parseMs = time(() => {
    result = parseSeed(text);
  }, runs);
  const documents = result!.documents.length;
  const diagnostics = result!.diagnostics.length;
  result = undefined;
  let heapBytes: number | undefined;
  if ((globalThis as { gc?: () => void }).gc) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const kept = parseSeed(text);
    gc();
    heapBytes = process.memoryUsage().heapUsed - before;
    sink += kept.documents.length;
  }
  if (sink === -1) console.log('');
  return {
    label, bytes, documents, diagnostics, floorMs, parseMs,
    floorMBs: bytes / MB / (floorMs / 1000), parseMBs: bytes / MB / (parseMs / 1000), ratio: parseMs / floorMs,
    heapBytes, heapRatio: heapBytes === undefined ? undefined : heapBytes / bytes,
  };
}

/** Prints the figures of the parse benchmark (20 MB and 50 MB corpora). */
export async function run(): Promise<ParseBenchFigures[]> {
  const out: ParseBenchFigures[] = [];
  for (const [label, size] of [['20 MB', 20 * MB], ['50 MB', 50 * MB]] as const) {
    let text: string | undefined = generateCorpus({ targetBytes: size, seed: 42, malformedRate: 0.01 });
    const f = measure(label, text);
    text = undefined;
    out.push(f);
    console.log(
      `parse ${f.label}: ${(f.bytes / MB).toFixed(1)} MB, ${f.documents} documents, ${f.diagnostics} diagnostics | ` +
      `floor ${f.floorMs.toFixed(1)} ms (${f.floorMBs.toFixed(0)} MB/s) | parse+diagnostics+outline ${f.parseMs.toFixed(1)} ms ` +
      `(${f.parseMBs.toFixed(0)} MB/s) | ratio ${f.ratio.toFixed(2)}x (target <= 4x) | ` +
      (f.heapBytes === undefined ? 'heap: run with --expose-gc' : `heap +${(f.heapBytes / MB).toFixed(1)} MB = ${f.heapRatio!.toFixed(2)}x file size (target <= 3x)`),
    );
  }
  return out;
}

if (require.main === module) void run();
