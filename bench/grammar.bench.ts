import * as vsctm from 'vscode-textmate';
import { loadSeedGrammar } from '../test/unit/grammar-helpers';
import { generateCorpus } from './corpus-generator';


interface Pass {
  totalMs: number;
  perLineMs: Float64Array;
}

/** Tokenizes every line, carrying the rule stack like the editor does, timing each line. */
function tokenizeAll(grammar: vsctm.IGrammar, lines: string[]): Pass {
  let ruleStack: vsctm.StateStack = vsctm.INITIAL;
  const perLineMs = new Float64Array(lines.length);
  const start = process.hrtime.bigint();
  for (let i = 0; i < lines.length; i++) {
    const t0 = process.hrtime.bigint();
    ruleStack = grammar.tokenizeLine2(lines[i], ruleStack).ruleStack;
    perLineMs[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  return { totalMs: Number(process.hrtime.bigint() - start) / 1e6, perLineMs };
}

/**
 * Runs several passes; throughput is the best pass, and a line's time is its minimum over the
 * passes, so a GC pause landing on a short line is not reported as the grammar's slowest line.
 */
function measure(grammar: vsctm.IGrammar, lines: string[], passes: number): { totalMs: number; slowestMs: number; slowestLine: number } {
  const runs = Array.from({ length: passes }, () => tokenizeAll(grammar, lines));
  let slowestMs = -1;
  let slowestLine = 0;
  for (let i = 0; i < lines.length; i++) {
    const ms = Math.min(...runs.map((r) => r.perLineMs[i]));
    if (ms > slowestMs) {
      slowestMs = ms;
      slowestLine = i;
    }
  }
  return { totalMs: Math.min(...runs.map((r) => r.totalMs)), slowestMs, slowestLine };
}

/** Lines built to hurt regex engines: long unmatched quotes, apostrophe runs, marker runs, long digits. */
function adversarialLines(): string[] {
  const big = 200_000;
  return [
    '<<< 000_0f5d7b9424756893 status=approved',
    'headline',
    '“'.repeat(big),
    '‘' + 'Zelensky’s '.repeat(big / 11),
    '"'.repeat(big - 1),
    '1,'.repeat(big / 2),
    '<'.repeat(big),
    '>'.repeat(big),
    ('« ' + '1_'.repeat(10)).repeat(big / 22),
    `<<< ${'0'.repeat(big)}_${'a'.repeat(16)} ${'k=v '.repeat(big / 4)}`,
    `<<< 001_0f5d7b9424756893 note="${'\\"'.repeat(big / 2)}`,
    `<<< 002_0f5d7b9424756893 ${'a="b'.repeat(big / 4)}`,
  ];
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Benchmarks the seed TextMate grammar on a ~5 MB corpus and on adversarial lines. */
export async function run(): Promise<void> {
  const grammar = await loadSeedGrammar();
  const source = 'bench/corpus-generator.ts';
  const corpus = generateCorpus({ targetBytes: 5 * 1024 * 1024, seed: 42, malformedRate: 0.05 });
  const lines = corpus.split(/\r?\n/);
  const mb = Buffer.byteLength(corpus) / (1024 * 1024);

  tokenizeAll(grammar, lines.slice(0, 2000)); // warm up the regex caches and the JIT
  const corpusRun = measure(grammar, lines, 3);
  const slow = lines[corpusRun.slowestLine];
  console.log(`grammar bench: corpus from ${source}: ${fmt(mb, 2)} MB, ${fmt(lines.length)} lines`);
  console.log(`  tokenizeLine2, carried rule stack, best of 3: ${fmt(corpusRun.totalMs)} ms, ${fmt(lines.length / (corpusRun.totalMs / 1000))} lines/s, ${fmt(mb / (corpusRun.totalMs / 1000), 2)} MB/s`);
  console.log(`  slowest line (min of 3): #${corpusRun.slowestLine + 1} ${fmt(corpusRun.slowestMs, 3)} ms (${slow.length} chars): ${JSON.stringify(slow.slice(0, 80))}`);

  const adversarial = adversarialLines();
  const adv = measure(grammar, adversarial, 2);
  const advMb = adversarial.reduce((n, l) => n + Buffer.byteLength(l), 0) / (1024 * 1024);
  const advSlow = adversarial[adv.slowestLine];
  console.log(`  adversarial lines (${adversarial.length}, ${fmt(advMb, 2)} MB): ${fmt(adv.totalMs)} ms total`);
  console.log(`  slowest adversarial line: ${fmt(adv.slowestMs, 1)} ms (${advSlow.length} chars): ${JSON.stringify(advSlow.slice(0, 80))}`);
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
