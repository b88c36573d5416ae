/**
 * `npm run fuzz -- --minutes N`: runs the shared properties (properties.ts) with fresh random
 * seeds until the time is up, and saves every counterexample (text, property, seed, path) as a
 * fixture in test/fixtures/fuzz/ that `npm test` replays from then on.
 *
 * The properties run in a worker thread with a watchdog: a property that never returns (a
 * parser loop) is stopped, and its seed is run again in a worker that reports each text before
 * checking it, so the text that hangs is saved too.
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { PROPERTIES, type FuzzFixture } from './properties';

/** Runs per property and seed: small, so a fresh seed comes often. */
const RUNS_PER_SEED = 200;
/** A round (one property, one seed) that takes this long is taken for a hang. */
const HANG_MS = 60_000;

interface Job { property: string; seed: number; trace: boolean }
type Report =
  | { type: 'text'; text: string }
  | { type: 'done'; property: string; seed: number; runs: number; failure?: Omit<FuzzFixture, 'hang'> };

function workerMain(): void {
  parentPort!.on('message', (job: Job) => {
    const property = PROPERTIES.find((p) => p.name === job.property)!;
    const check = job.trace
      ? (text: string) => {
        parentPort!.postMessage({ type: 'text', text } satisfies Report);
        property.check(text);
      }
      : property.check;
    const details = fc.check(fc.property(property.arbitrary, check), { seed: job.seed, numRuns: RUNS_PER_SEED });
    const failure = details.failed
      ? {
        property: job.property, seed: job.seed, path: details.counterexamplePath ?? undefined, text: details.counterexample![0],
        error: details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
      }
      : undefined;
    parentPort!.postMessage({ type: 'done', property: job.property, seed: job.seed, runs: details.numRuns, failure } satisfies Report);
  });
}

/** One worker, reused from job to job, replaced when a job hangs. */
let current: Worker | undefined;

/** Runs one job in the worker; resolves with its report, or with the last text seen when it hangs. */
function runJob(job: Job): Promise<{ done?: Extract<Report, { type: 'done' }>; hangText?: string }> {
  const worker = current ??= new Worker(__filename);
  return new Promise((resolve, reject) => {
    let lastText: string | undefined;
    const stop = () => {
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    const timer = setTimeout(() => {
      stop();
      current = undefined;
      void worker.terminate();
      resolve({ hangText: lastText ?? '' });
    }, HANG_MS);
    const onMessage = (report: Report) => {
      if (report.type === 'text') {
        lastText = report.text;
        return;
      }
      stop();
      resolve({ done: report });
    };
    const onError = (error: Error) => {
      stop();
      current = undefined;
      reject(error);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.postMessage(job);
  });
}

/**
 * What kind of failure an error message describes: the message up to its first ':' with
 * quoted parts and numbers blanked. Fresh seeds find the same defect over and over; one
 * fixture per kind and property is kept per run. The fixtures already in the folder do not
 * count: `npm test` replays them and they pass, so a failure now is a defect they do not cover,
 * whatever its kind (a run once dropped such a failure as "a kind already saved").
 */
function failureKind(property: string, error: string): string {
  return `${property}: ${error.split(':')[0].replace(/'[^']*'/g, "'…'").replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')}`;
}

function saveFixture(dir: string, fixture: FuzzFixture): string {
  const digest = crypto.createHash('sha256').update(fixture.property + '\0' + fixture.text).digest('hex').slice(0, 12);
  const file = path.join(dir, `${fixture.property}-${digest}.json`);
  if (!fs.existsSync(file)) {
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(fixture, null, 2) + '\n');
    fs.renameSync(tmp, file);
  }
  return file;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--minutes');
  const minutes = at >= 0 ? Number(args[at + 1]) : 1;
  if (!(minutes > 0)) {
    console.error('usage: npm run fuzz -- --minutes N [--property NAME]');
    process.exit(2);
  }
  const only = args.indexOf('--property') >= 0 ? args[args.indexOf('--property') + 1] : undefined;
  const properties = PROPERTIES.filter((p) => only === undefined || p.name === only);
  if (properties.length === 0) {
    console.error(`no property named ${only}; known: ${PROPERTIES.map((p) => p.name).join(', ')}`);
    process.exit(2);
  }
  const dir = path.resolve(__dirname, '../test/fixtures/fuzz');
  fs.mkdirSync(dir, { recursive: true });
  const deadline = Date.now() + minutes * 60_000;
  const stats = new Map<string, { seeds: number; runs: number }>();
  const found: string[] = [];
  const kinds = new Set<string>();
  let repeats = 0;
  let rounds = 0;
  console.log(`fuzzing ${properties.map((p) => p.name).join(', ')} for ${minutes} min, ${RUNS_PER_SEED} runs per seed; counterexamples go to ${path.relative(process.cwd(), dir)}/`);
  while (Date.now() < deadline) {
    const property = properties[rounds++ % properties.length];
    const seed = crypto.randomInt(0, 2 ** 31);
    const { done, hangText } = await runJob({ property: property.name, seed, trace: false });
    const s = stats.get(property.name) ?? { seeds: 0, runs: 0 };
    stats.set(property.name, s);
    s.seeds++;
    if (done) {
      s.runs += done.runs;
      if (done.failure) {
        const kind = failureKind(property.name, done.failure.error);
        if (kinds.has(kind)) {
          repeats++;
          console.log(`again (${kind}): ${property.name} seed ${seed}: ${done.failure.error.split('\n')[0]}\n  ${JSON.stringify(done.failure.text)}`);
          continue;
        }
        kinds.add(kind);
        const file = saveFixture(dir, done.failure);
        found.push(`${property.name} seed ${seed}: ${done.failure.error.split('\n')[0]} -> ${path.basename(file)}`);
        console.log(`counterexample: ${found[found.length - 1]}\n  ${JSON.stringify(done.failure.text)}`);
      }
      continue;
    }
    // A hang: run the seed again, reporting every text, to learn which one never returns.
    console.log(`${property.name} seed ${seed}: no answer in ${HANG_MS / 1000} s; running it again to find the text`);
    const again = await runJob({ property: property.name, seed, trace: true });
    const text = again.hangText ?? hangText ?? '';
    const file = saveFixture(dir, { property: property.name, seed, text, error: `no answer in ${HANG_MS / 1000} s`, hang: true });
    found.push(`${property.name} seed ${seed}: hang -> ${path.basename(file)}`);
    console.log(`counterexample (hang): ${JSON.stringify(text)}`);
  }
  console.log(`\n${rounds} rounds in ${minutes} min:`);
  for (const [name, s] of stats) console.log(`  ${name}: ${s.seeds} seeds, ${s.runs} runs`);
  console.log(found.length ? `${found.length} new counterexample(s):\n  ${found.join('\n  ')}` : 'no new counterexample');
  if (repeats) console.log(`${repeats} more failure(s) of a kind found earlier in this run (printed above, not saved again)`);
  process.exitCode = found.length ? 1 : 0;
  await current?.terminate();
}

if (isMainThread) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(2);
  });
} else {
  workerMain();
}
