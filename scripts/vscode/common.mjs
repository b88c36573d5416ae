// Shared pieces of the scripts that run the extension in a real VS Code (code-server 4.100.3 =
// VS Code 1.100.3) on machines that reach only the npm registry and Debian's packages.
// See scripts/vscode/README.md for the why; every path here is computed from the repo root.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, copyFileSync, readFileSync, writeFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: two folders above this file. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** code-server 4.100.3 bundles VS Code 1.100.3 and is the last release that runs on Node 20. */
export const CODE_SERVER_VERSION = '4.100.3';

/** Tool folder for all VS Code test state (git-ignored). */
export const vscodeTestDir = join(repoRoot, '.vscode-test');

/** Where the cached code-server install lives, one folder per version. */
export const codeServerDir = join(vscodeTestDir, `code-server-${CODE_SERVER_VERSION}`);

/** Written last by the installer: its presence means the install is complete. */
export const installMarker = join(codeServerDir, '.install-complete');

/** code-server's Node entry point inside the install. */
export const codeServerEntry = join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

/** The sample workspace used by the tests, the UI test and `npm start`. */
export const workspaceDir = join(repoRoot, 'test', 'workspace');

/**
 * The multi-root sample workspace: a `.code-workspace` file naming two folders, each with its own
 * folder settings and project file. `run-offline.mjs` opens it for the suites in
 * test/integration/multi-root/ (a window with one folder cannot show per-folder settings).
 */
export const multiRootWorkspaceFile = join(repoRoot, 'test', 'workspace-multiroot', 'multi-root.code-workspace');

/** Screenshots of the workbench go here (git-ignored via test-results/). */
export const screenshotsDir = join(repoRoot, 'test-results', 'screenshots');

/** Chromium flags that keep a headless Debian chromium quiet and offline-friendly. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** The extension's id (publisher.name) and version, read from package.json. */
export function extensionInfo() {
  const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  return { id: `${pkg.publisher}.${pkg.name}`, publisher: pkg.publisher, name: pkg.name, version: pkg.version };
}

/** Prints a line prefixed with the script's tag, so interleaved output stays readable. */
export function log(message) {
  console.log(`[vscode] ${message}`);
}

/** An error whose message is shown to the user as is (no stack trace). */
export class UserError extends Error {}

/** Runs a top-level async main, turning UserError into a clean message and exit code. */
export function runMain(main) {
  main().then(
    (code) => process.exit(typeof code === 'number' ? code : 0),
    (error) => {
      if (error instanceof UserError) console.error(`\n[vscode] ERROR: ${error.message}`);
      else console.error(error);
      process.exit(1);
    },
  );
}

