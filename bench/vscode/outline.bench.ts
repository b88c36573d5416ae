// Runs inside a real VS Code (loaded as extensionTestsPath by scripts/vscode/run-bench.mjs):
// times the outline of a 10 MB corpus against the built-in Markdown extension on the same
// articles, against floor providers of both shapes, for each value of seedReview.outline.paragraphs
// and for files of several sizes (the limit of "auto"), and the arrival of diagnostics after an
// edit on 20 MB. SEED_OUTLINE_QUICK=1 runs only the 10 MB part; SEED_OUTLINE_IDLE=1 also times (3)
// again once our entity index is idle (what our background work costs the requests of others).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { generateCorpus } from '../corpus-generator';
import { parseSeed } from '../../src/core/parser';
import { OUTLINE_PARAGRAPHS_AUTO_LIMIT } from '../../src/features/document-symbols';
import { report } from './report';

interface Timing {
  /** openTextDocument itself (our open handlers parse eagerly, so this is where that work shows). */
  open: number;
  firstAfterOpen: number;
  firstAfterEdit: number;
  repeatedMedian: number;
  repeatedMin: number;
  symbols: number;
  /** How many times our provider was called during (3), when known. */
  repeatedRequests?: number;
  /** (3) again once our extension's background work (the entity index) is idle: what it costs others. */
  repeatedIdleMedian?: number;
}

/** Resolves when our extension's background work (the entity index build) is done. */
async function extensionIdle(): Promise<void> {
  const extension = vscode.extensions.all.find((candidate) => candidate.packageJSON?.name === 'seed-review');
  const api = extension?.exports as { entities?: { service: { whenIdle(): Promise<void> } } } | undefined;
  await api?.entities?.service.whenIdle();
}

async function repeatedMedian(uri: vscode.Uri): Promise<number> {
  const repeated: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const start = now();
    await symbolsOf(uri);
    repeated.push(now() - start);
  }
  return median(repeated);
}

