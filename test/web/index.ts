// The tests module (extensionTestsPath) of the web worker extension host: bundled by esbuild for
// platform browser into out/web-test/suite.js with mocha's browser build, because a web worker
// loads one script and has no require. Prints `N passed, N failed` alone on a line, marked for the
// offline runner (scripts/vscode/run-offline.mjs --web), which has no environment to pass the
// marker through here.
import 'mocha/mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

/** The runner's console marker (CONSOLE_MARKER in scripts/vscode/run-offline.mjs). */
const MARKER = '@@seed-test@@ ';
const say = (text: string): void => console.log(`${MARKER}${text}`);

/** Called by VS Code once the window is up; resolves when every test passed, rejects otherwise. */
export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) {
    say(`[web] ${EXTENSION_ID} is not loaded in the web worker extension host`);
    say('0 passed, 1 failed');
    throw new Error(`${EXTENSION_ID} is not loaded`);
  }
  await extension.activate();
  say(`[web] ${EXTENSION_ID} activated`);
  mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 20_000, color: false });
  const base = (Mocha as unknown as { reporters: { Base: { consoleLog: (...args: unknown[]) => void } } }).reporters.Base;
  base.consoleLog = (...args: unknown[]) => say(format(args));
  // The tests register with mocha's globals (describe, it) when their module runs.
  await import('./web.test');
  await import('./entities.test');
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve) => {
    // Mocha.prototype.run, not the browser build's mocha.run: that one reads location.search, and
    // the web worker extension host gives its extensions no location.
    const runner: Mocha.Runner = Mocha.prototype.run.call(mocha, () => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
  });
  say(`${stats.passes} passed, ${stats.failures} failed${stats.pending ? `, ${stats.pending} skipped` : ''}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} web test(s) failed`);
  if (stats.passes === 0) throw new Error('no web test ran');
}

/** printf-style %s / %d as mocha's reporters use them (no util.format in a browser). */
function format(args: unknown[]): string {
  const [first, ...rest] = args;
  if (typeof first !== 'string') return args.map(String).join(' ');
  const text = first.replace(/%[sdj%]/g, (token) => (token === '%%' ? '%' : rest.length ? String(rest.shift()) : token));
  return [text, ...rest.map(String)].join(' ');
}
