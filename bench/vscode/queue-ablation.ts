// (2c) of the queue bench: where the time of a paused Go to Next Unreviewed goes. The paused move of
// (2b) is repeated with one feature off at a time (SEED_QUEUE_ABLATE=MODE,...; "none" is the
// control with everything on, always included), in interleaved rounds so that the machine's load
// drifts over all modes alike. For each move: wall time, the extension host's CPU time, the longest
// block of its event loop and its GC pauses. Optional evidence for a profile:
//   SEED_QUEUE_ABLATE_WINDOWS=FILE  the moves' windows (CLOCK_MONOTONIC µs, the clock of V8's and
//                                   Chromium's CPU profiles on Linux) to cut profiles per move;
//   SEED_QUEUE_ABLATE_PROFILE=FILE  a CPU profile of the extension host over the rounds;
//   SEED_BENCH_RENDERER_PROFILE=FILE (read by scripts/vscode/run-offline.mjs) a CPU profile of the
//                                   workbench's renderer over the same rounds.
import * as fs from 'fs';
import { monitorEventLoopDelay, PerformanceObserver, type PerformanceEntry } from 'perf_hooks';
import * as vscode from 'vscode';
import type { SeedReviewApi } from '../../src/extension';
import { cpuMs, profiled } from './profile';
import { report } from './report';

type Setting = [section: string, key: string, value: unknown];

interface Mode {
  /** What is off (printed with the figures). */
  what: string;
  settings?: Setting[];
  apply?: (api: SeedReviewApi) => void | Promise<void>;
  undo?: (api: SeedReviewApi) => void | Promise<void>;
  /** A move other than the command (the floor under the same conditions). */
  move?: () => Promise<void>;
}

const OURS: Setting[] = [
  ['editor', 'codeLens', false],
  ['seedReview', 'diagnostics.enabled', false],
  ['editor', 'folding', false],
  ['breadcrumbs', 'enabled', false],
  ['editor', 'stickyScroll.enabled', false],
  ['editor', 'occurrencesHighlight', 'off'],
  ['editor', 'lightbulb.enabled', 'off'],
];

let pausedStatusUpdate: (() => void) | undefined;
const statusBarOff = (api: SeedReviewApi) => {
  const bar = api.review.statusBar;
  pausedStatusUpdate = bar.update;
  bar.update = () => undefined;
};
const statusBarOn = (api: SeedReviewApi) => {
  if (pausedStatusUpdate) api.review.statusBar.update = pausedStatusUpdate;
};

/** The file the next unreviewed move goes to, loaded now as the preload would. */
async function nextTarget(api: SeedReviewApi): Promise<{ uri: vscode.Uri; line: number } | undefined> {
  const editor = vscode.window.activeTextEditor;
  const target = api.review.queue.queue.nextUnreviewed({ key: editor?.document.uri.toString(), line: editor?.selection.active.line ?? 0 }, 'workspace');
  if (!target) return undefined;
  const uri = vscode.Uri.parse(target.key);
  await vscode.workspace.openTextDocument(uri);
  return { uri, line: 0 };
}

let pending: Promise<{ uri: vscode.Uri; line: number } | undefined> | undefined;