const REPEATS = 9;
const now = () => performance.now();
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(0)} ms`;
const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;

async function symbolsOf(uri: vscode.Uri): Promise<vscode.DocumentSymbol[]> {
  return (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri)) ?? [];
}

function countSymbols(symbols: readonly vscode.DocumentSymbol[]): number {
  return symbols.reduce((sum, symbol) => sum + 1 + countSymbols(symbol.children ?? []), 0);
}

/** Times (1) first request after opening, (2) first after a one-character edit, (3) repeated requests. */
async function timeOutline(file: string, editLine: number, requests?: () => number): Promise<Timing> {
  let start = now();
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const open = now() - start;
  start = now();
  const first = await symbolsOf(document.uri);
  const firstAfterOpen = now() - start;

  const edit = new vscode.WorkspaceEdit();
  edit.insert(document.uri, new vscode.Position(editLine, 0), 'x');
  await vscode.workspace.applyEdit(edit);
  start = now();
  await symbolsOf(document.uri);
  const firstAfterEdit = now() - start;

  const repeated: number[] = [];
  const requestsBefore = requests?.();
  for (let i = 0; i < REPEATS; i++) {
    start = now();
    await symbolsOf(document.uri);
    repeated.push(now() - start);
  }
  const repeatedRequests = requestsBefore === undefined ? undefined : requests!() - requestsBefore;
  let repeatedIdleMedian: number | undefined;
  if (process.env.SEED_OUTLINE_IDLE === '1') {
    await extensionIdle();
    repeatedIdleMedian = await repeatedMedian(document.uri);
  }
  return { open, firstAfterOpen, firstAfterEdit, repeatedMedian: median(repeated), repeatedMin: Math.min(...repeated), symbols: countSymbols(first), repeatedRequests, repeatedIdleMedian };
}

/**
 * Real DocumentSymbol instances: what executeDocumentSymbolProvider returns are SymbolInformation
 * hybrids, which VS Code would treat as flat SymbolInformation (children dropped) if handed back as they are.
 */
function cloneSymbols(symbols: readonly vscode.DocumentSymbol[]): vscode.DocumentSymbol[] {
  return symbols.map((symbol) => {
    const copy = new vscode.DocumentSymbol(symbol.name, symbol.detail, symbol.kind, symbol.range, symbol.selectionRange);
    copy.children = cloneSymbols(symbol.children ?? []);
    return copy;
  });
}

/** The floor: a provider that hands back a precomputed array of the same symbols. */
async function timeFloor(file: string, symbols: vscode.DocumentSymbol[]): Promise<Timing> {
  const registration = vscode.languages.registerDocumentSymbolProvider({ pattern: file }, { provideDocumentSymbols: () => symbols });
  try {
    const opening = now();
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const open = now() - opening;
    const repeated: number[] = [];
    let first = 0;
    for (let i = 0; i <= REPEATS; i++) {
      const start = now();
      await symbolsOf(document.uri);
      if (i === 0) first = now() - start;
      else repeated.push(now() - start);
    }
    let repeatedIdleMedian: number | undefined;
    if (process.env.SEED_OUTLINE_IDLE === '1') {
      await extensionIdle();
      repeatedIdleMedian = await repeatedMedian(document.uri);
    }
    return { open, firstAfterOpen: first, firstAfterEdit: first, repeatedMedian: median(repeated), repeatedMin: Math.min(...repeated), symbols: countSymbols(symbols), repeatedIdleMedian };
  } finally {
    registration.dispose();
  }
}

/** Time from a one-character edit to the new diagnostics, with a given debounce. */
async function timeDiagnostics(file: string, debounceMs: number): Promise<{ open: number; afterEdit: number }> {
  await vscode.workspace.getConfiguration('seedReview').update('diagnostics.debounceMs', debounceMs, vscode.ConfigurationTarget.Global);
  const uri = vscode.Uri.file(file);
  const arrival = () => new Promise<number>((resolve) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((changed) => changed.toString() === uri.toString())) {
        subscription.dispose();
        resolve(now());
      }
    });
  });
  let start = now();
  let arrived = arrival();
  const document = await vscode.workspace.openTextDocument(uri);
  const open = (await arrived) - start;
  arrived = arrival();
  const edit = new vscode.WorkspaceEdit();
  // Break the first close delimiter: the diagnostics must change.
  const closeLine = document.getText().split('\n').findIndex((line) => line.startsWith('>>> '));
  edit.insert(uri, new vscode.Position(closeLine, 0), '>');
  start = now();
  await vscode.workspace.applyEdit(edit);
  const afterEdit = (await arrived) - start;
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  return { open, afterEdit };
}

/** A paragraph line in the middle of the file: the one-character edit touches one article's text. */
function middleBodyLine(text: string): number {
  const lines = text.split('\n');
  for (let line = Math.floor(lines.length / 2); line < lines.length; line++) {
    if (/^[A-Za-z]/.test(lines[line])) return line;
  }
  throw new Error('no body line in the second half of the file');
}

function toMarkdown(text: string): string {
  const out: string[] = [];
  for (const doc of parseSeed(text).documents) {
    out.push(`# ${doc.headline?.text ?? doc.id}`, '');
    for (const paragraph of doc.paragraphs) out.push(paragraph.text, '');
  }
  return out.join('\n');
}

type Mode = 'auto' | 'always' | 'never';

/** Sets seedReview.outline.paragraphs in the user settings (`auto`: the default, no value). */
async function setMode(mode: Mode): Promise<void> {
  await vscode.workspace.getConfiguration('seedReview').update('outline.paragraphs', mode === 'auto' ? undefined : mode, vscode.ConfigurationTarget.Global);
}

/** Our provider's request counter (extension API), to show whether (3) reaches it at all. */
function providerRequests(): number {
  const extension = vscode.extensions.all.find((candidate) => candidate.packageJSON?.name === 'seed-review');
  return (extension?.exports as { outline?: { requests: number } } | undefined)?.outline?.requests ?? -1;
}

