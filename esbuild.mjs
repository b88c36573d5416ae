// Bundles the extension and the command-line checker into dist/.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Every bundle we ship: only entries whose source exists are built, so the file list stays honest. */
const entries = [
  { in: 'src/cli.ts', out: 'cli' },
  { in: 'src/extension.ts', out: 'extension' },
  { in: 'src/core/entities/worker.ts', out: 'entity-worker' },
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

const context = await esbuild.context({
  entryPoints: entries,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: watch ? [problemReporter] : [],
});

if (watch) {
  await context.watch();
} else {
  await context.rebuild();
  await context.dispose();
}