/** Absolute path of an executable on PATH, or undefined. */
export function which(name) {
  const result = spawnSync('/bin/sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const path = result.stdout.trim();
  return result.status === 0 && path ? path : undefined;
}

/** Debian prerequisites: how to detect each and which apt package brings it. */
const PREREQUISITES = {
  chromium: { apt: 'chromium', found: () => which('chromium'), why: 'the browser that shows the VS Code workbench' },
  ripgrep: { apt: 'ripgrep', found: () => which('rg'), why: "VS Code's search (its npm package would download rg from GitHub)" },
  'libkrb5-dev': {
    apt: 'libkrb5-dev',
    found: () => which('krb5-config') ?? (existsSync('/usr/include/gssapi/gssapi.h') ? 'yes' : undefined),
    why: "building VS Code's native module kerberos",
  },
  compiler: { apt: 'build-essential', found: () => which('make') && (which('g++') ?? which('c++')), why: 'building native modules' },
  python3: { apt: 'python3', found: () => which('python3'), why: 'node-gyp, which builds native modules' },
};

/**
 * How this process can install Debian packages: as root, through passwordless sudo, or not at all
 * (not Debian, or no rights). SEED_REVIEW_NO_APT=1 turns installing off (print the command instead).
 */
function aptInstaller() {
  if (process.env.SEED_REVIEW_NO_APT === '1' || !which('apt-get')) return undefined;
  if (typeof process.getuid === 'function' && process.getuid() === 0) return [];
  if (which('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0) return ['sudo', '-n'];
  return undefined;
}

/**
 * Makes sure the named Debian prerequisites are there, as `npx playwright install-deps` does for its
 * browsers: missing ones are installed with apt-get when this process may (root or passwordless
 * sudo), with one line saying so; otherwise a UserError gives the exact command to run.
 * PREREQUISITES above is the one list: `.ci/run` installs nothing itself.
 */
export function requirePrerequisites(names) {
  const missing = names.filter((name) => !PREREQUISITES[name].found());
  if (missing.length === 0) return;
  const packages = [...new Set(missing.map((name) => PREREQUISITES[name].apt))];
  const reasons = missing.map((name) => `${name} (${PREREQUISITES[name].why})`).join('; ');
  const installer = aptInstaller();
  if (!installer) {
    const lines = missing.map((name) => `  - ${name}: needed for ${PREREQUISITES[name].why}`);
    throw new UserError(
      `missing Debian prerequisites:\n${lines.join('\n')}\nInstall them with:\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
    );
  }
  console.log(`[setup] installing Debian packages with apt-get: ${packages.join(' ')}, for ${reasons}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const aptGet = (args) => {
    const [command, ...prefix] = installer.length > 0 ? installer : ['apt-get'];
    const argv = installer.length > 0 ? [...prefix, 'apt-get', ...args] : args;
    return spawnSync(command, argv, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...packages]]) {
    const result = aptGet(args);
    if (result.status !== 0) {
      throw new UserError(
        `apt-get ${args[0]} failed (exit code ${result.status ?? result.signal}):\n${`${result.stdout}${result.stderr}`.trim().slice(-3000)}\n` +
        `Install the packages yourself with:\n  sudo apt-get update && sudo apt-get install -y ${packages.join(' ')}`,
      );
    }
  }
  const still = names.filter((name) => !PREREQUISITES[name].found());
  if (still.length > 0) throw new UserError(`apt-get installed ${packages.join(' ')}, but these are still missing: ${still.join(', ')}`);
}

/** Runs a command, inheriting output; resolves with its exit code (never rejects on non-zero). */
export function run(command, args, options = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: options.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', ...options });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Runs a command and throws a UserError with its output when it fails. */
export async function runChecked(command, args, options = {}) {
  const { code, output } = await run(command, args, options);
  if (code !== 0) {
    throw new UserError(`\`${command} ${args.join(' ')}\` failed with exit code ${code} in ${options.cwd ?? process.cwd()}\n${output.slice(-4000)}`);
  }
  return output;
}

/** A free TCP port on 127.0.0.1 (asked of the OS, so parallel runs do not collide). */
export function freePort() {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}

/** Throws a UserError when code-server has not been installed yet. */
export function requireCodeServer() {
  if (!existsSync(installMarker) || !existsSync(codeServerEntry)) {
    throw new UserError(`code-server ${CODE_SERVER_VERSION} is not installed in ${codeServerDir}.\nRun: node scripts/vscode/install-code-server.mjs`);
  }
}

/**
 * Makes fresh user-data and extensions folders under .vscode-test/run/<name>-<pid>/ (one per
 * process, so two runs at once never share state) with settings that keep the workbench quiet (no start
 * page, no trust prompt, no telemetry), and returns their paths. The folder is removed when the process
 * exits, unless SEED_KEEP_PROFILE=1.
 */
export function freshProfile(name, extraSettings = {}) {
  const root = join(vscodeTestDir, 'run', `${name}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  if (process.env.SEED_KEEP_PROFILE !== '1') {
    process.on('exit', () => {
      try {
        rmSync(root, { recursive: true, force: true, maxRetries: 2 });
      } catch {
        // code-server may still be writing while it stops; a leftover folder is harmless
      }
    });
  }
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    ...extraSettings,
  };
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  // An explicit (empty) config file keeps code-server from writing ~/.config/code-server/config.yaml.
  const configFile = join(root, 'config.yaml');
  writeFileSync(configFile, 'auth: none\n');
  return { root, userDataDir, extensionsDir, configFile };
}

/**
 * Makes `folder` the extension as a web-only build: its manifest without `main`, so VS Code runs
 * the `browser` entry in the web worker extension host (as github.dev and vscode.dev do);
 * everything else, `out/` (the web test bundles) included, linked to the live build.
 */
export function webOnlyExtension(folder) {
  mkdirSync(folder, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  delete manifest.main;
  writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest, null, 2));
  for (const name of ['dist', 'out', 'models', 'media', 'syntaxes', 'schemas', 'docs', 'language-configuration.json', 'package.nls.json', 'README.md', 'LICENSE']) {
    if (existsSync(join(repoRoot, name))) symlinkSync(join(repoRoot, name), join(folder, name));
  }
  return folder;
}

/** Matches a bare seed document file name: NNN_<16 lowercase hex>.txt. */
const BARE_SEED = /^[0-9]{3,}_[0-9a-f]{16}\.txt$/;

/**
 * Copies the latest fixtures into the sample workspace, so it always shows what the fixtures hold now:
 * test/fixtures/valid/*.seed then test/fixtures/*.seed (a top-level file wins on a name clash) and the
 * bare seed files to the top; test/fixtures/malformed/*.seed to malformed/ (for the Problems panel).
 * The copies are git-ignored (test/workspace/.gitignore). Returns the workspace-relative names copied.
 */
export function prepareWorkspace() {
  const fixtures = join(repoRoot, 'test', 'fixtures');
  const sources = [
    { from: join(fixtures, 'valid'), to: '', accept: (name) => name.endsWith('.seed') },
    { from: fixtures, to: '', accept: (name) => name.endsWith('.seed') || BARE_SEED.test(name) },
    { from: join(fixtures, 'malformed'), to: 'malformed', accept: (name) => name.endsWith('.seed') },
  ];
  const copied = [];
  for (const { from, to, accept } of sources) {
    if (!existsSync(from)) continue;
    for (const name of readdirSync(from)) {
      const source = join(from, name);
      if (!accept(name) || !statSync(source).isFile()) continue;
      mkdirSync(join(workspaceDir, to), { recursive: true });
      copyFileSync(source, join(workspaceDir, to, name));
      const relative = to ? `${to}/${name}` : name;
      if (!copied.includes(relative)) copied.push(relative);
    }
  }
  return copied;
}

/**
 * Starts code-server on 127.0.0.1:port and resolves once it listens. `folder` is what it opens: a
 * folder, or a `.code-workspace` file (a multi-root workspace). Its output goes to `onOutput`
 * (default: our stdout, prefixed). Returns { process, port, url, stop }.
 */
export async function startCodeServer({ port, userDataDir, extensionsDir, configFile, folder, env = {}, onOutput }) {
  requireCodeServer();
  const args = [
    codeServerEntry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    folder,
  ];
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so stop() ends the extension host and its helpers too
  });
  const print = onOutput ?? ((line) => console.log(`[code-server] ${line}`));
  /** True while any process of code-server's group (server, extension host, watchers) is alive. */
  const groupAlive = () => {
    try {
      process.kill(-child.pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signalGroup = (signal) => {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  /**
   * Stops code-server and everything it started: SIGTERM to its process group, SIGKILL after 5 s.
   * The returned promise settles when the group is gone; callers on a synchronous exit path may ignore it.
   */
  const stop = async () => {
    if (!groupAlive()) return;
    signalGroup('SIGTERM');
    const deadline = Date.now() + 5000;
    while (groupAlive() && Date.now() < deadline) await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    if (groupAlive()) signalGroup('SIGKILL');
  };
  const listening = new Promise((resolvePromise, reject) => {
    let pending = '';
    const onData = (chunk) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop();
      for (const line of lines) {
        if (line.trim()) print(line);
        if (line.includes('HTTP server listening on')) resolvePromise();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code) => reject(new UserError(`code-server exited with code ${code} before it listened`)));
  });
  const timeout = new Promise((_, reject) => {
    const timer = setTimeout(() => reject(new UserError('code-server did not print "HTTP server listening on" within 60 s')), 60_000);
    timer.unref();
  });
  try {
    await Promise.race([listening, timeout]);
  } catch (error) {
    stop();
    throw error;
  }
  return { process: child, port, url: `http://127.0.0.1:${port}`, stop };
}

/** Registers handlers so that Ctrl+C, SIGTERM and normal exit all run `cleanup` once. */
export function onExit(cleanup) {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    cleanup();
  };
  process.on('exit', once);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      once();
      process.exit(130);
    });
  }
}
