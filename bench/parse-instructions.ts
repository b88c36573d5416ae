/**
 * Instruction counts of the parse and of its floor under valgrind's callgrind: a figure that does
 * not move with the machine's load, clock, caches or memory system the way times do (the same
 * commit measured 3.6x the floor here and 7.9x on another machine). Counted: every instruction
 * the process executes, garbage collection and compilation included, with V8 run single-threaded
 * (--single-threaded) so that helper threads do not add noise. V8 sizes its heap from measured
 * times, which valgrind and the machine's load change, so the parse's count (which allocates)
 * moves by up to about 10 % from run to run; SEED_BENCH_PREDICTABLE_GC=1 adds
 * --predictable-gc-schedule, which fixes that schedule (runs agree within 1 %) but is not the one
 * V8 uses in the editor: smaller young generation, more collections, a higher parse count.
 *
 * How: each count is a whole node process (reading the corpus, two warm-up runs, then R runs of
 * the work, each after a full collection, whose own count is measured apart and subtracted); the
 * count for one run is the difference between a large and a small R divided by their difference,
 * so start-up, reading the file and the JIT's warm-up cancel out. What a run leaves to collect
 * (the previous parse's result) stays in its count: it is part of what a parse costs. About 10
 * minutes for both corpora on a quiet 2-core machine; SEED_BENCH_INSTRUCTIONS=0 skips it.
 *
 * Run by `npm run bench -- parse` (after the timings), or alone:
 *   node out/bench/parse-instructions.js            (20 MB and 50 MB)
 *   node out/bench/parse-instructions.js run KIND REPS FILE   (the measured child: KIND gc|floor|parse)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateCorpus } from './corpus-generator';
import { floorScan } from './parse.bench';
import { parseSeed } from '../src/core/parser';

const WARMUP = 2;
/** SEED_BENCH_PREDICTABLE_GC=1: V8's fixed collection schedule (see the module comment). */
const PREDICTABLE_GC = process.env.SEED_BENCH_PREDICTABLE_GC === '1';
/** Runs counted in the two processes of a kind: the floor is cheap, so it gets more to average its JIT noise. */
const REPS = { gc: [1, 9], floor: [1, 9], parse: [1, 4] } as const;

/**
 * The child's work: `reps` runs of the floor or the parse over the file, after a warm-up, each
 * after a full garbage collection (as in the timed benchmark), so that every run starts from the
 * same heap and the counts do not depend on where a major collection happens to fall. Kind `gc`
 * does only the collections: its count is subtracted from the other two.
 */
function work(kind: string, reps: number, file: string): void {
  const text = fs.readFileSync(file, 'utf8');
  const once = kind === 'floor' ? () => floorScan(text) : kind === 'parse' ? () => parseSeed(text).documents.length : () => 0;
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run the child with --expose-gc');
  let sink = 0;
  for (let i = 0; i < WARMUP + reps; i++) {
    gc();
    sink += once();
  }
  if (sink === -1) console.log('');
}

/** Instructions executed by `node THIS run KIND REPS FILE` under callgrind. */
function countRun(kind: string, reps: number, file: string): number {
  const result = spawnSync('valgrind', [
    '--tool=callgrind', '--callgrind-out-file=/dev/null',
    process.execPath, '--single-threaded', ...(PREDICTABLE_GC ? ['--predictable-gc-schedule'] : []), '--expose-gc', __filename, 'run', kind, String(reps), file,
  ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const match = /Collected\s*:\s*(\d+)/.exec(result.stderr ?? '') ?? /refs:\s*([\d,]+)/.exec(result.stderr ?? '');
  if (result.status !== 0 || !match) throw new Error(`valgrind failed (exit ${result.status}): ${(result.stderr ?? '').slice(-2000)}`);
  return Number(match[1].replace(/,/g, ''));
}

/** Instructions of one run of `kind` over the file (see the module comment). */
export function instructionsPerRun(kind: 'gc' | 'floor' | 'parse', file: string): number {
  const [few, many] = REPS[kind];
  return (countRun(kind, many, file) - countRun(kind, few, file)) / (many - few);
}

/** Whether valgrind can be run here. */
export function hasValgrind(): boolean {
  return spawnSync('valgrind', ['--version'], { encoding: 'utf8' }).status === 0;
}

/** Counts and prints the instructions of the parse and the floor on the benchmark's corpora. */
export function runInstructionCounts(sizes: readonly [string, number][] = [['20 MB', 20e6], ['50 MB', 50e6]]): { label: string; floor: number; parse: number }[] {
  if (!hasValgrind()) {
    console.log('instructions: valgrind is not installed, no instruction counts (Debian: apt-get install valgrind)');
    return [];
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-parse-instructions-'));
  const out: { label: string; floor: number; parse: number }[] = [];
  try {
    for (const [label, size] of sizes) {
      const file = path.join(dir, 'corpus.seed');
      // The same corpus as the timed benchmark (parse.bench.ts run()).
      fs.writeFileSync(file, generateCorpus({ targetBytes: size, seed: 42, malformedRate: 0.01 }));
      const collections = instructionsPerRun('gc', file);
      const floor = instructionsPerRun('floor', file) - collections;
      const parse = instructionsPerRun('parse', file) - collections;
      out.push({ label, floor, parse });
      console.log(`instructions ${label} (callgrind, one run): floor ${(floor / 1e6).toFixed(1)} M, parse+diagnostics+outline ${(parse / 1e6).toFixed(1)} M, `
        + `ratio ${(parse / floor).toFixed(2)}x (target <= 4x); the full collection before each run, ${(collections / 1e6).toFixed(1)} M, subtracted from both`
        + (PREDICTABLE_GC ? '; predictable GC schedule' : ''));
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (require.main === module) {
  const [mode, kind, reps, file] = process.argv.slice(2);
  if (mode === 'run') work(kind, Number(reps), file);
  else runInstructionCounts();
}
