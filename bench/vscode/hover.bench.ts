// Runs inside a real VS Code (loaded as extensionTestsPath by scripts/vscode/run-bench.mjs hover):
// entity hover latency on a 10,000-document corpus through vscode.executeHoverProvider, (a) while
// the corpus index is being built (document-local answers) and (b) once it is built; the time of
// the full index build with the worker pool; and the heap the index takes.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { monitorEventLoopDelay, performance as hostPerformance, type EventLoopUtilization } from 'perf_hooks';
import * as vscode from 'vscode';
import { generateCorpusDetailed } from '../corpus-generator';
import { mentionPositions } from '../mention-positions';
import { LENS_WINDOW_DEFAULTS } from '../../src/core/review/lens-window';
import type { SeedReviewApi } from '../../src/extension';
import { readEntityConfig } from '../../src/features/entities/entity-config';
import { mentionHover } from '../../src/features/entities/hover';
import { collectGarbage, settledHeap } from './heap';
import { activatedSeedReview } from './extension';
import { profiled } from './profile';
import { report } from './report';

const HOVERS = 200;

type Setting = [section: string, key: string, value: unknown];

/**
 * SEED_HOVER_ABLATE=MODE: one contribution turned off for the whole run (set before the 10 MB file
 * opens, so that the workbench never takes it in), to see which of them makes the first seconds
 * after opening slow. One mode a run: the opening happens once; alternate runs to compare.
 */
/** VS Code's minimap section headers in seed files (off by default there: package.json configurationDefaults). */
const regionHeaders = (on: boolean | undefined) => vscode.workspace.getConfiguration('editor', { languageId: 'seed' })
  .update('minimap.showRegionSectionHeaders', on, vscode.ConfigurationTarget.Global, true);

const ABLATIONS: Record<string, { what: string; settings: Setting[]; apply?: (api: SeedReviewApi) => Promise<void>; undo?: (api: SeedReviewApi) => Promise<void> }> = {
  none: { what: 'nothing off (the control)', settings: [] },
  // Not ablations: the product as before session 4 (every document of the file gets its lenses; the
  // minimap's section headers on, one per document), and each half of it.
  before: {
    what: 'nothing; as before session 4: every document gets its CodeLenses, and the minimap shows a section header per document ([seed] editor.minimap.showRegionSectionHeaders: true)',
    settings: [],
    apply: async (api) => {
      api.review.codeLens.setWindowOptions({ ...LENS_WINDOW_DEFAULTS, minDocuments: Infinity });
      await regionHeaders(true);
    },
    undo: async (api) => {
      api.review.codeLens.setWindowOptions(LENS_WINDOW_DEFAULTS);
      await regionHeaders(undefined);
    },
  },
  'all-lenses': {
    what: 'nothing; every document gets its CodeLenses (no window around the visible lines)',
    settings: [],
    apply: async (api) => api.review.codeLens.setWindowOptions({ ...LENS_WINDOW_DEFAULTS, minDocuments: Infinity }),
    undo: async (api) => api.review.codeLens.setWindowOptions(LENS_WINDOW_DEFAULTS),
  },
  'region-headers': {
    what: 'nothing; the minimap shows a section header per document ([seed] editor.minimap.showRegionSectionHeaders: true)',
    settings: [],
    apply: async () => regionHeaders(true),
    undo: async () => regionHeaders(undefined),
  },
  codelens: { what: 'CodeLens (editor.codeLens: false)', settings: [['editor', 'codeLens', false]] },
  diagnostics: { what: 'diagnostics (seedReview.diagnostics.enabled: false)', settings: [['seedReview', 'diagnostics.enabled', false]] },
  folding: { what: 'folding ranges (editor.folding: false)', settings: [['editor', 'folding', false]] },
  symbols: { what: 'document symbols\' consumers (breadcrumbs, sticky scroll)', settings: [['breadcrumbs', 'enabled', false], ['editor', 'stickyScroll.enabled', false]] },
  highlights: { what: 'document highlights (editor.occurrencesHighlight: off)', settings: [['editor', 'occurrencesHighlight', 'off']] },
  semantic: { what: 'semantic tokens (editor.semanticHighlighting.enabled: false)', settings: [['editor', 'semanticHighlighting.enabled', false]] },
  sectionheaders: {
    what: 'VS Code\'s minimap section headers (editor.minimap.showRegionSectionHeaders, showMarkSectionHeaders: false; the folding markers of our language configuration make each document a region; region headers are off in seed files by default since session 4)',
    settings: [['editor', 'minimap.showRegionSectionHeaders', false], ['editor', 'minimap.showMarkSectionHeaders', false]],
  },
  'codelens+sectionheaders': {
    what: 'CodeLens and the minimap section headers',
    settings: [['editor', 'codeLens', false], ['editor', 'minimap.showRegionSectionHeaders', false], ['editor', 'minimap.showMarkSectionHeaders', false]],
  },
  minimap: { what: 'VS Code\'s minimap', settings: [['editor', 'minimap.enabled', false]] },
  // Not an ablation: every document foldable (VS Code keeps the first 5,000 ranges by default; the corpus has 10,067).
  'all-folds': { what: 'nothing; every document foldable (editor.foldingMaximumRegions: 65000, VS Code\'s maximum)', settings: [['editor', 'foldingMaximumRegions', 65000]] },
  ours: {
    what: 'every per-editor feature of ours (CodeLens, diagnostics, folding, symbols, highlights, code actions)',
    settings: [['editor', 'codeLens', false], ['seedReview', 'diagnostics.enabled', false], ['editor', 'folding', false], ['breadcrumbs', 'enabled', false],
      ['editor', 'stickyScroll.enabled', false], ['editor', 'occurrencesHighlight', 'off'], ['editor', 'lightbulb.enabled', 'off']],
  },
};

