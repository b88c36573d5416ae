// Runs inside a real VS Code (loaded as extensionTestsPath by scripts/vscode/run-bench.mjs): a
// workspace folder of 10,000 bare seed files (about 10 MB, made by the corpus generator and the
// core's split, with a review ledger where 9 files in 10 are approved). Times (1) how long until
// the workspace index, the Seed Corpus view (the folder's 10,000 documents) and the workspace
// progress in the status bar are complete, from a full scan as at start, against the floor of
// finding and reading the same files through the same API; reports the extension host's heap
// growth; and (2) Go to Next Unreviewed Document across files (each move skips 9 approved files
// and opens the next unreviewed one), p50 / p95, against the floor of opening the same files.
// SEED_QUEUE_ENTITIES=0 runs it with the entity index off; SEED_QUEUE_ABLATE=MODE,... adds (2c), the
// paused moves with one feature off at a time (queue-ablation.ts).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { generateCorpusDetailed } from '../corpus-generator';
import { serializeLedger, type LedgerRecord } from '../../src/core/review/ledger';
import { split } from '../../src/core/review/split';
import type { FolderNode } from '../../src/features/review/corpus-tree';
import { collectGarbage, settledHeap } from './heap';
import { activatedSeedReview } from './extension';
import { cpuMs, profiled } from './profile';
import { report } from './report';
import { ablation } from './queue-ablation';

const now = () => performance.now();
const ms = (value: number) => `${value.toFixed(0)} ms`;
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))];

