// Bundles the extension (Node and browser) and the command-line checker into dist/.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Every bundle we ship: only entries whose source exists are built, so the file list stays honest. */
const entries = [
  { in: 'src/cli.ts', out: 'cli' },
  { in: 'src/extension.ts', out: 'extension' },
  { in: 'src/node/entity-worker-main.ts', out: 'entity-worker' },
].filter((entry) => existsSync(entry.in));

/** Prints esbuild's problems in a form VS Code's problem matchers understand. */
const problemReporter = {
  name: 'problem-reporter',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * The browser bundle must run where no Node module exists (the web worker extension host): an
 * import of one fails the build with the importer named, instead of a polyfill or a load error.
 */
const noNodeBuiltins = {
  name: 'no-node-builtins',
  setup(build) {
    const names = new Set(builtinModules);
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
      const bare = args.path.replace(/^node:/, '');
      if (!args.path.startsWith('node:') && !names.has(bare.split('/')[0])) return undefined;
      return { errors: [{ text: `${args.path} is a Node module; the browser bundle (dist/web/extension.js) may not use it (imported by ${args.importer})` }] };
    });
  },
};

/** The Node bundles: the CLI, the extension for Node extension hosts, the entity worker. */
const nodeContext = await esbuild.context({
  entryPoints: entries,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  external: ['vscode'],
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its ES build bundles.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [problemReporter] : [],
});

/** The same extension for the browser's web worker extension host (package.json `browser`). */
const webContext = await esbuild.context({
  entryPoints: { extension: 'src/web/extension.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'browser',
  target: 'es2022',
  outdir: 'dist/web',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [noNodeBuiltins, ...(watch ? [problemReporter] : [])],
});

/**
 * The entity worker for the browser (a Web Worker the web extension creates): a classic script
 * (iife), because the host may load it through importScripts.
 */
const webWorkerContext = await esbuild.context({
  entryPoints: { 'entity-worker': 'src/web/entity-worker.ts' },
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  outdir: 'dist/web',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [noNodeBuiltins, ...(watch ? [problemReporter] : [])],
});

/**
 * The web suite (test/web) as the one script a web worker extension host loads as its
 * extensionTestsPath: browser platform, mocha's browser build inside. A first line records what
 * the global scope held before any module ran, so a test can prove it ran in a web worker.
 */
const webTestContext = production ? undefined : await esbuild.context({
  entryPoints: { suite: 'test/web/index.ts', 'web-bench': 'bench/web/web.bench.ts' },
  bundle: true,
  format: 'cjs',
  platform: 'browser',
  target: 'es2022',
  outdir: 'out/web-test',
  external: ['vscode'],
  sourcemap: 'inline',
  logLevel: 'warning',
  banner: {
    js: "var __seedHostAtLoad = { process: typeof process, importScripts: typeof importScripts, worker: typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope };",
  },
  plugins: [noNodeBuiltins],
});

const contexts = [nodeContext, webContext, webWorkerContext, ...(webTestContext ? [webTestContext] : [])];
if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  try {
    await Promise.all(contexts.map((context) => context.rebuild()));
  } catch {
    // esbuild has printed the errors.
    process.exitCode = 1;
  } finally {
    await Promise.all(contexts.map((context) => context.dispose()));
  }
}