async function setAll(settings: readonly Setting[], on: boolean): Promise<void> {
  for (const [section, key, value] of settings) {
    await vscode.workspace.getConfiguration(section).update(key, on ? value : undefined, vscode.ConfigurationTarget.Global);
  }
}
const TARGET_P95_MS = 30;
const now = () => performance.now();

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const ms = (v: number) => `${v.toFixed(1)} ms`;

/**
 * Watches the extension host's own thread over a phase: how long its event loop was late
 * (callbacks waiting behind other work on this thread) and how busy it was. A hover's tail that
 * these do not show comes from outside the extension host: the workbench's side of the round
 * trip, or the machine's other processes.
 */
function watchHostThread(): () => string {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  const start: EventLoopUtilization = hostPerformance.eventLoopUtilization();
  delay.enable();
  return () => {
    delay.disable();
    const used = hostPerformance.eventLoopUtilization(start);
    const late = (q: number) => ms(delay.percentile(q) / 1e6);
    return `extension host thread: event loop delay p50 ${late(50)}, p95 ${late(95)}, max ${ms(delay.max / 1e6)}; busy ${(used.utilization * 100).toFixed(0)}% of ${(used.idle + used.active).toFixed(0)} ms`;
  };
}
const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;


/**
 * The names hovered (likely mentions): the generator's place and person names in body lines.
 * Chosen from the text, not from the index, because phase (a) runs before the index exists.
 */
const MENTION_NAMES = /\b(?:Kharkiv|Lyon|São Paulo|Nairobi|Osaka|Rotterdam|Izium|Kraków|Montréal|Dublin|Ankara|Mumbai|Porto Alegre|Zürich|Lagos|Tromsø|Kowalski|García|Lefèvre|Shevchenko|Okafor|Tanaka|Haddad|Lindqvist|Müller|Ivanova|Sharma|Costa|Nakamura|Brennan|Yılmaz)\b/gu;