/** Times our outline under `mode` on a fresh copy of `text` (nothing reused from an earlier run). */
async function timeOurs(dir: string, name: string, text: string, mode: Mode): Promise<Timing> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  await setMode(mode);
  try {
    const timing = await timeOutline(file, middleBodyLine(text), () => providerRequests());
    return timing;
  } finally {
    await setMode('auto');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }
}

/** The first `count` documents of `text`. */
function firstDocuments(text: string, count: number): string {
  let at = 0;
  for (let i = 0; i < count; i++) {
    const next = text.indexOf('\n<<< ', at + 1);
    if (next < 0) return text;
    at = next;
  }
  return text.slice(0, at + 1);
}

/** Entry point called by VS Code. Prints a report; throws only when the benchmark itself fails. */
export async function run(): Promise<void> {
  const extension = vscode.extensions.all.find((candidate) => candidate.packageJSON?.name === 'seed-review');
  await extension?.activate();
  await vscode.extensions.getExtension('vscode.markdown-language-features')?.activate();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-outline-bench-'));
  const corpus = generateCorpus({ targetBytes: 10 * 1024 * 1024, seed: 11, malformedRate: 0, documentChars: [500, 1600] });
  const markdownFile = path.join(dir, 'corpus-10mb.md');
  const floorFile = path.join(dir, 'floor-10mb.txt');
  const flatFloorFile = path.join(dir, 'floor-flat-10mb.txt');
  fs.writeFileSync(markdownFile, toMarkdown(corpus));
  fs.writeFileSync(floorFile, corpus);
  fs.writeFileSync(flatFloorFile, corpus);
  const documentCount = parseSeed(corpus).documents.length;
  report(`[bench] outline: ${documentCount} documents, ${(corpus.length / 1048576).toFixed(1)} MB (${dir}); auto limit ${OUTLINE_PARAGRAPHS_AUTO_LIMIT} documents`);

  // Each value of seedReview.outline.paragraphs on a fresh copy of the corpus.
  const always = await timeOurs(dir, 'corpus-10mb-always.seed', corpus, 'always');
  const never = await timeOurs(dir, 'corpus-10mb-never.seed', corpus, 'never');
  const auto = await timeOurs(dir, 'corpus-10mb-auto.seed', corpus, 'auto');
  const markdown = await timeOutline(markdownFile, middleBodyLine(fs.readFileSync(markdownFile, 'utf8')));
  // The floors hand back precomputed copies of our symbols of each shape.
  await setMode('always');
  const withChildren = cloneSymbols(await symbolsOf(vscode.Uri.file(path.join(dir, 'corpus-10mb-always.seed'))));
  await setMode('never');
  const oneEach = cloneSymbols(await symbolsOf(vscode.Uri.file(path.join(dir, 'corpus-10mb-never.seed'))));
  await setMode('auto');
  const floor = await timeFloor(floorFile, withChildren);
  const flatFloor = await timeFloor(flatFloorFile, oneEach);
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');

  const rows: [string, Timing][] = [
    ['seed "auto" (default)', auto], ['seed "always"', always], ['seed "never"', never], ['markdown (built-in)', markdown],
    ['floor, children', floor], ['floor, one per doc', flatFloor],
  ];
  report('[bench] outline, executeDocumentSymbolProvider on 10 MB:');
  report('[bench]   provider                 symbols      open  (1) first request  (2) after edit  (3) repeated median (min)  provider calls in (3)');
  for (const [name, t] of rows) {
    report(`[bench]   ${name.padEnd(23)} ${String(t.symbols).padStart(8)}  ${ms(t.open).padStart(8)}  ${ms(t.firstAfterOpen).padStart(17)}  ${ms(t.firstAfterEdit).padStart(14)}  ${ms(t.repeatedMedian).padStart(10)} (${ms(t.repeatedMin)})  ${t.repeatedRequests ?? '-'}`
      + (t.repeatedIdleMedian === undefined ? '' : `; (3) once our extension is idle ${ms(t.repeatedIdleMedian)}`));
  }
  for (const [name, t, shapeFloor] of [['auto', auto, flatFloor], ['always', always, floor], ['never', never, flatFloor]] as const) {
    report(`[bench]   "${name}": (1) markdown/ours = ${ratio(markdown.firstAfterOpen, t.firstAfterOpen)}, (2) ${ratio(markdown.firstAfterEdit, t.firstAfterEdit)} (goal >= 5x); `
      + `(3) ours/floor of the same shape = ${ratio(t.repeatedMedian, shapeFloor.repeatedMedian)} (goal <= 1.3x), ours/markdown = ${ratio(t.repeatedMedian, markdown.repeatedMedian)} (goal <= 1x)`);
  }
  report(`[bench]   floors vs markdown: (1) children ${ratio(markdown.firstAfterOpen, floor.firstAfterOpen)}, one per document ${ratio(markdown.firstAfterOpen, flatFloor.firstAfterOpen)} faster; `
    + `(3) children ${ratio(floor.repeatedMedian, markdown.repeatedMedian)}, one per document ${ratio(flatFloor.repeatedMedian, markdown.repeatedMedian)} of markdown's time`);

  // The limit of "auto": the first requests with paragraph children against one symbol per
  // document and Markdown, on the first N documents of the same corpus.
  if (process.env.SEED_OUTLINE_QUICK === '1') {
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  report('[bench] outline by file size, first request after opening / after an edit (ms), paragraphs as children vs one per document vs markdown:');
  for (const count of [500, 1000, 2000, 4000]) {
    const text = firstDocuments(corpus, count);
    const children = await timeOurs(dir, `part-${count}-always.seed`, text, 'always');
    const flat = await timeOurs(dir, `part-${count}-never.seed`, text, 'never');
    const md = path.join(dir, `part-${count}.md`);
    fs.writeFileSync(md, toMarkdown(text));
    const mdTiming = await timeOutline(md, middleBodyLine(fs.readFileSync(md, 'utf8')));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    report(`[bench]   ${String(count).padStart(5)} documents (${(text.length / 1048576).toFixed(2)} MB): children ${ms(children.firstAfterOpen)} / ${ms(children.firstAfterEdit)} (${children.symbols} symbols), `
      + `one per document ${ms(flat.firstAfterOpen)} / ${ms(flat.firstAfterEdit)}, markdown ${ms(mdTiming.firstAfterOpen)} / ${ms(mdTiming.firstAfterEdit)}; `
      + `markdown/children ${ratio(mdTiming.firstAfterOpen, children.firstAfterOpen)} / ${ratio(mdTiming.firstAfterEdit, children.firstAfterEdit)}`);
  }

  const big = generateCorpus({ targetBytes: 20 * 1024 * 1024, seed: 12, malformedRate: 0.002 });
  const bigFile = path.join(dir, 'corpus-20mb.seed');
  fs.writeFileSync(bigFile, big);
  // A fresh copy for each setting, so neither run starts from the other's edited document.
  const bigFile2 = path.join(dir, 'corpus-20mb-copy.seed');
  fs.writeFileSync(bigFile2, big);
  const withDebounce = await timeDiagnostics(bigFile, 250);
  const withoutDebounce = await timeDiagnostics(bigFile2, 0);
  await vscode.workspace.getConfiguration('seedReview').update('diagnostics.debounceMs', undefined, vscode.ConfigurationTarget.Global);
  report(`[bench] diagnostics on ${(big.length / 1048576).toFixed(1)} MB: first after open ${ms(withDebounce.open)}; after a one-character edit ${ms(withDebounce.afterEdit)} with the default 250 ms debounce, ${ms(withoutDebounce.afterEdit)} with debounce 0`);
  fs.rmSync(dir, { recursive: true, force: true });
}
