// Runs inside a real VS Code as extensionTestsPath, bundled for platform browser
// (out/web-test/web-bench.js), once in the web worker extension host and once in the Node one
// (scripts/vscode/run-bench.mjs web): activation time, parse + diagnostics of a 20 MB corpus with
// the same code on the same text, and the entity index of 1,000 documents built with the host's
// workers and in slices on the extension host, with entity hover latency while it builds; the
// runner prints the two hosts side by side.
import * as vscode from 'vscode';
import type { SeedReviewHostApi } from '../../src/activate';
import { generateCorpus, generateCorpusDetailed } from '../corpus-generator';
import { mentionPositions } from '../mention-positions';
import { parseSeed } from '../../src/core/parser';

/** The runner's console marker (CONSOLE_MARKER in scripts/vscode/run-offline.mjs). */
const MARKER = '@@seed-test@@ ';
const say = (text: string): void => console.log(`${MARKER}${text}`);
const RUNS = 7;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Called by VS Code once the window is up. */
export async function run(): Promise<void> {
  const host = typeof process === 'undefined' ? 'web' : 'node';
  const extension = vscode.extensions.getExtension('seed-review.seed-review');
  if (!extension) throw new Error('seed-review.seed-review is not loaded');
  const wasActive = extension.isActive;
  let start = performance.now();
  await extension.activate();
  const activation = performance.now() - start;
  say(`web-bench ${host} activation: ${activation.toFixed(1)} ms${wasActive ? ' (was already active: not measured)' : ''}`);

  const text = generateCorpus({ targetBytes: 20e6, seed: 42, malformedRate: 0.01 });
  let sink = 0;
  for (let i = 0; i < 2; i++) sink += parseSeed(text).diagnostics.length;
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    start = performance.now();
    const result = parseSeed(text);
    samples.push(performance.now() - start);
    sink += result.diagnostics.length;
  }
  say(`web-bench ${host} parse 20 MB: median ${median(samples).toFixed(1)} ms, best ${Math.min(...samples).toFixed(1)} ms, ${RUNS} runs (seed 42, ${(text.length / 1e6).toFixed(1)} M chars, ${sink} diagnostics counted)`);
  await entityBench(host, extension.exports as SeedReviewHostApi | undefined);
  say('0 passed, 0 failed');
}

const BENCH_DOCUMENTS = 1000;
const percentile = (values: number[], p: number) => (values.length === 0 ? NaN : [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))]);

/** The generator's corpus cut to its first `count` documents. */
function corpusOf(count: number): string {
  const { text } = generateCorpusDetailed({ targetBytes: count * 1400, seed: 31, malformedRate: 0, documentChars: [400, 1200] });
  let at = -1;
  for (let i = 0; i <= count; i++) {
    at = text.indexOf('\n<<< ', at + 1);
    if (at < 0) throw new Error(`the generator wrote fewer than ${count + 1} documents`);
  }
  return text.slice(0, at + 1);
}

/** The generator's place and person names (chosen from the text: the index may not have them yet). */
const MENTION_NAMES = /\b(?:Kharkiv|Lyon|Nairobi|Osaka|Rotterdam|Izium|Dublin|Ankara|Mumbai|Lagos|Kowalski|García|Shevchenko|Okafor|Tanaka|Haddad|Lindqvist|Ivanova|Sharma|Costa|Nakamura|Brennan)\b/gu;

async function hover(uri: vscode.Uri, position: vscode.Position): Promise<{ ms: number; answered: boolean }> {
  const start = performance.now();
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return { ms: performance.now() - start, answered: hovers.some((h) => h.contents.some((c) => / — (person|place|organization)/.test(typeof c === 'string' ? c : c.value))) };
}

/**
 * The entity index of 1,000 generated documents (plus the workspace's fixtures), rebuilt without
 * its cache: with the host's workers (Web Workers in the browser, threads in Node) and in slices on
 * the extension host (what a host without workers does); hovers on names run meanwhile.
 */
async function entityBench(host: string, api: SeedReviewHostApi | undefined): Promise<void> {
  const service = api?.entities?.service;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!api || !service || !folder) {
    say(`web-bench ${host} entities: not measured (${!folder ? 'no workspace folder' : 'no entity features in this host'})`);
    return;
  }
  const text = corpusOf(BENCH_DOCUMENTS);
  const uri = vscode.Uri.joinPath(folder.uri, 'bench-web-entities.seed');
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  try {
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const deadline = Date.now() + 60_000;
    while (!api.workspaceIndex.get(uri) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await service.whenIdle();
    const positions = mentionPositions(text, MENTION_NAMES, 400, 7);
    for (const mode of [undefined, 'slices'] as const) {
      await service.setExtractionMode(mode);
      // Warm the model and the workers (not timed): one rebuild from the cache.
      await service.rebuild();
      const started = performance.now();
      let finished = false;
      const rebuilt = service.rebuild({ dropCache: true }).then(() => service.whenIdle()).then(() => {
        finished = true;
      });
      const times: number[] = [];
      let answered = 0;
      for (let i = 0; !finished; i = (i + 1) % positions.length) {
        const h = await hover(uri, positions[i]);
        if (finished) break;
        times.push(h.ms);
        if (h.answered) answered++;
      }
      await rebuilt;
      const buildMs = performance.now() - started;
      const stats = service.stats;
      say(`web-bench ${host} entity index ${service.extractionMode} (${service.extractionDetail}): ${BENCH_DOCUMENTS} generated documents + fixtures = ${service.index.documentCount} documents, `
        + `${stats.lastBuildExtracted} extracted, in ${buildMs.toFixed(0)} ms`);
      say(`web-bench ${host} hover while the index builds (${service.extractionMode}): n=${times.length} p50 ${percentile(times, 50).toFixed(1)} ms, `
        + `p95 ${percentile(times, 95).toFixed(1)} ms, max ${(times.length ? Math.max(...times) : NaN).toFixed(1)} ms, entity hovers ${answered}/${times.length}`);
    }
  } finally {
    await service.setExtractionMode(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  }
}