async function hover(uri: vscode.Uri, position: vscode.Position): Promise<{ ms: number; text: string }> {
  const start = now();
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  const elapsed = now() - start;
  return { ms: elapsed, text: hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n') };
}

function line(label: string, times: number[], answered?: number, target = true): string {
  const p95 = percentile(times, 95);
  return `[bench]   ${label.padEnd(36)} n=${String(times.length).padStart(3)}  p50 ${ms(percentile(times, 50)).padStart(9)}  p90 ${ms(percentile(times, 90)).padStart(9)}`
    + `  p95 ${ms(p95).padStart(9)}  max ${ms(Math.max(...times)).padStart(9)}`
    + (answered === undefined ? '' : `  entity hovers ${answered}/${times.length}`)
    + (target ? `  ${p95 <= TARGET_P95_MS ? 'OK' : 'ABOVE'} (target p95 <= ${TARGET_P95_MS} ms)` : '');
}

/**
 * The verdict of one phase against its floor (a constant hover provider measured at the same
 * moments): the ratio says what the extension adds to VS Code's own round trip, and a floor above
 * the target says that this machine, as loaded now, cannot judge the target (no provider could meet it).
 */
function againstFloor(label: string, times: number[], floor: number[]): string {
  const p95 = percentile(times, 95);
  const floorP95 = percentile(floor, 95);
  const verdict = p95 <= TARGET_P95_MS
    ? 'target met'
    : floorP95 > TARGET_P95_MS
      ? `target not met, but a constant hover provider is above it too: the machine is too busy to judge the target (load ${os.loadavg()[0].toFixed(1)})`
      : 'target not met, while a constant hover provider stays under it';
  return `[bench]   ${label}: entity p95 ${ms(p95)} against the floor's ${ms(floorP95)} (${(p95 / floorP95).toFixed(2)}x the floor); ${verdict}`;
}

/**
 * The floor: executeHoverProvider on a small file whose provider returns a constant hover (VS Code's
 * own round trip, through the same workbench and extension host at the same moment).
 */
async function openFloor(dir: string): Promise<{ hover: () => Promise<number>; dispose: () => void }> {
  const file = path.join(dir, 'floor.txt');
  fs.writeFileSync(file, 'Paris\n');
  const registration = vscode.languages.registerHoverProvider({ pattern: file }, { provideHover: () => new vscode.Hover('**Paris** — place') });
  const uri = vscode.Uri.file(file);
  await vscode.workspace.openTextDocument(uri);
  return { hover: async () => (await hover(uri, new vscode.Position(0, 2))).ms, dispose: () => registration.dispose() };
}

async function floorTimes(dir: string, count: number): Promise<number[]> {
  const floor = await openFloor(dir);
  try {
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(await floor.hover());
    return times;
  } finally {
    floor.dispose();
  }
}

/**
 * Phase (a) second by second: hovers, entity and floor p95, the build's percent. Says whether the
 * tail follows the build (the whole phase) or a moment (the first seconds after opening the file).
 */
function timelineBySecond(timeline: readonly { at: number; entity: number; floor: number; percent: number }[]): string {
  const bins = new Map<number, { entity: number[]; floor: number[]; percent: number }>();
  for (const t of timeline) {
    const s = Math.floor(t.at / 1000);
    const bin = bins.get(s) ?? { entity: [], floor: [], percent: t.percent };
    bin.entity.push(t.entity);
    bin.floor.push(t.floor);
    bins.set(s, bin);
  }
  return [...bins].map(([s, b]) => `${s}s n=${b.entity.length} ${b.percent}% entity p95 ${percentile(b.entity, 95).toFixed(0)} floor p95 ${percentile(b.floor, 95).toFixed(0)}`).join('; ');
}

/** The provider's own work for the same positions, called directly (no VS Code round trip). */
function computeTimes(api: SeedReviewApi, document: vscode.TextDocument, positions: readonly vscode.Position[]): number[] {
  const service = api.entities.service;
  return positions.map((position) => {
    const start = now();
    const found = service.lookup(document, position);
    if (found) mentionHover(found, service, api.workspaceIndex);
    return now() - start;
  });
}

/** Entry point called by VS Code. Prints the figures; throws only when the benchmark itself fails. */
export async function run(): Promise<void> {
  const api = await activatedSeedReview();
  const service = api.entities.service;
  const ablateName = process.env.SEED_HOVER_ABLATE ?? 'none';
  const ablate = ABLATIONS[ablateName];
  if (!ablate) throw new Error(`SEED_HOVER_ABLATE: unknown mode ${ablateName}; known: ${Object.keys(ABLATIONS).join(', ')}`);
  await setAll(ablate.settings, true);
  await ablate.apply?.(api);
  report(`[bench] hover: off for this run (SEED_HOVER_ABLATE=${ablateName}): ${ablate.what}; in seed files editor.minimap.showRegionSectionHeaders is `
    + `${vscode.workspace.getConfiguration('editor', { languageId: 'seed' }).get('minimap.showRegionSectionHeaders')}, editor.codeLens ${vscode.workspace.getConfiguration('editor', { languageId: 'seed' }).get('codeLens')}`);
  // SEED_BENCH_NO_YIELD=1: the build does not pause for hovers (the comparison for the interactive pause).
  if (process.env.SEED_BENCH_NO_YIELD === '1') service.setInteractionYield(false);
  const gc = collectGarbage();
  await service.whenIdle();
  await service.rebuild({ dropCache: true });

  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder: the bench corpus must be part of the workspace');
  const dir = path.join(folder.uri.fsPath, 'bench-hover');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'corpus-10k.seed');
  const uri = vscode.Uri.file(file);
  const { text, documents } = generateCorpusDetailed({ targetBytes: 10 * 1024 * 1024, seed: 31, malformedRate: 0, documentChars: [400, 1200] });
  const positions = mentionPositions(text, MENTION_NAMES, HOVERS, 7);
  report(`[bench] hover: ${documents} documents, ${(text.length / 1048576).toFixed(1)} MB, ${service.index.documentCount} documents indexed before, ${positions.length} positions, workers ${readEntityConfig().workers} (setting ${vscode.workspace.getConfiguration('seedReview.entities').get('workers')})`);

  try {
    const heapBefore = await settledHeap(gc);
    // SEED_BENCH_RENDERER_PROFILE=FILE (read by scripts/vscode/run-offline.mjs): a CPU profile of the
    // workbench's renderer from just before the file is written to the end of phase (a).
    const rendererProfile = !!process.env.SEED_BENCH_RENDERER_PROFILE;
    if (rendererProfile) {
      report('@@renderer-profile start');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    // CPU marks (scripts/vscode/run-offline.mjs prints each process kind's CPU time between them).
    report('@@cpu write');
    // And at fixed moments: the CPU each process took to open the file, whatever the hovers did.
    for (const s of [5, 10, 15, 20]) setTimeout(() => report(`@@cpu write + ${s} s`), s * 1000);
    const started = now();
    fs.writeFileSync(file, text);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    // Wait until the workspace index has the file: from then on the entity index is building it.
    while (!api.workspaceIndex.get(uri)) await new Promise((resolve) => setTimeout(resolve, 20));
    const listed = now() - started;

    // (a) Before the corpus index is ready: answers from the document alone.
    const hostDuringA = watchHostThread();
    const before: number[] = [];
    let beforeAnswered = 0;
    let buildingSeen = 0;
    let firstBuildingHover: string | undefined;
    // Each entity hover is followed by a constant hover: the floor at the same moment (a tail that
    // both show comes from the round trip, not from the entity provider).
    const floorNow = await openFloor(dir);
    const floorInterleaved: number[] = [];
    const control = process.env.SEED_BENCH_HOVER_CONTROL === '1';
    const floorAfterFloor: number[] = [];
    /** Each hover of phase (a): when it started (ms after the file was written), its time, the floor's, the build's percent. */
    const timeline: { at: number; entity: number; floor: number; percent: number }[] = [];
    let marked3s = false;
    // SEED_BENCH_PROFILE=FILE: a CPU profile of the extension host over these hovers.
    await profiled(async () => {
      for (const position of positions) {
        const at = now() - started;
        const h = await hover(uri, position);
        if (timeline.length === 0) report('@@cpu first answer');
        else if (at >= timeline[0].at + timeline[0].entity + 3000 && !marked3s) {
          marked3s = true;
          report('@@cpu 3 s after the first answer');
        }
        if (!/corpus index: building/.test(h.text) && (h.text !== '' || !service.building)) break;
        const floorMs = await floorNow.hover();
        floorInterleaved.push(floorMs);
        // SEED_BENCH_HOVER_CONTROL=1: a second constant hover, after the first (the floor at the same moment, no entity hover just before).
        if (control) floorAfterFloor.push(await floorNow.hover());
        timeline.push({ at, entity: h.ms, floor: floorMs, percent: service.percent });
        before.push(h.ms);
        if (h.text) {
          beforeAnswered++;
          buildingSeen++;
          firstBuildingHover ??= h.text;
        }
      }
    });
    floorNow.dispose();
    report('@@cpu end of (a)');
    if (rendererProfile) {
      report('@@renderer-profile stop');
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    const yieldDuringA = { ...service.interactionYield };
    // The same work called directly, and VS Code's round trip, both while the workers still run.
    const computeDuring = service.building ? computeTimes(api, document, mentionPositions(text, MENTION_NAMES, HOVERS, 8)) : [];
    const floorDuring = service.building ? await floorTimes(dir, 100) : [];
    const hostThreadA = hostDuringA();
    const buildWait = now();
    await service.whenIdle();
    while (!service.index.uris().includes(uri.toString()) || service.building) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await service.whenIdle();
    }
    const buildMs = now() - started;
    const stats = { ...service.stats };
    report(`[bench] index build (${readEntityConfig().workers}-worker pool): ${(buildMs / 1000).toFixed(1)} s from writing the file to a built index `
      + `(workspace index listed it after ${ms(listed)}; the last build round took ${(stats.lastBuildMs / 1000).toFixed(1)} s: `
      + `${stats.lastBuildExtracted} extracted, ${stats.lastBuildFromCache} from cache; waited ${((now() - buildWait) / 1000).toFixed(1)} s after phase (a))`);

    // (b) After: through the corpus index. The first hover is shown apart (it may build summaries).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const first = await hover(uri, positions[0]);
    const hostDuringB = watchHostThread();
    const after: number[] = [];
    let afterAnswered = 0;
    for (const position of positions) {
      const h = await hover(uri, position);
      after.push(h.ms);
      if (/In the corpus:/.test(h.text)) afterAnswered++;
    }
    const hostThreadB = hostDuringB();
    const compute = computeTimes(api, document, positions);
    const floor = await floorTimes(dir, positions.length);
    report(`[bench] hover latency, vscode.executeHoverProvider on random mentions (load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${os.cpus().length} cores):`);
    if (before.length > 0) {
      report(line('(a) while the index builds', before, beforeAnswered));
      report(line('(a) without the first hover', before.slice(1), undefined, false));
      if (computeDuring.length > 0) report(line('(a) provider work only (direct call)', computeDuring, undefined, false));
      report(line('(a) floor, each after an entity hover', floorInterleaved, undefined, false));
      if (floorAfterFloor.length > 0) report(line('(a) floor, each after a floor', floorAfterFloor, undefined, false));
      if (floorDuring.length > 0) report(line('(a) floor while the workers run', floorDuring, undefined, false));
      report(`[bench]   (a) ${hostThreadA}`);
      const y = yieldDuringA;
      report(`[bench]   (a) the build paused for hovers: ${process.env.SEED_BENCH_NO_YIELD === '1' ? 'off (SEED_BENCH_NO_YIELD=1)' : `${y.pauses} pause(s), ${(y.pausedMs / 1000).toFixed(1)} s in all, ${y.refused} hover(s) found no pause credit`}`);
      report(`[bench]   (a) by second after the file was written: ${timelineBySecond(timeline)}`);
      report(`[bench]   (a) first answer ${ms(timeline[0].at + timeline[0].entity)} after the file was written (opened and listed after ${ms(listed)}); `
        + `hovers over 50 ms: ${before.filter((t) => t > 50).length} of ${before.length}, the last started ${ms(Math.max(0, ...timeline.filter((t) => t.entity > 50).map((t) => t.at)))} after writing`);
      // The first seconds after the 10 MB file opens are slow whether or not the build runs (the workbench takes the file in).
      const firstAnswer = timeline[1]?.at ?? Infinity;
      const settled = timeline.filter((t) => t.at >= firstAnswer + 3000);
      if (settled.length > 0) {
        report(line('(a) from 3 s after the first answer', settled.map((t) => t.entity), undefined, false));
        report(line('(a) floor, same moments', settled.map((t) => t.floor), undefined, false));
      }
    } else {
      report('[bench]   (a) while the index builds: no hover landed before the index was ready');
    }
    report(line('(b) corpus index built', after, afterAnswered));
    report(line('(b) provider work only (direct call)', compute, undefined, false));
    report(`[bench]   (b) ${hostThreadB}`);
    report(line('floor: constant hover provider', floor, undefined, false));
    if (before.length > 0) report(againstFloor('verdict (a) while the index builds', before, floorInterleaved));
    report(againstFloor('verdict (b) corpus index built', after, floor));
    report(`[bench]   first hover after the build: ${ms(first.ms)}; (a) answers saying "corpus index: building": ${buildingSeen}`);
    if (firstBuildingHover) report(`[bench]   sample (a) hover: ${firstBuildingHover.replace(/\n+/g, ' | ').slice(0, 200)}`);

    // Memory: the heap with the index built, then with the entity features off (index dropped, cache kept).
    const heapBuilt = await settledHeap(gc);
    const cacheEntries = service.stats.fromCache;
    await vscode.workspace.getConfiguration('seedReview.entities').update('enabled', false, vscode.ConfigurationTarget.Global);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const heapWithoutIndex = await settledHeap(gc);
    report(`[bench] heap: +${mb(heapBuilt - heapBefore)} after opening the 10 MB file and building the index (editor text, parse, workspace index, entity index, cache); `
      + `the entity index alone ${mb(heapBuilt - heapWithoutIndex)} (heap drop when the entity features are turned off; the extraction cache stays)`);

    // Rebuild from the cache in memory, then through storage (what reopening the window does).
    await vscode.workspace.getConfiguration('seedReview.entities').update('enabled', undefined, vscode.ConfigurationTarget.Global);
    let t = now();
    await service.whenIdle();
    while (!service.index.uris().includes(uri.toString())) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await service.whenIdle();
    }
    const fromMemory = now() - t;
    t = now();
    await service.rebuild({ reloadCache: true });
    const fromStorage = now() - t;
    const cacheBytes = fs.existsSync(service.cacheFile) ? fs.statSync(service.cacheFile).size : 0;
    report(`[bench] rebuild with the cache: ${ms(fromMemory)} from memory; ${ms(fromStorage)} through storage (write + read ${mb(cacheBytes)}, `
      + `${service.stats.cacheLoaded} entries loaded, ${service.stats.lastBuildFromCache} documents from cache, ${service.stats.lastBuildExtracted} extracted; cache hits before: ${cacheEntries})`);
  } finally {
    await ablate.undo?.(api);
    await setAll(ablate.settings, false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
