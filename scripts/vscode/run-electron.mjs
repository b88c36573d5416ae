// Runs the SAME integration suite as run-offline.mjs in VS Code desktop through @vscode/test-electron.
// For machines that can download VS Code from Microsoft, or that have one: set VSCODE_EXECUTABLE_PATH
// to its executable (e.g. /usr/share/code/code). Offline and without it, it stops with a clear message.
// On Linux without a display, run it under xvfb-run.
//
// Usage: node scripts/vscode/run-electron.mjs [--grep PATTERN]
//   env: VSCODE_EXECUTABLE_PATH, VSCODE_VERSION (download; default 1.100.3, same as code-server's),
//        SEED_TEST_GREP (mocha grep)
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { UserError, log, prepareWorkspace, repoRoot, runMain, vscodeTestDir, workspaceDir } from './common.mjs';

/** The desktop build that matches code-server 4.100.3 and engines.vscode. */
const DEFAULT_VERSION = '1.100.3';

/** Network failures that mean "cannot download here", as opposed to a failing suite. */
const NETWORK_ERROR = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|getaddrinfo|timed? ?out|Failed to get|status code|certificate/i;

async function main() {
  const { values } = parseArgs({ options: { grep: { type: 'string' } } });
  const extensionTestsPath = join(repoRoot, 'out', 'test', 'integration', 'index.js');
  for (const [file, how] of [[join(repoRoot, 'dist', 'extension.js'), 'npm run build'], [extensionTestsPath, 'npm run compile']]) {
    if (!existsSync(file)) throw new UserError(`${file} is missing: run \`${how}\` first (or use \`npm run test:electron\`)`);
  }
  const { runTests } = await import('@vscode/test-electron');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE_PATH || undefined;
  if (vscodeExecutablePath && !existsSync(vscodeExecutablePath)) {
    throw new UserError(`VSCODE_EXECUTABLE_PATH=${vscodeExecutablePath} does not exist`);
  }
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log('warning: no DISPLAY: VS Code desktop needs one on Linux (run this under `xvfb-run -a`).');
  }
  const copied = prepareWorkspace();
  log(`workspace ${workspaceDir} (fixtures copied: ${copied.join(', ') || 'none'})`);

  const root = join(vscodeTestDir, 'electron');
  rmSync(join(root, 'user-data'), { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const version = process.env.VSCODE_VERSION || DEFAULT_VERSION;
  log(vscodeExecutablePath ? `using VS Code at ${vscodeExecutablePath}` : `using VS Code ${version} (downloaded into .vscode-test/ unless cached)`);
  try {
    return await runTests({
      ...(vscodeExecutablePath ? { vscodeExecutablePath } : { version, cachePath: vscodeTestDir, timeout: 30_000 }),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath,
      extensionTestsEnv: { SEED_TEST_GREP: values.grep ?? process.env.SEED_TEST_GREP ?? '' },
      launchArgs: [
        workspaceDir,
        '--disable-extensions', // other installed extensions; the one under development still loads (test-electron adds --skip-welcome etc.)
        '--user-data-dir', join(root, 'user-data'),
        '--extensions-dir', join(root, 'extensions'),
      ],
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!vscodeExecutablePath && NETWORK_ERROR.test(message)) {
      throw new UserError(
        `could not download VS Code ${version} (${message.split('\n')[0]}).\n`
        + 'This machine cannot reach Microsoft\'s download servers. Either set VSCODE_EXECUTABLE_PATH to a local VS Code '
        + 'executable, or run the same suite offline in code-server: npm run test:integration',
      );
    }
    if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'number') {
      // TestRunFailedError: the suite ran and failed; its output is already printed.
      return error.code || 1;
    }
    throw error;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(main);
}
