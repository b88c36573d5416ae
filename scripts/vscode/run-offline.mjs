// Runs the integration suite (out/test/integration/index.js) inside a real VS Code 1.100.3: code-server
// serves the workbench, Debian's chromium (driven by playwright-core) opens it with a test payload, and
// the extension host runs the suite against test/workspace. Exits with the suite's code.
//
// It builds nothing: run `npm run build && npm run compile` first (`npm run test:integration` does).
// It installs code-server when missing (cached in .vscode-test/).
//
// With --web it runs the web suite (out/web-test/suite.js, built by `npm run build`) in the browser's
// web worker extension host instead: the extension under development is a web-only build (manifest
// without `main`), so VS Code loads its `browser` entry in a Web Worker of the page.
//
// The suites in test/integration/multi-root/ need a multi-root workspace (per-folder settings): without
// --web or --workspace the runner makes two runs, test/workspace for the other suites, then
// test/workspace-multiroot/multi-root.code-workspace for those, and prints one closing count for both.
// --workspace FILE.code-workspace makes one run in that workspace (test/integration/index.ts then runs
// only the multi-root suites).
//
// Usage: node scripts/vscode/run-offline.mjs [--web] [--workspace FILE.code-workspace] [--grep PATTERN] [--screenshots] [--timeout SECONDS] [--headed]
//   env: SEED_TEST_GREP (mocha grep), SEED_KEEP_SCREENSHOTS=1, SEED_TEST_TIMEOUT (seconds, default 600)
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format, parseArgs } from 'node:util';
import {
  CHROMIUM_ARGS, UserError, extensionInfo, freePort, freshProfile, log, multiRootWorkspaceFile, onExit, prepareWorkspace, repoRoot, requirePrerequisites,
  runMain, screenshotsDir, startCodeServer, webOnlyExtension, which, workspaceDir,
} from './common.mjs';
import { installCodeServer } from './install-code-server.mjs';

/** The closing line of the mocha runner in test/integration/index.ts. */
const SUMMARY = /^\d+ passed, \d+ failed(, \d+ skipped)?$/;

/**
 * Builds the workbench URL that makes VS Code load the extension from `extensionPath` and run
 * `testsPath` in `folder`: a folder, or a `.code-workspace` file (opened with `?workspace=`).
 */
