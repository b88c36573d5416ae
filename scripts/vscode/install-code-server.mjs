// Installs code-server 4.100.3 (VS Code 1.100.3, server + web workbench) into
// .vscode-test/code-server-4.100.3/ from the npm registry only, without any of its download steps.
// Cached: when the marker file of a completed install is there, it does nothing.
// Usage: node scripts/vscode/install-code-server.mjs [--force]
import { existsSync, mkdirSync, rmSync, renameSync, writeFileSync, copyFileSync, chmodSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CODE_SERVER_VERSION, codeServerDir, installMarker, log, requirePrerequisites, runChecked, run, runMain, which, UserError,
} from './common.mjs';

/** Native modules VS Code's server loads on Linux; each must have been built by `npm rebuild`. */
const REQUIRED_NATIVE = [
  'kerberos/build/Release/kerberos.node',
  '@vscode/spdlog/build/Release/spdlog.node',
  'native-watchdog/build/Release/watchdog.node',
  'node-pty/build/Release/pty.node',
];

/** npm flags for every install here: quiet, no audit/fund round trips. */
const NPM_QUIET = ['--no-audit', '--no-fund', '--loglevel=error'];

/** Installs when needed; returns true when it installed, false when the cache was used. */
export async function installCodeServer({ force = false } = {}) {
  if (!force && existsSync(installMarker)) {
    log(`code-server ${CODE_SERVER_VERSION} already installed in ${codeServerDir}`);
    return false;
  }
  requirePrerequisites(['ripgrep', 'libkrb5-dev', 'compiler', 'python3']);
  const started = Date.now();
  // Build in a side folder and rename at the end, so an interrupted install never looks complete.
  const work = `${codeServerDir}.partial`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  // Its own package.json keeps npm from walking up to the repo's package.json and installing there.
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'vscode-test-code-server', private: true }, null, 2));
  const npm = which('npm') ?? 'npm';
  // node-gyp would download Node's headers from nodejs.org, which is not reachable: build against the
  // headers installed with this Node (Debian's nodejs puts them in /usr/include/node).
  const env = { ...process.env };
  const nodePrefix = join(process.execPath, '..', '..');
  if (!env.npm_config_nodedir && existsSync(join(nodePrefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = nodePrefix;
  const step = async (title, args, cwd) => {
    const t0 = Date.now();
    log(`${title} ...`);
    await runChecked(npm, [...args, ...NPM_QUIET], { cwd, quiet: true, env });
    log(`${title}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };

  // Its install scripts refuse root and download ripgrep from GitHub: skip them, do their work below.
  await step(`npm install code-server@${CODE_SERVER_VERSION}`, ['install', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], work);
  await step('npm rebuild argon2', ['rebuild', 'argon2'], work);

  const vscodeDir = join(work, 'node_modules', 'code-server', 'lib', 'vscode');
  if (!existsSync(join(vscodeDir, 'package.json'))) throw new UserError(`unexpected code-server layout: ${vscodeDir} has no package.json`);
  await step('npm install (lib/vscode)', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir);

  // Debian's rg stands in for the binary @vscode/ripgrep would download; its postinstall sees it and stops.
  const rgTarget = join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');
  mkdirSync(join(rgTarget, '..'), { recursive: true });
  copyFileSync(which('rg'), rgTarget);
  chmodSync(rgTarget, 0o755);

  // Builds the native modules. node-pty's post-install then runs `npx node-gyp` only to write
  // compile_commands.json (an editor aid), which fails without a prompt answer: pty.node is built
  // by then, so a failure is accepted when every module we need is there.
  log('npm rebuild (lib/vscode native modules) ...');
  const t0 = Date.now();
  const rebuild = await run(npm, ['rebuild', ...NPM_QUIET], { cwd: vscodeDir, quiet: true, env });
  const missing = REQUIRED_NATIVE.filter((file) => !existsSync(join(vscodeDir, 'node_modules', file)));
  if (missing.length > 0) {
    throw new UserError(`npm rebuild in ${vscodeDir} did not build: ${missing.join(', ')}\n${rebuild.output.slice(-4000)}`);
  }
  log(`npm rebuild: done in ${((Date.now() - t0) / 1000).toFixed(1)} s${rebuild.code === 0 ? '' : " (node-pty's compile_commands step failed; harmless)"}`);

  // The server looks for node_modules.asar (the desktop build's packed form).
  symlinkSync('node_modules', join(vscodeDir, 'node_modules.asar'));
  await step('npm install (lib/vscode/extensions)', ['install', '--omit=dev', '--ignore-scripts'], join(vscodeDir, 'extensions'));

  writeFileSync(join(work, '.install-complete'), `code-server ${CODE_SERVER_VERSION} installed ${new Date().toISOString()}\n`);
  rmSync(codeServerDir, { recursive: true, force: true });
  renameSync(work, codeServerDir);
  log(`code-server ${CODE_SERVER_VERSION} installed in ${codeServerDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(() => installCodeServer({ force: process.argv.includes('--force') }));
}
