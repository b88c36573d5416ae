// `npm test`: every check the project has, in order, stopping at the first failing stage, and one
// closing line that adds up the tests of all stages: `N passed, N failed`.
// Stages: build, compile (tsc, strict), lint, unit tests (vitest), the integration suite in a real
// VS Code (code-server + chromium), the web suite in its web worker extension host, the UI test of the workbench, the UI test of the Entity Report.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const node = process.execPath;

/** [name, command, args, counts tests?] */
const stages = [
  ['build', npm, ['run', '--silent', 'build'], false],
  ['compile', npm, ['run', '--silent', 'compile'], false],
  ['lint', npm, ['run', '--silent', 'lint'], false],
  ['unit tests', npm, ['run', '--silent', 'test:unit'], true],
  ['integration tests (real VS Code)', node, ['scripts/vscode/run-offline.mjs'], true],
  ['web tests (web worker extension host)', node, ['scripts/vscode/run-offline.mjs', '--web'], true],
  ['UI test (workbench)', node, ['scripts/vscode/ui-test.mjs', '--no-build'], true],
  ['UI test (web build, web worker extension host)', node, ['scripts/vscode/ui-web.mjs', '--no-build'], true],
  ['UI test (Entity Report)', node, ['scripts/vscode/ui-report.mjs', '--no-build'], true],
];

/** Runs a stage with its output streamed, and returns its exit code and the last test counts it printed. */
function runStage(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let counts;
    const scan = (chunk) => {
      for (const line of chunk.toString().split('\n')) {
        const plain = line.replace(/\x1b\[[0-9;]*m/g, '').trim();
        const ours = /^(\d+) passed, (\d+) failed/.exec(plain);
        // vitest: "Tests  340 passed (340)" or "Tests  2 failed | 338 passed (340)"
        const vitest = /^Tests\s+(?:(\d+) failed \| )?(\d+) passed/.exec(plain);
        if (ours) counts = { passed: Number(ours[1]), failed: Number(ours[2]) };
        else if (vitest) counts = { passed: Number(vitest[2]), failed: Number(vitest[1] ?? 0) };
        else if (/^Tests\s+(\d+) failed \((\d+)\)/.test(plain)) counts = { passed: 0, failed: Number(/(\d+) failed/.exec(plain)[1]) };
      }
    };
    child.stdout.on('data', (chunk) => { process.stdout.write(chunk); scan(chunk); });
    child.stderr.on('data', (chunk) => { process.stderr.write(chunk); scan(chunk); });
    child.on('close', (code) => resolve({ code: code ?? 1, counts }));
  });
}

let passed = 0;
let failed = 0;
const summary = [];
for (const [name, command, args, countsTests] of stages) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const { code, counts } = await runStage(command, args);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  }
  summary.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${name} (${seconds} s${counts ? `, ${counts.passed} passed, ${counts.failed} failed` : ''})`);
  if (code !== 0 || (countsTests && !counts)) {
    if (code === 0) summary.push(`FAIL ${name}: printed no test count`);
    console.log(`\n=== summary ===\n${summary.join('\n')}`);
    console.log(`${passed} passed, ${Math.max(failed, 1)} failed`);
    process.exit(code || 1);
  }
}
console.log(`\n=== summary ===\n${summary.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);