export function payloadUrl(base, authority, folder, extensionPath, testsPath, kind) {
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${extensionPath}`],
    ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`],
    ['skipWelcome', 'true'],
    // 'web': the extension and the tests run in the web worker extension host.
    ...(kind ? [['extensionDevelopmentKind', kind]] : []),
  ];
  const open = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
  return `${base}/?${open}=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * CPU time (user + system, ms) of the descendants of process `root`, read from /proc
 * (Linux; elsewhere an empty map), with a kind: chromium's `--type=` (renderer, gpu-process,
 * utility), `browser`, code-server's extension host, or the process's name.
 */
function processCpu(root) {
  const procs = new Map();
  let entries = [];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return new Map();
  }
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  for (const pid of entries) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      procs.set(Number(pid), { ppid: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12])) * tick, cmdline });
    } catch {
      // gone meanwhile
    }
  }
  const result = new Map();
  const within = (pid) => {
    for (let p = procs.get(pid)?.ppid ?? 0, hops = 0; p > 1 && hops < 50; p = procs.get(p)?.ppid ?? 0, hops++) if (p === root) return true;
    return false;
  };
  for (const [pid, info] of procs) {
    if (!within(pid)) continue;
    // Chromium rewrites its command line into one string (its process title): match, don't split.
    const joined = info.cmdline.join(' ');
    const type = /--type=(\S+)/.exec(joined)?.[1];
    const kind = type ?? (/chromium/.test(info.cmdline[0] ?? '') ? 'browser' : /extensionHost|type=extensionHost/.test(joined) ? 'extension host'
      : /fileWatcher/.test(joined) ? 'file watcher' : /code-server|server-main|entry/.test(joined) ? 'code-server' : (info.cmdline[0] ?? '').split('/').pop() || 'other');
    result.set(pid, { kind, ms: info.ms });
  }
  return result;
}

/** Launches Debian's chromium through playwright-core; the caller closes it. */
export async function launchChromium({ headed = false } = {}) {
  requirePrerequisites(['chromium']);
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: which('chromium'), args: CHROMIUM_ARGS, headless: !headed });
}

/** Errors every offline run shows (no gallery, no vsda): not worth a line. */
const OFFLINE_NOISE = /Failed to load resource|ERR_NAME_NOT_RESOLVED|ENOTFOUND|getaddrinfo|open-vsx|vsda/;

/** Marks the extension host's console lines (see markConsole in test/integration/index.ts). */
export const CONSOLE_MARKER = '@@seed-test@@ ';

/** VS Code's log lines arrive as ["%c INFO", "color: ...", format, ...args]: rebuild the plain text. */
export async function consoleText(message) {
  const args = await Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '')));
  if (process.env.SEED_VERBOSE === '2') console.log(`[browser:raw] ${JSON.stringify(args)}`);
  if (typeof args[0] === 'string' && /^%c\s*[A-Z]+$/.test(args[0])) args.splice(0, 2);
  return args.length > 0 ? format(...args) : message.text();
}

/**
 * Runs a tests module (extensionTestsPath) in code-server + chromium against test/workspace (or
 * `workspace`: a folder or a `.code-workspace` file) and resolves with its exit code. Reusable by
 * other runners (benchmarks): `label` names the profile folder under .vscode-test/ and the
 * screenshots, `settings` are added to the fresh profile's user settings. `onSummary` gets the
 * suite's closing `N passed, N failed` line.
 */
export async function runTestsInCodeServer({
  testsPath, label = 'run-offline', grep = '', timeoutSeconds = 600, keepScreenshots = false, headed = false, env = {}, kind,
  workspace = workspaceDir, onSummary, settings = {},
}) {
  const { id } = extensionInfo();
  const bundle = kind === 'web' ? join(repoRoot, 'dist', 'web', 'extension.js') : join(repoRoot, 'dist', 'extension.js');
  for (const [file, how] of [[bundle, 'npm run build'], [testsPath, kind === 'web' ? 'npm run build' : 'npm run compile']]) {
    if (!existsSync(file)) throw new UserError(`${file} is missing: run \`${how}\` first (or use \`npm run test:integration\`)`);
  }
  requirePrerequisites(['chromium']);
  await installCodeServer();
  const copied = prepareWorkspace();
  log(`workspace ${workspaceDir} (fixtures copied: ${copied.join(', ') || 'none'})`);
  if (!existsSync(workspace)) throw new UserError(`${workspace} does not exist`);
  if (workspace !== workspaceDir) log(`opening ${workspace}`);

  const profile = freshProfile(label, settings);
  const port = await freePort();
  let browser;
  let server;
  onExit(() => {
    // Synchronous best effort on every way out (Ctrl+C, timeout, crash): never leave code-server behind.
    server?.stop();
    browser?.process?.()?.kill('SIGKILL');
  });

  const started = Date.now();
  server = await startCodeServer({
    port,
    ...profile,
    folder: workspace,
    env: { ...env, SEED_TEST_GREP: grep, SEED_TEST_CONSOLE_MARKER: CONSOLE_MARKER },
    onOutput: (line) => {
      if (process.env.SEED_VERBOSE === '1') console.log(`[code-server] ${line}`);
    },
  });
  log(`code-server listening on ${server.url} after ${((Date.now() - started) / 1000).toFixed(1)} s`);

  try {
    browser = await launchChromium({ headed });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    let summary;
    let resolveExit;
    const exitCode = new Promise((resolvePromise) => (resolveExit = resolvePromise));
    // Must be in place before the workbench loads: it calls this when the tests module settles.
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    // Handled one after another: reading a message's arguments is async and must not reorder lines.
    let consoleQueue = Promise.resolve();
    // SEED_BENCH_RENDERER_PROFILE=FILE: see '@@renderer-profile' below.
    const rendererProfile = process.env.SEED_BENCH_RENDERER_PROFILE;
    let rendererCdp;
    const cpuMarks = {};
    page.on('console', (message) => {
      consoleQueue = consoleQueue.then(async () => {
        const text = await consoleText(message);
        if (text.startsWith(CONSOLE_MARKER) && rendererProfile && text.includes('@@renderer-profile ')) {
          // A benchmark asks for a CPU profile of the workbench's renderer over part of its run.
          if (text.includes('@@renderer-profile start')) {
            rendererCdp = await page.context().newCDPSession(page);
            await rendererCdp.send('Profiler.enable');
            await rendererCdp.send('Profiler.setSamplingInterval', { interval: 250 });
            await rendererCdp.send('Profiler.start');
            log(`renderer CPU profile started (${rendererProfile})`);
          } else if (rendererCdp) {
            const { profile } = await rendererCdp.send('Profiler.stop');
            writeFileSync(rendererProfile, JSON.stringify(profile));
            log(`renderer CPU profile written to ${rendererProfile}`);
          }
          return;
        }
        if (text.startsWith(CONSOLE_MARKER) && text.includes('@@cpu ')) {
          // A benchmark marks a moment: the CPU time (user + system, from /proc) each process of
          // the browser and of code-server used since its previous mark, by kind of process.
          // This script's descendants: chromium (playwright gives no pid of it) and code-server.
          const now = processCpu(process.pid);
          const mark = text.slice(text.indexOf('@@cpu ') + 6).trim();
          // Since the run's first mark (processes started later count from zero).
          if (cpuMarks.first) {
            const since = {};
            for (const [pid, { kind, ms }] of now) since[kind] = (since[kind] ?? 0) + ms - (cpuMarks.first.get(pid)?.ms ?? 0);
            console.log(`[bench]   CPU ms ${cpuMarks.name} -> ${mark} (${Date.now() - cpuMarks.at} ms): ${Object.entries(since).sort((a, b) => b[1] - a[1]).map(([kind, ms]) => `${kind} ${ms.toFixed(0)}`).join(', ')}`);
          } else {
            Object.assign(cpuMarks, { first: now, name: mark, at: Date.now() });
          }
          return;
        }
        if (text.startsWith(CONSOLE_MARKER)) {
          for (const line of text.slice(CONSOLE_MARKER.length).split('\n')) {
            console.log(line);
            if (SUMMARY.test(line.trim())) summary = line.trim();
          }
        } else if (process.env.SEED_VERBOSE === '1') {
          console.log(`[browser:${message.type()}] ${text}`);
        } else if (message.type() === 'error' && !OFFLINE_NOISE.test(text)) {
          // Errors of the extension or the workbench (not the test output): shown, marked as such.
          console.log(`[workbench error] ${text.split('\n')[0]}`);
        }
      }, () => {});
    });
    page.on('pageerror', (error) => console.log(`[browser:pageerror] ${error.message}`));

    const authority = `127.0.0.1:${port}`;
    // VS Code 1.100's web workbench ignores extensionDevelopmentKind (its environment service names
    // it differently), so for the web host the extension under development is a web-only build
    // (manifest without `main`), with the tests inside it: VS Code runs the tests in the host
    // that runs the extension whose folder holds them.
    let extensionPath = repoRoot;
    let tests = testsPath;
    if (kind === 'web') {
      extensionPath = webOnlyExtension(join(profile.root, 'web-extension'));
      tests = join(extensionPath, relative(repoRoot, testsPath));
    }
    const url = payloadUrl(server.url, authority, workspace, extensionPath, tests, kind);
    log(`opening the workbench for ${id}${kind ? ` in the ${kind} extension host` : ''} (timeout ${timeoutSeconds} s${grep ? `, grep ${JSON.stringify(grep)}` : ''})`);
    await page.goto(url);

    let timer;
    const timedOut = new Promise((resolveTimeout) => {
      timer = setTimeout(() => resolveTimeout('timeout'), timeoutSeconds * 1000);
    });
    const result = await Promise.race([exitCode, timedOut]);
    clearTimeout(timer);
    await consoleQueue;

    const code = result === 'timeout' ? 1 : result;
    if (result === 'timeout') {
      console.error(`[vscode] ERROR: the tests did not finish within ${timeoutSeconds} s `
        + '(set SEED_TEST_TIMEOUT or --timeout to change it; SEED_VERBOSE=1 shows the workbench console).');
    }
    if (keepScreenshots || code !== 0) {
      mkdirSync(screenshotsDir, { recursive: true });
      const file = join(screenshotsDir, `${label}-${result === 'timeout' ? 'timeout' : code === 0 ? 'end' : 'failed'}.png`);
      await page.screenshot({ path: file }).then(() => log(`screenshot: ${file}`), () => {});
    }
    log(`tests finished with exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Repeated last, so the closing line CI reads is the suite's own count.
    if (summary) console.log(summary);
    if (summary) onSummary?.(summary);
    return code;
  } finally {
    await browser?.close().catch(() => {});
    await server.stop();
  }
}

/**
 * User settings of the test windows. Auto-save off, as desktop VS Code has it: code-server's web
 * workbench saves a changed file 1 s after the last edit by default, and the suites treat an edit
 * as unsaved until they revert it. (With it on, a move slower than 1 s after the queue suite's
 * approve saved a.seed, so "an approve reverted right after a move" found it not dirty.)
 */
const TEST_SETTINGS = { 'files.autoSave': 'off' };

async function main() {
  const { values } = parseArgs({
    options: {
      grep: { type: 'string' },
      screenshots: { type: 'boolean', default: false },
      timeout: { type: 'string' },
      headed: { type: 'boolean', default: false },
      web: { type: 'boolean', default: false },
      workspace: { type: 'string' },
    },
  });
  const timeoutSeconds = Number(values.timeout ?? process.env.SEED_TEST_TIMEOUT ?? 600);
  if (!(timeoutSeconds > 0)) throw new UserError(`--timeout / SEED_TEST_TIMEOUT must be a number of seconds, got ${values.timeout ?? process.env.SEED_TEST_TIMEOUT}`);
  if (values.workspace !== undefined && !values.workspace.endsWith('.code-workspace')) throw new UserError(`--workspace takes a .code-workspace file, not ${values.workspace}`);
  if (values.workspace !== undefined && values.web) throw new UserError('--workspace and --web cannot be combined (the web suite runs in test/workspace)');
  const common = {
    grep: values.grep ?? process.env.SEED_TEST_GREP ?? '',
    keepScreenshots: values.screenshots || process.env.SEED_KEEP_SCREENSHOTS === '1',
    timeoutSeconds,
    headed: values.headed,
    settings: TEST_SETTINGS,
  };
  if (values.web) return runTestsInCodeServer({ ...common, testsPath: join(repoRoot, 'out', 'web-test', 'suite.js'), label: 'run-offline-web', kind: 'web' });
  const testsPath = join(repoRoot, 'out', 'test', 'integration', 'index.js');
  if (values.workspace !== undefined) return runTestsInCodeServer({ ...common, testsPath, workspace: resolve(values.workspace) });

  // Both runs: a grep may select tests of only one of them, so neither may fail for running none;
  // the sum must not be zero.
  const runs = [
    { label: 'run-offline', workspace: workspaceDir },
    { label: 'run-offline-multi-root', workspace: multiRootWorkspaceFile },
  ];
  let passed = 0;
  let failed = 0;
  let worst = 0;
  for (const run of runs) {
    let summary;
    const code = await runTestsInCodeServer({
      ...common, ...run, testsPath, env: { SEED_TEST_ALLOW_NONE: '1' }, onSummary: (line) => (summary = line),
    });
    const counts = /^(\d+) passed, (\d+) failed/.exec(summary ?? '');
    if (counts) {
      passed += Number(counts[1]);
      failed += Number(counts[2]);
    } else if (code !== 0) {
      failed++;
    }
    worst = worst || code;
  }
  if (passed + failed === 0) {
    console.error('[vscode] ERROR: no integration test ran (check --grep / SEED_TEST_GREP)');
    worst = 1;
  }
  // The closing line CI and scripts/test-all.mjs read: the counts of both runs.
  console.log(`${passed} passed, ${failed} failed`);
  return worst;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  runMain(main);
}