/** Called by the runner: prints the figures, never asserts a speed. */
export async function run(): Promise<void> {
  const api = await activatedSeedReview();
  const workspace = vscode.workspace.workspaceFolders?.[0];
  if (!workspace) throw new Error('no workspace folder: the bench files must be part of the workspace');
  await api.workspaceIndex.ready;
  const gc = collectGarbage();
  // SEED_QUEUE_ENTITIES=0: the same run with the entity index off, to see what it costs the scan.
  const entitiesOff = process.env.SEED_QUEUE_ENTITIES === '0';
  if (entitiesOff) await vscode.workspace.getConfiguration('seedReview').update('entities.enabled', false, vscode.ConfigurationTarget.Global);
  report(`queue bench: entity index ${entitiesOff ? 'off (SEED_QUEUE_ENTITIES=0)' : 'on (the default)'}`);

  // 10,000 documents of about 1 KB, split into bare files; a ledger approving 9 in 10.
  const dir = path.join(workspace.uri.fsPath, 'bench-queue');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { text } = generateCorpusDetailed({ targetBytes: 10 * 1024 * 1024, seed: 47, malformedRate: 0, documentChars: [380, 1240] });
  const parts = split(text);
  if (parts.problems.some((problem) => problem.severity === 'error')) throw new Error(`split refused the generated corpus: ${parts.problems[0].message}`);
  let bytes = 0;
  for (const file of parts.files) {
    fs.writeFileSync(path.join(dir, file.name), file.text);
    bytes += Buffer.byteLength(file.text);
  }
  const ids = parts.files.map((file) => file.name.slice(0, -4)).sort();
  const records: LedgerRecord[] = ids.map((id, i): LedgerRecord => ({ id, attributes: i % 10 === 0 ? {} : { status: 'approved' } }));
  fs.writeFileSync(path.join(dir, 'seed-review.jsonl'), serializeLedger(records.filter((record) => Object.keys(record.attributes).length)));
  report(`queue bench: ${parts.files.length} bare seed files, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${ids.filter((_, i) => i % 10 === 0).length} unreviewed (every 10th)`);

  // Let the file watcher's 10,000 create events settle first (the index reads each new file once).
  const last = vscode.Uri.file(path.join(dir, parts.files[parts.files.length - 1].name));
  for (let waited = 0; !api.workspaceIndex.get(last) && waited < 120_000; waited += 250) await new Promise((resolve) => setTimeout(resolve, 250));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  // The entity index extracts the 10,000 new documents in workers (a minute of both cores): a
  // window opening on these files starts it after the first scan, so the scan is timed after it.
  let started = now();
  await api.entities.service.whenIdle();
  report(`queue bench: waited ${ms(now() - started)} for the entity index to take the new files`);

  // Floors of (1): finding the seed files of the workspace, and reading them (16 at a time) through
  // workspace.fs and through Node's fs (which the Node host's index uses for file: URIs).
  started = now();
  const found = await vscode.workspace.findFiles('**/[0-9][0-9][0-9]*_*.txt', '{**/node_modules/**,**/.git/**}');
  const findMs = now() - started;
  for (let i = 0; i < found.length; i += 16) await Promise.all(found.slice(i, i + 16).map((uri) => vscode.workspace.fs.readFile(uri)));
  const floor = now() - started;
  started = now();
  let cpuStart = cpuMs();
  for (let i = 0; i < found.length; i += 16) await Promise.all(found.slice(i, i + 16).map((uri) => fs.promises.readFile(uri.fsPath)));
  const nodeRead = now() - started;
  const nodeReadCpu = cpuMs() - cpuStart;

  // (1) A full scan as at start, until the index, the view's folder and the progress are complete.
  const heapBefore = await settledHeap(gc);
  const tree = api.review.corpusTree;
  const folderUri = vscode.Uri.file(dir);
  started = now();
  cpuStart = cpuMs();
  await profiled(() => api.workspaceIndex.rescan());
  const scanned = now() - started;
  const folder = tree.getChildren().find((node): node is FolderNode => node.kind === 'folder' && node.folder.fsPath === folderUri.fsPath);
  const shown = folder ? tree.getChildren(folder).length : 0;
  const bar = api.review.statusBar;
  bar.updateProgress();
  const complete = now() - started;
  const cpu = cpuMs() - cpuStart;
  const progress = api.review.queue.queue.progress();
  const heapAfter = await settledHeap(gc);
  report(`queue bench (1) scan until view and progress complete: ${ms(complete)} (index ${ms(scanned)}; extension host CPU ${ms(cpu)}; target <= 3000 ms); floor (find + read the same files through workspace.fs): ${ms(floor)} (find ${ms(findMs)}); ratio ${(complete / floor).toFixed(2)}x`);
  const phases = api.workspaceIndex.lastScan;
  report(`queue bench (1) the scan's phases: review ledgers ${ms(phases.ledgersMs)}, listing (findFiles) ${ms(phases.listingMs)}, reading, parsing and indexing ${ms(phases.readingMs)}; the change event's listeners (queue, tree, status bar, Problems, entities) ${ms(scanned - phases.ledgersMs - phases.listingMs - phases.readingMs)}; reading the view and the progress ${ms(complete - scanned)}`);
  report(`queue bench (1) reading the same files with Node's fs, 16 at a time: ${ms(nodeRead)} (CPU ${ms(nodeReadCpu)}); find + Node read ${ms(findMs + nodeRead)}, ratio ${(complete / (findMs + nodeRead)).toFixed(2)}x`);
  report(`queue bench (1) view shows ${shown} documents of the folder; status bar: "${bar.progress.text}" (${progress.total} documents in the workspace)`);
  report(`queue bench (1) extension host heap: ${(heapBefore / 1024 / 1024).toFixed(1)} MB before the scan, ${(heapAfter / 1024 / 1024).toFixed(1)} MB after (+${((heapAfter - heapBefore) / 1024 / 1024).toFixed(1)} MB; the index also held the files from the start of the session before the rescan)`);

  // (2) Next unreviewed across files, from the first file of the folder.
  const first = vscode.Uri.file(path.join(dir, `${ids[1]}.txt`));
  await vscode.window.showTextDocument(first);
  const moves: number[] = [];
  const opened: string[] = [];
  for (let i = 0; i < 60; i++) {
    started = now();
    const result = await vscode.commands.executeCommand<{ id: string } | undefined>('seedReview.nextUnreviewedDocument');
    moves.push(now() - started);
    if (result) opened.push(result.id);
  }
  // (2b) The same as a reviewer does it: a pause on each document before the next move (0.4 s, far
  // less than reading an article takes), during which the next file is loaded in the background
  // (seedReview.navigation.preload). The moves of (2) come one after another with no pause.
  const READ_MS = 400;
  const readMoves: number[] = [];
  // SEED_BENCH_PROFILE_MOVES=FILE: a CPU profile of the extension host over these moves.
  await profiled(async () => {
    for (let i = 0; i < 60; i++) {
      await new Promise((resolve) => setTimeout(resolve, READ_MS));
      started = now();
      await vscode.commands.executeCommand('seedReview.nextUnreviewedDocument');
      readMoves.push(now() - started);
    }
  }, process.env.SEED_BENCH_PROFILE_MOVES);
  // The queue's own part of a move (the core state machine, no file opened): p95 over 1,000 moves.
  const queue = api.review.queue.queue;
  const keys = queue.files().filter((file) => file.key.includes('bench-queue')).map((file) => file.key);
  const core: number[] = [];
  for (let i = 0; i < 1000; i++) {
    started = now();
    queue.nextUnreviewed({ key: keys[(i * 7) % keys.length], line: 0 });
    core.push(now() - started);
  }
  report(`queue bench (2) the queue's own part (core nextUnreviewed over ${keys.length} files, 1,000 moves): p50 ${(quantile(core, 0.5) * 1000).toFixed(0)} µs, p95 ${(quantile(core, 0.95) * 1000).toFixed(0)} µs`);

  // Floor of (2): opening the same files with the same call, without the queue.
  const floorMoves: number[] = [];
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  for (const id of opened) {
    started = now();
    await vscode.window.showTextDocument(vscode.Uri.file(path.join(dir, `${id}.txt`)), { preview: true });
    floorMoves.push(now() - started);
  }
  // The floor's two parts: loading a file (openTextDocument) and showing a loaded one.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const loads: number[] = [];
  const shows: number[] = [];
  const fresh = ids.filter((_, i) => i % 10 === 5).slice(0, 60);
  for (const id of fresh) {
    started = now();
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, `${id}.txt`)));
    loads.push(now() - started);
    started = now();
    await vscode.window.showTextDocument(document, { preview: true });
    shows.push(now() - started);
  }
  // The same for plain text files of the same text outside the workspace's seed files (no Seed
  // Review feature runs on them): what showing an editor costs VS Code alone.
  const plainDir = fs.mkdtempSync(path.join(workspace.uri.fsPath, 'bench-queue-plain-'));
  const plainShows: number[] = [];
  try {
    for (const id of ids.filter((_, i) => i % 10 === 7).slice(0, 60)) {
      const file = path.join(plainDir, `${id}.log`);
      fs.copyFileSync(path.join(dir, `${id}.txt`), file);
      const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      started = now();
      await vscode.window.showTextDocument(document, { preview: true });
      plainShows.push(now() - started);
    }
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(plainDir, { recursive: true, force: true });
  }
  report(`queue bench (2) showTextDocument of a loaded plain text file (the same texts as .log, no Seed Review feature on them): p50 ${ms(quantile(plainShows, 0.5))}, p95 ${ms(quantile(plainShows, 0.95))}`);
  report(`queue bench (2) floor in parts: openTextDocument p50 ${ms(quantile(loads, 0.5))}, p95 ${ms(quantile(loads, 0.95))}; showTextDocument of a loaded document p50 ${ms(quantile(shows, 0.5))}, p95 ${ms(quantile(shows, 0.95))}`);
  report(`queue bench (2b) next unreviewed across files with a ${READ_MS} ms pause on each document (the next file preloaded meanwhile; ${readMoves.length} moves): p50 ${ms(quantile(readMoves, 0.5))}, p95 ${ms(quantile(readMoves, 0.95))} (target <= 100 ms)`);
  const skipsNine = opened.slice(0, 5).map((id) => ids.indexOf(id)).join(', ');
  report(`queue bench (2) next unreviewed across files (${moves.length} moves, each past 9 approved files; first targets at ${skipsNine}): p50 ${ms(quantile(moves, 0.5))}, p95 ${ms(quantile(moves, 0.95))} (target <= 100 ms); floor (showTextDocument of the same files): p50 ${ms(quantile(floorMoves, 0.5))}, p95 ${ms(quantile(floorMoves, 0.95))}; p95 ratio ${(quantile(moves, 0.95) / Math.max(quantile(floorMoves, 0.95), 0.001)).toFixed(2)}x`);

  // (2c) SEED_QUEUE_ABLATE=MODE,...: where the time of a paused move goes (see ablation.ts).
  const modes = (process.env.SEED_QUEUE_ABLATE ?? '').split(',').map((mode) => mode.trim()).filter(Boolean);
  if (modes.length) await ablation(api, modes, vscode.Uri.file(path.join(dir, `${ids[1301]}.txt`)));

  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  fs.rmSync(dir, { recursive: true, force: true });
  if (entitiesOff) await vscode.workspace.getConfiguration('seedReview').update('entities.enabled', undefined, vscode.ConfigurationTarget.Global);
}
