// Runs a benchmark module inside a real VS Code (code-server + Debian chromium), the same way the
// integration suite runs: the module's run() is loaded as extensionTestsPath and prints its figures.
//
// Usage: node scripts/vscode/run-bench.mjs NAME...   (NAME: outline, hover, workspace-scope; file out/bench/vscode/NAME.bench.js;
//   web: out/web-test/web-bench.js in the web worker extension host and then in the Node one, plus the
//   size of the browser bundle)
// Build first: npm run build && npm run compile (npm run bench does).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { gzipSync } from 'node:zlib';
import { UserError, repoRoot, runMain } from './common.mjs';
import { runTestsInCodeServer } from './run-offline.mjs';

const timeoutSeconds = Number(process.env.SEED_BENCH_TIMEOUT ?? 1200);

/** Runs one session and returns its exit code and the lines it printed. */
async function session(options) {
  const lines = [];
  const original = console.log;
  console.log = (...args) => {
    lines.push(format(...args));
    original(...args);
  };
  try {
    return { code: await runTestsInCodeServer({ timeoutSeconds, ...options }), lines };
  } finally {
    console.log = original;
  }
}

/** The browser bundle's size as shipped (minified) and as served compressed. */
async function bundleSize() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [join(repoRoot, 'src/web/extension.ts')], bundle: true, format: 'cjs', platform: 'browser', target: 'es2022',
    external: ['vscode'], minify: true, write: false, logLevel: 'warning',
  });
  const bytes = result.outputFiles[0].contents;
  const development = readFileSync(join(repoRoot, 'dist', 'web', 'extension.js')).length;
  console.log(`web bundle: ${(bytes.length / 1024).toFixed(0)} KiB minified (${bytes.length} bytes; target <= 1 MB before the entity model), `
    + `${(gzipSync(bytes).length / 1024).toFixed(0)} KiB gzipped; development build ${(development / 1024).toFixed(0)} KiB`);
  const worker = (await esbuild.build({
    entryPoints: [join(repoRoot, 'src/web/entity-worker.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'es2022',
    minify: true, write: false, logLevel: 'warning',
  })).outputFiles[0].contents;
  const model = readFileSync(join(repoRoot, 'models', 'entity-model.bin'));
  const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
  // The model is not bundled: the extension reads it through workspace.fs on first need. Bundled, it
  // would be base64 text inside the bundle (esbuild's binary loader), loaded at every activation.
  const embedded = Buffer.concat([Buffer.from(bytes), Buffer.from(model.toString('base64'))]);
  console.log(`web bundle with the entity model: not bundled; shipped beside it: models/entity-model.bin ${kib(model.length)} (${kib(gzipSync(model).length)} gzipped), `
    + `dist/web/entity-worker.js ${kib(worker.length)} minified; had the model been bundled (base64): ${kib(embedded.length)} minified, ${kib(gzipSync(embedded).length)} gzipped`);
}

/** Web against Node: the same module in both extension hosts, and the ratio of their parse times. */
async function webBench() {
  await bundleSize();
  const testsPath = join(repoRoot, 'out', 'web-test', 'web-bench.js');
  if (!existsSync(testsPath)) throw new UserError(`${testsPath} is missing: run \`npm run build\` first`);
  const web = await session({ testsPath, label: 'bench-web', kind: 'web' });
  const node = await session({ testsPath, label: 'bench-web-node' });
  const parseMs = (lines, host) => Number(lines.map((line) => new RegExp(`web-bench ${host} parse 20 MB: median ([\\d.]+) ms`).exec(line)?.[1]).find((v) => v));
  const webMs = parseMs(web.lines, 'web');
  const nodeMs = parseMs(node.lines, 'node');
  if (webMs && nodeMs) console.log(`web vs node: parse + diagnostics of 20 MB ${webMs.toFixed(1)} ms in the web worker host, ${nodeMs.toFixed(1)} ms in the Node host: ${(webMs / nodeMs).toFixed(2)}x`);
  for (const mode of ['workers', 'slices']) {
    for (const host of ['web', 'node']) {
      const lines = host === 'web' ? web.lines : node.lines;
      const find = (prefix) => lines.find((line) => line.includes(`web-bench ${host} ${prefix}`))?.replace(/^.*web-bench \w+ /, '');
      const build = find(`entity index ${mode} `);
      const hover = find(`hover while the index builds (${mode})`);
      console.log(`entities, ${mode}, ${host === 'web' ? 'web worker' : 'Node'} host: ${build ?? 'not measured'}${hover ? `; ${hover}` : ''}`);
    }
  }
  return Math.max(web.code, node.code);
}

async function main() {
  const names = process.argv.slice(2);
  if (names.length === 0) throw new UserError('usage: node scripts/vscode/run-bench.mjs NAME... (for example: outline hover web)');
  let worst = 0;
  for (const name of names) {
    if (name === 'web') {
      worst = Math.max(worst, await webBench());
      continue;
    }
    const testsPath = join(repoRoot, 'out', 'bench', 'vscode', `${name}.bench.js`);
    if (!existsSync(testsPath)) throw new UserError(`${testsPath} is missing: is "${name}" a benchmark in bench/vscode/, and did \`npm run compile\` run?`);
    const code = await runTestsInCodeServer({ testsPath, label: `bench-${name}`, timeoutSeconds });
    worst = Math.max(worst, code);
  }
  return worst;
}

runMain(main);
