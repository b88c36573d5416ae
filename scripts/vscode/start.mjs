// `npm start`: builds the extension, installs (or reuses) code-server, links the repo into a fresh
// extensions folder as PUBLISHER.NAME-VERSION and serves VS Code with the sample workspace
// (test/workspace). Open the printed address in any browser. Runs until Ctrl+C.
// After changing the code: `npm run build` (or `npm run watch` in another terminal), then
// "Developer: Reload Window" in the browser.
//
// Usage: node scripts/vscode/start.mjs [--port N] [--no-build]     env: PORT
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  UserError, extensionInfo, freePort, freshProfile, log, onExit, prepareWorkspace, repoRoot, runChecked, runMain, startCodeServer, webOnlyExtension, which, workspaceDir,
} from './common.mjs';
import { installCodeServer } from './install-code-server.mjs';

/**
 * Starts code-server with the extension installed the way a user has it (linked into --extensions-dir,
 * activated by its activationEvents) and the sample workspace. Returns the server handle plus the
 * address to open. Shared by start.mjs and ui-test.mjs.
 */
export async function startDemoServer({ port, label = 'start', quiet = false, web = false } = {}) {
  await installCodeServer();
  const copied = prepareWorkspace();
  log(`workspace ${workspaceDir} (fixtures copied: ${copied.join(', ') || 'none'})`);
  const profile = freshProfile(label);
  const { id, version } = extensionInfo();
  // VS Code scans --extensions-dir for PUBLISHER.NAME-VERSION folders; a link keeps it on the live build.
  if (web) webOnlyExtension(join(profile.extensionsDir, `${id}-${version}`));
  else symlinkSync(repoRoot, join(profile.extensionsDir, `${id}-${version}`), 'dir');
  const server = await startCodeServer({
    port: port ?? (await freePort()),
    ...profile,
    folder: workspaceDir,
    onOutput: quiet ? () => {} : undefined,
  });
  const address = `${server.url}/?folder=${encodeURI(workspaceDir)}`;
  return { ...server, address };
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: 'string' }, 'no-build': { type: 'boolean', default: false } } });
  const requested = values.port ?? process.env.PORT;
  const port = requested ? Number(requested) : undefined;
  if (requested && !(Number.isInteger(port) && port > 0 && port < 65536)) throw new UserError(`invalid port: ${requested}`);
  if (!values['no-build']) {
    log('npm run build ...');
    await runChecked(which('npm') ?? 'npm', ['run', 'build', '--silent'], { cwd: repoRoot });
  }
  let server;
  onExit(() => server?.stop());
  server = await startDemoServer({ port });
  console.log('');
  console.log(`  Seed Review is running in VS Code ${'1.100.3'} (code-server). Open:`);
  console.log('');
  console.log(`    ${server.address}`);
  console.log('');
  console.log('  Then open sample.seed (Ctrl+P) and look at the Outline view and the Problems panel.');
  console.log('  Press Ctrl+C here to stop.');
  console.log('');
  // Stay up until Ctrl+C (handled by onExit) or until code-server itself stops.
  return new Promise((resolveRun) => server.process.on('exit', (code) => resolveRun(code ?? 0)));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(main);
}
