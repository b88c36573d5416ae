// The test entry VS Code loads (extensionTestsPath = out/test/integration/index.js): it activates the
// extension, finds every out/test/integration/**/*.test.js and runs them with mocha's BDD interface
// (describe/it), then prints `N passed, N failed` alone on a line for CI.
// The suites in multi-root/ need a multi-root workspace: they run when the window opened a
// .code-workspace file, and the others when it opened a folder (scripts/vscode/run-offline.mjs makes
// both runs).
// Environment: SEED_TEST_GREP selects tests by a mocha grep pattern; SEED_TEST_ALLOW_NONE=1 lets a
// run pass that the grep left without tests (the runner checks the sum of its two runs).
import * as fs from 'fs';
import * as path from 'path';
import * as util from 'util';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { activateExtension, EXTENSION_ID } from './helpers';

/** The folder of the suites that need a multi-root workspace. */
const MULTI_ROOT_DIR = 'multi-root';

/** Every *.test.js below `dir`, sorted so runs are repeatable. */
function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/** The suites for this window: the multi-root ones in a .code-workspace window, the others in a folder window. */
function testsForThisWindow(dir: string): string[] {
  const multiRoot = vscode.workspace.workspaceFile !== undefined;
  const inMultiRootDir = (file: string) => path.relative(dir, file).split(path.sep)[0] === MULTI_ROOT_DIR;
  return findTests(dir).filter((file) => inMultiRootDir(file) === multiRoot);
}

/**
 * In code-server the extension host's console reaches the browser mixed with the workbench's own log
 * lines; the offline runner sets SEED_TEST_CONSOLE_MARKER and prints only lines that start with it.
 * (VS Code's console forwarder ignores assignments to console.log, so the runner's and mocha's
 * output functions are marked instead.)
 */
const marker = process.env.SEED_TEST_CONSOLE_MARKER ?? '';
const say = (...args: unknown[]): void => console.log(`${marker}${util.format(...args)}`);

/** Called by VS Code once the window is up; resolves when every test passed, rejects otherwise. */
export async function run(): Promise<void> {
  // The extension under development is not active yet when run() starts: activate it first, so a
  // broken activation is reported as such rather than as a string of confusing test failures.
  try {
    await activateExtension();
  } catch (error) {
    say(`[integration] activating ${EXTENSION_ID} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    say('0 passed, 1 failed');
    throw error;
  }
  say(`[integration] ${EXTENSION_ID} activated`);

  const grep = process.env.SEED_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 20_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  const files = testsForThisWindow(__dirname);
  for (const file of files) mocha.addFile(file);
  const where = vscode.workspace.workspaceFile ? `multi-root workspace ${path.basename(vscode.workspace.workspaceFile.fsPath)}` : 'folder';
  say(`[integration] ${files.length} test file(s) for a ${where}${grep ? `, grep ${JSON.stringify(grep)}` : ''}`);

  const base = Mocha.reporters.Base;
  const originalLog = base.consoleLog;
  base.consoleLog = say;
  let stats: { passes: number; failures: number; pending: number };
  try {
    stats = await new Promise((resolve) => {
      const runner = mocha.run(() => resolve({ passes: runner.stats?.passes ?? 0, failures: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 }));
    });
  } finally {
    base.consoleLog = originalLog;
  }
  const skipped = stats.pending > 0 ? `, ${stats.pending} skipped` : '';
  say(`${stats.passes} passed, ${stats.failures} failed${skipped}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} integration test(s) failed`);
  if (stats.passes === 0 && process.env.SEED_TEST_ALLOW_NONE !== '1') throw new Error('no integration test ran (check SEED_TEST_GREP)');
}