const MODES: Record<string, Mode> = {
  none: { what: 'nothing off (the control)' },
  codelens: { what: 'CodeLens (editor.codeLens: false)', settings: [['editor', 'codeLens', false]] },
  diagnostics: { what: 'diagnostics (seedReview.diagnostics.enabled: false)', settings: [['seedReview', 'diagnostics.enabled', false]] },
  folding: { what: 'folding ranges (editor.folding: false)', settings: [['editor', 'folding', false]] },
  symbols: { what: 'document symbols\' consumers (breadcrumbs, sticky scroll)', settings: [['breadcrumbs', 'enabled', false], ['editor', 'stickyScroll.enabled', false]] },
  highlights: { what: 'document highlights (editor.occurrencesHighlight: off)', settings: [['editor', 'occurrencesHighlight', 'off']] },
  codeactions: { what: 'code actions on the cursor (editor.lightbulb.enabled: off)', settings: [['editor', 'lightbulb.enabled', 'off']] },
  semantic: { what: 'semantic tokens (editor.semanticHighlighting.enabled: false)', settings: [['editor', 'semanticHighlighting.enabled', false]] },
  statusbar: { what: 'the status bar\'s update on each editor', apply: statusBarOff, undo: statusBarOn },
  preload: { what: 'the preload (seedReview.navigation.preload: false)', settings: [['seedReview', 'navigation.preload', false]] },
  minimap: { what: 'VS Code\'s minimap', settings: [['editor', 'minimap.enabled', false]] },
  tree: {
    what: 'nothing; the Seed Corpus view visible instead of hidden',
    apply: async () => { await vscode.commands.executeCommand('seedReview.corpus.focus'); await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup'); },
    undo: async () => { await vscode.commands.executeCommand('workbench.view.explorer'); await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup'); },
  },
  ours: { what: 'every per-editor feature of ours (CodeLens, diagnostics, folding, symbols, highlights, code actions, status bar)', settings: OURS, apply: statusBarOff, undo: statusBarOn },
  lean: { what: 'ours and VS Code\'s minimap, links, indent guides', settings: [...OURS, ['editor', 'minimap.enabled', false], ['editor', 'links', false], ['editor', 'guides.indentation', false]], apply: statusBarOff, undo: statusBarOn },
  relist: {
    what: 'the timed relisting of the workspace (intervals of an hour)',
    apply: (api) => api.workspaceIndex.setRelistIntervals(3_600_000, 3_600_000),
    undo: (api) => api.workspaceIndex.setRelistIntervals(3_000, 30_000),
  },
  explorer: {
    what: 'VS Code\'s Explorer (side bar closed: it reveals no file)',
    apply: async () => { await vscode.commands.executeCommand('workbench.action.closeSidebar'); await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup'); },
    undo: async () => { await vscode.commands.executeCommand('workbench.view.explorer'); await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup'); },
  },
  show: {
    what: 'the command: the bench shows the next file itself (showTextDocument of a loaded document, as the floor)',
    move: async () => {
      const target = await pending;
      if (target) await vscode.window.showTextDocument(target.uri, { preview: true });
    },
  },
  'show-selection': {
    what: 'the command: showTextDocument with the selection in its options',
    move: async () => {
      const target = await pending;
      if (target) await vscode.window.showTextDocument(target.uri, { preview: true, selection: new vscode.Range(target.line, 0, target.line, 0) });
    },
  },
};

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? NaN;
const f0 = (value: number) => value.toFixed(0);
const f1 = (value: number) => value.toFixed(1);
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

interface MoveFigure { mode: string; wall: number; cpu: number; gc: number; gcMax: number; loopMax: number; start: number; end: number }

async function setAll(settings: Setting[] | undefined, on: boolean): Promise<void> {
  for (const [section, key, value] of settings ?? []) {
    await vscode.workspace.getConfiguration(section).update(key, on ? value : undefined, vscode.ConfigurationTarget.Global);
  }
}

/** Runs (2c) and prints one line per mode (names unknown to MODES are refused up front). */
export async function ablation(api: SeedReviewApi, requested: string[], start: vscode.Uri): Promise<void> {
  const unknown = requested.filter((mode) => !MODES[mode]);
  if (unknown.length) throw new Error(`SEED_QUEUE_ABLATE: unknown mode(s) ${unknown.join(', ')}; known: ${Object.keys(MODES).join(', ')}`);
  const modes = ['none', ...requested.filter((mode) => mode !== 'none')];
  const rounds = Number(process.env.SEED_QUEUE_ABLATE_ROUNDS ?? 3);
  const perRound = Number(process.env.SEED_QUEUE_ABLATE_MOVES ?? 20);
  const READ_MS = 400;
  report(`queue bench (2c) ablation: ${modes.length} modes x ${rounds} rounds x ${perRound} paused moves (${READ_MS} ms pause), interleaved; Seed Corpus view visible at the start: ${api.review.corpusTree.view.visible}`);

  const gcs: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => gcs.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const figures: MoveFigure[] = [];
  // Start on a seed file of the bench's folder past the files (2) and (2b) visited, so that every
  // move opens another bare file (from elsewhere, the queue's first unreviewed documents can be
  // in a corpus of the test workspace, where a move only reveals the next document).
  await vscode.window.showTextDocument(start, { preview: true });
  let stayed = 0;
  if (process.env.SEED_BENCH_RENDERER_PROFILE) {
    report('@@renderer-profile start');
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  await profiled(async () => {
    for (let round = 0; round < rounds; round++) {
      for (const name of modes) {
        const mode = MODES[name];
        await setAll(mode.settings, true);
        await mode.apply?.(api);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        for (let i = 0; i < perRound; i++) {
          if (mode.move) pending = nextTarget(api);
          await new Promise((resolve) => setTimeout(resolve, READ_MS));
          await pending;
          const gcBefore = gcs.length;
          loop.reset();
          loop.enable();
          const cpuStart = cpuMs();
          const start = monotonicUs();
          const before = vscode.window.activeTextEditor?.document.uri.toString();
          const started = performance.now();
          if (mode.move) await mode.move();
          else await vscode.commands.executeCommand('seedReview.nextUnreviewedDocument');
          const wall = performance.now() - started;
          if (vscode.window.activeTextEditor?.document.uri.toString() === before) stayed++;
          const end = monotonicUs();
          const cpu = cpuMs() - cpuStart;
          loop.disable();
          // GC entries arrive a little later: matched by time below.
          figures.push({ mode: name, wall, cpu, gc: gcBefore, gcMax: 0, loopMax: loop.max / 1e6, start, end });
        }
        await mode.undo?.(api);
        await setAll(mode.settings, false);
      }
    }
  }, process.env.SEED_QUEUE_ABLATE_PROFILE);
  if (process.env.SEED_BENCH_RENDERER_PROFILE) {
    report('@@renderer-profile stop');
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  observer.disconnect();
  // performance.now() of each GC entry against the move's window (monotonic µs -> performance clock).
  const offsetUs = monotonicUs() - performance.now() * 1000;
  for (const figure of figures) {
    const inside = gcs.filter((entry) => entry.startTime * 1000 + offsetUs >= figure.start && entry.startTime * 1000 + offsetUs < figure.end);
    figure.gc = inside.reduce((sum, entry) => sum + entry.duration, 0);
    figure.gcMax = Math.max(0, ...inside.map((entry) => entry.duration));
  }
  report(`queue bench (2c) moves that opened no other file: ${stayed} of ${figures.length} (should be 0)`);
  if (process.env.SEED_QUEUE_ABLATE_WINDOWS) fs.writeFileSync(process.env.SEED_QUEUE_ABLATE_WINDOWS, JSON.stringify(figures));
  for (const name of modes) {
    const mine = figures.filter((figure) => figure.mode === name);
    const walls = mine.map((figure) => figure.wall);
    const cpus = mine.map((figure) => figure.cpu);
    const slow = [...mine].sort((a, b) => b.wall - a.wall).slice(0, 3);
    report(`queue bench (2c) ${name}, off: ${MODES[name].what}: ${mine.length} moves p50 ${f0(quantile(walls, 0.5))} ms, p95 ${f0(quantile(walls, 0.95))} ms, max ${f0(Math.max(...walls))} ms; `
      + `extension-host CPU per move p50 ${f1(quantile(cpus, 0.5))} ms, p95 ${f1(quantile(cpus, 0.95))} ms; GC in moves ${f1(mine.reduce((sum, figure) => sum + figure.gc, 0))} ms in all (longest ${f1(Math.max(...mine.map((figure) => figure.gcMax)))} ms); `
      + `longest event-loop block per move p50 ${f0(quantile(mine.map((figure) => figure.loopMax), 0.5))} ms, p95 ${f0(quantile(mine.map((figure) => figure.loopMax), 0.95))} ms; `
      + `3 slowest: ${slow.map((figure) => `${f0(figure.wall)} ms (CPU ${f0(figure.cpu)}, GC ${f0(figure.gc)}, block ${f0(figure.loopMax)})`).join(', ')}`);
  }
}
