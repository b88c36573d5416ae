// Runs a benchmark module inside a real VS Code (code-server + Debian chromium), the same way the
// integration suite runs: the module's run() is loaded as extensionTestsPath and prints its figures.
//
// Usage: node scripts/vscode/run-bench.mjs NAME...   (NAME: outline, hover; file out/bench/vscode/NAME.bench.js)
// Build first: npm run build && npm run compile (npm run bench does).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { UserError, repoRoot, runMain } from './common.mjs';
import { runTestsInCodeServer } from './run-offline.mjs';

async function main() {
  const names = process.argv.slice(2);
  if (names.length === 0) throw new UserError('usage: node scripts/vscode/run-bench.mjs NAME... (for example: outline hover)');
  let worst = 0;
  for (const name of names) {
    const testsPath = join(repoRoot, 'out', 'bench', 'vscode', `${name}.bench.js`);
    if (!existsSync(testsPath)) throw new UserError(`${testsPath} is missing: is "${name}" a benchmark in bench/vscode/, and did \`npm run compile\` run?`);
    const code = await runTestsInCodeServer({ testsPath, label: `bench-${name}`, timeoutSeconds: Number(process.env.SEED_BENCH_TIMEOUT ?? 1200) });
    worst = Math.max(worst, code);
  }
  return worst;
}

runMain(main);
