import * as path from 'node:path';
import * as vsctm from 'vscode-textmate';
import { loadSeedGrammar } from '../test/unit/grammar-helpers';

interface CorpusOptions {
  targetBytes: number;
  seed: number;
  malformedRate: number;
}
type CorpusGenerator = (options: CorpusOptions) => string;

/** Deterministic PRNG so runs are comparable. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'Russia is now on the back foot in the war against Ukraine Russian troops have left their main stronghold ' +
  'after a rapid advance by Ukrainian forces Zelensky’s chief of staff posted a photo of soldiers officials ' +
  'declined to confirm government-run news agency quoted the defense ministry as saying Kharkiv Izium Kyiv'
).split(' ');

/**
 * Stand-in for bench/corpus-generator.ts (another engineer's file) when it is not present: documents
 * with attributes, headlines, paragraphs with quotes, numbers and dates, plus malformed delimiters.
 */
function localGenerateCorpus({ targetBytes, seed, malformedRate }: CorpusOptions): string {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const hex = (): string => Array.from({ length: 16 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');
  const sentence = (): string => {
    const n = 8 + Math.floor(rnd() * 20);
    const words = Array.from({ length: n }, () => pick(WORDS));
    if (rnd() < 0.3) words.splice(2, 0, `“${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}”`);
    if (rnd() < 0.2) words.push(String(Math.floor(rnd() * 100000)));
    if (rnd() < 0.1) words.push(`2022-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`);
    if (rnd() < 0.05) words.push(`‘${pick(WORDS)} ${pick(WORDS)}’`);
    return words.join(' ') + '.';
  };
  const malformedOpen = (id: string): string =>
    pick([`<< ${id}`, `<<<< ${id}`, `<<<${id}`, `  <<< ${id}`, `<<<\t${id}`, `«« ${id}`, `<<< ${id.toUpperCase()}`, '<<<']);
  const malformedClose = (id: string): string =>
    pick([`>> ${id}`, `>>>> ${id}`, `>>>${id}`, `>>> ${id} trailing`, `»» ${id}`, '>>>', '>>>>>>> branch']);
  const out: string[] = ['# generated benchmark corpus'];
  let bytes = 0;
  for (let n = 0; bytes < targetBytes; n++) {
    const id = `${String(n).padStart(3, '0')}_${hex()}`;
    const attrs = ` status=${pick(['approved', 'rejected', 'flagged', 'unreviewed'])} source=wire date=2022-09-10 note="check \\"claim\\" ${n}"`;
    const doc: string[] = [];
    doc.push(rnd() < malformedRate ? malformedOpen(id) : `<<< ${id}${attrs}`);
    doc.push(sentence());
    const paragraphs = 3 + Math.floor(rnd() * 6);
    for (let p = 0; p < paragraphs; p++) doc.push(Array.from({ length: 2 + Math.floor(rnd() * 5) }, sentence).join(' '));
    if (rnd() < malformedRate / 2) {
      // missing close delimiter
    } else doc.push(rnd() < malformedRate ? malformedClose(id) : `>>> ${id}`);
    doc.push('');
    for (const l of doc) bytes += Buffer.byteLength(l) + 1;
    out.push(...doc);
  }
  return out.join('\n');
}

/** Uses the shared corpus generator when it exists, else the local stand-in above. */
async function corpusGenerator(): Promise<{ generate: CorpusGenerator; source: string }> {
  try {
    // A computed path, resolved at run time, so this file compiles before bench/corpus-generator.ts exists.
    const mod = (await import(path.join(__dirname, 'corpus-generator'))) as { generateCorpus?: CorpusGenerator };
    if (typeof mod.generateCorpus === 'function') return { generate: mod.generateCorpus, source: 'bench/corpus-generator.ts' };
  } catch {
    // fall through to the local generator
  }
  return { generate: localGenerateCorpus, source: 'local generator in bench/grammar.bench.ts' };
}

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
  const { generate, source } = await corpusGenerator();
  const corpus = generate({ targetBytes: 5 * 1024 * 1024, seed: 42, malformedRate: 0.05 });
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
