// `npm run bench`: every benchmark, one after another, printing its figures. Not part of `npm test`:
// speed is reported, never asserted. Usage: node --expose-gc out/bench/run-all.js [NAME...]
// NAME: parse, grammar, entities (plain Node), outline, hover, queue, workspace-scope, web (inside a real VS Code).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const inNode: Record<string, () => Promise<unknown>> = {
  parse: async () => {
    await (await import('./parse.bench')).run();
    if (process.env.SEED_BENCH_INSTRUCTIONS !== '0') (await import('./parse-instructions')).runInstructionCounts();
  },
  grammar: async () => (await import('./grammar.bench')).run(),
  entities: async () => (await import('./entities.bench')).run(),
  // In a fresh process: see activation-main.ts.
  activation: async () => {
    const result = spawnSync(process.execPath, [path.join(__dirname, 'activation-main.js')], { stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`the activation benchmark failed (exit code ${result.status ?? result.signal})`);
  },
};
const inVsCode = ['outline', 'hover', 'queue', 'workspace-scope', 'web'];

async function main(): Promise<number> {
  const asked = process.argv.slice(2);
  const unknown = asked.filter((name) => !(name in inNode) && !inVsCode.includes(name));
  if (unknown.length) {
    console.error(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${[...Object.keys(inNode), ...inVsCode].join(', ')}`);
    return 2;
  }
  const wanted = (name: string) => asked.length === 0 || asked.includes(name);
  for (const [name, run] of Object.entries(inNode)) {
    if (!wanted(name)) continue;
    console.log(`\n=== ${name} ===`);
    await run();
  }
  const vscodeBenches = inVsCode.filter(wanted);
  if (vscodeBenches.length) {
    console.log(`\n=== ${vscodeBenches.join(', ')} (real VS Code) ===`);
    const root = path.resolve(__dirname, '..', '..');
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/vscode/run-bench.mjs'), ...vscodeBenches], { stdio: 'inherit', cwd: root });
    if (result.status !== 0) return result.status ?? 1;
  }
  return 0;
}

main().then((code) => { process.exitCode = code; }, (error) => {
  console.error(error);
  process.exitCode = 1;
});
