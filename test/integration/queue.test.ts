// The review queue across the workspace in a real VS Code: next / previous / next unreviewed move
// from file to file in folder, file name and document order (bare files and a corpus, opening the
// next file), seedReview.navigation.scope keeps them inside the file, "Approve and Go to Next
// Unreviewed" is the keyboard-only loop (the ledger for bare files, the open line for a corpus),
// and the status bar shows the workspace's progress.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, waitFor, workspaceRoot } from './helpers';

const X1 = '101_00000000000000a1';
const X2 = '102_00000000000000b2';
const X3 = '103_00000000000000c3';
const D1 = '201_00000000000000d1';
const D2 = '202_00000000000000d2';
const corpusText = `<<< ${D1} status=approved\nQuay repaired\n>>> ${D1}\n\n<<< ${D2}\nTram line extended\nThe line runs to the port.\n>>> ${D2}\n`;

let dir: string;
const uriOf = (name: string) => vscode.Uri.file(path.join(dir, name));
const ledgerPath = () => path.join(dir, 'seed-review.jsonl');
const ledgerText = () => (fs.existsSync(ledgerPath()) ? fs.readFileSync(ledgerPath(), 'utf8') : '');
type Moved = { id: string; line: number; wrapped: boolean } | undefined;
const run = (command: string) => vscode.commands.executeCommand<Moved>(command);
const activeName = () => path.basename(vscode.window.activeTextEditor?.document.uri.fsPath ?? '');

/** Waits until the index has told of nothing for 2 s (the file watcher may still report a new file), then forgets what it heard. */
async function untilQuiet(heard: string[], what: string): Promise<void> {
  let quietSince = Date.now();
  let lastHeard = 0;
  await waitFor(`no news of ${what} for 2 s`, () => {
    if (heard.length !== lastHeard) [lastHeard, quietSince] = [heard.length, Date.now()];
    return Date.now() - quietSince >= 2000 ? true : undefined;
  }, 60_000);
  heard.length = 0;
}

/**
 * VS Code decides when a document no editor shows is closed: it keeps the last 50 or so that
 * extensions opened. Opening up to 70 more (plain text in a temporary folder outside the
 * workspace, removed again here) closes it.
 */
async function closedByVsCode(document: vscode.TextDocument): Promise<void> {
  const fillers = fs.mkdtempSync(path.join(os.tmpdir(), 'queue-it-fill-'));
  try {
    for (let i = 0; i < 70 && !document.isClosed; i++) {
      const file = path.join(fillers, `filler-${i}.log`);
      fs.writeFileSync(file, `line ${i}\n`);
      await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    }
    await waitFor(`${path.basename(document.uri.fsPath)} closed by VS Code`, () => (document.isClosed ? true : undefined), 30_000);
  } finally {
    fs.rmSync(fillers, { recursive: true, force: true });
  }
}

function indexedStatus(name: string): string | undefined {
  return extensionApi().workspaceIndex.get(uriOf(name))?.documents[0]?.status;
}

/** Counts what the status bar should say from the index itself. */
function countedProgress(): { reviewed: number; total: number } {
  const docs = extensionApi().workspaceIndex.allFiles().flatMap((file) => file.documents);
  return { reviewed: docs.filter((doc) => doc.status !== 'unreviewed').length, total: docs.length };
}

async function setScope(value: 'workspace' | 'file' | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('seedReview').update('navigation.scope', value, vscode.ConfigurationTarget.Global);
}

async function open(name: string, line = 0): Promise<vscode.TextEditor> {
  // The cursor goes with the opening (instead of the one VS Code restores for a file opened before).
  const editor = await vscode.window.showTextDocument(uriOf(name), { selection: new vscode.Range(line, 0, line, 0) });
  assert.strictEqual(editor.selection.active.line, line, `the cursor of ${name} at line ${line}`);
  return editor;
}

/** Reverts the corpus if a test edited it, then closes every editor (no save prompt). */
async function cleanUp(): Promise<void> {
  const corpus = vscode.workspace.textDocuments.find((document) => document.uri.fsPath === uriOf('a.seed').fsPath);
  if (corpus?.isDirty) {
    await vscode.window.showTextDocument(corpus);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  await closeAllEditors();
}

describe('review queue: across the workspace', () => {
  before(async function () {
    this.timeout(150_000);
    dir = fs.mkdtempSync(path.join(workspaceRoot(), 'queue-it-'));
    fs.writeFileSync(path.join(dir, `${X1}.txt`), 'Ferry service resumes\n');
    fs.writeFileSync(path.join(dir, `${X2}.txt`), 'Museum opens new wing\n');
    fs.writeFileSync(path.join(dir, `${X3}.txt`), 'Road works delayed\n');
    fs.writeFileSync(path.join(dir, 'a.seed'), corpusText);
    // The tests keep an approve unsaved until they revert it. With auto-save (code-server's default,
    // which the runner turns off) a move slower than 1 s saves it, and the revert has nothing to undo.
    assert.strictEqual(vscode.workspace.getConfiguration('files').get('autoSave'), 'off', 'files.autoSave');
    await extensionApi().workspaceIndex.ready;
    // Opened once so the index has them even when code-server's file watcher misses a new folder
    // (it stops reporting for a while after another suite deletes a watched file).
    for (const name of [`${X1}.txt`, `${X2}.txt`, `${X3}.txt`, 'a.seed']) await vscode.workspace.openTextDocument(uriOf(name));
    // X2 approved through the command (its ledger written by the extension, read back from disk).
    const approved = await vscode.commands.executeCommand<{ changed: string[] }>('seedReview.approve', { uri: uriOf(`${X2}.txt`), line: 0, id: X2 });
    assert.deepStrictEqual(approved?.changed, [X2]);
    await waitFor('the queue test files indexed, the ledger read', () =>
      (indexedStatus(`${X2}.txt`) === 'approved' && indexedStatus(`${X3}.txt`) && indexedStatus('a.seed') ? true : undefined), 120_000)
      .catch((error: Error) => {
        const seen = [X1, X2, X3].map((id) => `${id}: ${indexedStatus(`${id}.txt`)}`).join(', ');
        const ledger = extensionApi().ledgers.recordFor(uriOf(`${X2}.txt`), X2);
        throw new Error(`${error.message} (index: ${seen}, a.seed: ${indexedStatus('a.seed')}; ledger record of ${X2}: ${JSON.stringify(ledger)})`);
      });
  });
  after(async () => {
    await setScope(undefined);
    await cleanUp();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(cleanUp);

  it('next and previous go from file to file in folder / file name / document order, opening the next file', async () => {
    await open(`${X1}.txt`);
    assert.deepStrictEqual(await run('seedReview.nextDocument'), { id: X2, line: 0, wrapped: false });
    assert.strictEqual(activeName(), `${X2}.txt`);
    assert.deepStrictEqual(await run('seedReview.nextDocument'), { id: X3, line: 0, wrapped: false });
    // Digits sort before letters: the corpus comes after the bare files; its documents in order.
    assert.deepStrictEqual(await run('seedReview.nextDocument'), { id: D1, line: 0, wrapped: false });
    assert.strictEqual(activeName(), 'a.seed');
    assert.strictEqual(vscode.window.activeTextEditor?.selection.active.line, 1, 'the cursor is on the headline');
    assert.deepStrictEqual(await run('seedReview.nextDocument'), { id: D2, line: 4, wrapped: false });
    assert.deepStrictEqual(await run('seedReview.previousDocument'), { id: D1, line: 0, wrapped: false });
    assert.deepStrictEqual(await run('seedReview.previousDocument'), { id: X3, line: 0, wrapped: false });
    assert.strictEqual(activeName(), `${X3}.txt`);
  });

  it('next unreviewed skips documents reviewed in the ledger or in the open line, across files', async () => {
    await open(`${X1}.txt`);
    assert.deepStrictEqual(await run('seedReview.nextUnreviewedDocument'), { id: X3, line: 0, wrapped: false });
    assert.deepStrictEqual(await run('seedReview.nextUnreviewedDocument'), { id: D2, line: 4, wrapped: false });
    assert.strictEqual(activeName(), 'a.seed');
  });

  it('loads the file the next move would open while the reviewer reads, unless navigation.preload is off', async () => {
    const preload = extensionApi().review.preload;
    await open(`${X1}.txt`);
    assert.deepStrictEqual(await run('seedReview.nextDocument'), { id: X2, line: 0, wrapped: false });
    // From X2 both "next" and "next unreviewed" go to X3; the corpus after it is not asked for yet.
    assert.deepStrictEqual(preload.lastLoaded, [uriOf(`${X3}.txt`).toString()]);
    await waitFor('X3 loaded without an editor', () => (vscode.workspace.textDocuments.some((document) => document.uri.fsPath === uriOf(`${X3}.txt`).fsPath) ? true : undefined));
    assert.ok(!vscode.window.visibleTextEditors.some((editor) => editor.document.uri.fsPath === uriOf(`${X3}.txt`).fsPath), 'loaded, not shown');
    await vscode.workspace.getConfiguration('seedReview').update('navigation.preload', false, vscode.ConfigurationTarget.Global);
    try {
      assert.deepStrictEqual(await run('seedReview.nextDocument'), { id: X3, line: 0, wrapped: false });
      assert.deepStrictEqual(preload.lastLoaded, []);
    } finally {
      await vscode.workspace.getConfiguration('seedReview').update('navigation.preload', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('opening a file the index read from disk tells nobody (a move through bare files opens one each time)', async () => {
    const X4 = '104_00000000000000e4';
    fs.writeFileSync(path.join(dir, `${X4}.txt`), 'Bridge inspection done\n');
    const index = extensionApi().workspaceIndex;
    await index.relist();
    await waitFor('X4 indexed from disk', () => (indexedStatus(`${X4}.txt`) === 'unreviewed' ? true : undefined));
    const heard: string[] = [];
    const subscription = index.onDidChange((uris) => heard.push(...uris.map((uri) => path.basename(uri.fsPath))));
    // The file watcher may still report the new file (a disk read, which does tell): let it pass.
    await untilQuiet(heard, 'X4');
    try {
      // The open event is handled before openTextDocument resolves: no waiting needed to see nothing.
      await vscode.window.showTextDocument(uriOf(`${X4}.txt`));
      assert.strictEqual(heard.join(', '), '', 'the same text as on disk: no change');
      await vscode.commands.executeCommand('seedReview.approve');
      await waitFor('the approve is heard', () => (heard.includes(`${X4}.txt`) ? true : undefined));
    } finally {
      subscription.dispose();
      await cleanUp();
    }
    // X4 stays, approved: next unreviewed skips it in the tests after this one. (Deleted, it would
    // stay in the queue while VS Code keeps its document open, as an open editor's file does.)
    await waitFor('X4 approved in the index', () => (indexedStatus(`${X4}.txt`) === 'approved' ? true : undefined));
  });

  it('closing a document with nothing unsaved tells nobody either (VS Code closes one per move once 50 are loaded)', async function () {
    this.timeout(120_000);
    const X5 = '105_00000000000000f5';
    fs.writeFileSync(path.join(dir, `${X5}.txt`), 'Ferry timetable published\n');
    const index = extensionApi().workspaceIndex;
    await index.relist();
    await waitFor('X5 indexed from disk', () => (indexedStatus(`${X5}.txt`) === 'unreviewed' ? true : undefined));
    const document = await vscode.workspace.openTextDocument(uriOf(`${X5}.txt`));
    const heard: string[] = [];
    const subscription = index.onDidChange((uris) => heard.push(...uris.map((uri) => path.basename(uri.fsPath))));
    await untilQuiet(heard, 'X5');
    try {
      await closedByVsCode(document);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.strictEqual(heard.join(', '), '', 'closed with the text of the file: no change');
      assert.strictEqual(indexedStatus(`${X5}.txt`), 'unreviewed', 'still indexed');
    } finally {
      subscription.dispose();
    }
    // X5 stays, approved, as X4 does: next unreviewed skips it in the tests after this one.
    await vscode.window.showTextDocument(uriOf(`${X5}.txt`));
    await vscode.commands.executeCommand('seedReview.approve');
    await waitFor('X5 approved in the index', () => (indexedStatus(`${X5}.txt`) === 'approved' ? true : undefined));
    await cleanUp();
  });

  it('closing a document whose editor text differed from its file (a lone CR VS Code normalised) reads the file again', async function () {
    this.timeout(120_000);
    const X6 = '106_00000000000000f6';
    fs.writeFileSync(path.join(dir, `${X6}.txt`), 'Harbour crane\rrepaired after storm\n');
    const index = extensionApi().workspaceIndex;
    await index.relist();
    const errorsOf = () => index.get(uriOf(`${X6}.txt`))?.errorCount;
    await waitFor('X6 indexed from disk with its SEED016', () => ((errorsOf() ?? 0) > 0 ? true : undefined));
    const document = await vscode.workspace.openTextDocument(uriOf(`${X6}.txt`));
    const normalised = !document.getText().includes('\r');
    try {
      await closedByVsCode(document);
      // Whether or not the editor held the CR, once closed the index holds the file's problems.
      await waitFor(`X6's SEED016 back in the index after the close (editor text normalised: ${normalised})`, () => ((errorsOf() ?? 0) > 0 ? true : undefined), 10_000);
    } finally {
      fs.rmSync(path.join(dir, `${X6}.txt`), { force: true });
      await index.relist();
      await cleanUp();
    }
  });

  it('"navigation.scope": "file" keeps the moves inside the file', async () => {
    await setScope('file');
    try {
      await open(`${X3}.txt`);
      assert.deepStrictEqual(await run('seedReview.nextDocument'), { id: X3, line: 0, wrapped: true });
      assert.strictEqual(activeName(), `${X3}.txt`);
      await open('a.seed', 5);
      assert.deepStrictEqual(await run('seedReview.nextUnreviewedDocument'), { id: D2, line: 4, wrapped: true });
      assert.strictEqual(activeName(), 'a.seed');
    } finally {
      await setScope(undefined);
    }
  });

  it('Approve and Go to Next Unreviewed: the keyboard-only loop through bare files (ledger) and a corpus (open line)', async () => {
    const before = ledgerText();
    try {
      await approveLoop();
    } finally {
      fs.writeFileSync(ledgerPath(), before);
      await waitFor('the ledger restored', () => (indexedStatus(`${X1}.txt`) === 'unreviewed' ? true : undefined));
    }
  });

  async function approveLoop(): Promise<void> {
    await open(`${X1}.txt`);
    assert.deepStrictEqual(await run('seedReview.approveAndNextUnreviewed'), { id: X3, line: 0, wrapped: false });
    assert.ok(ledgerText().includes(`{"id": "${X1}", "attributes": {"status": "approved"}}`), ledgerText());
    assert.strictEqual(fs.readFileSync(uriOf(`${X1}.txt`).fsPath, 'utf8'), 'Ferry service resumes\n', 'the bare file is never modified');
    assert.deepStrictEqual(await run('seedReview.approveAndNextUnreviewed'), { id: D2, line: 4, wrapped: false });
    const corpus = vscode.window.activeTextEditor!.document;
    const after = await run('seedReview.approveAndNextUnreviewed');
    assert.strictEqual(corpus.lineAt(4).text, `<<< ${D2} status=approved`);
    // Everything in this folder is reviewed now: the next unreviewed document is in another folder, or none is left.
    assert.ok(after === undefined || ![X1, X2, X3, D1, D2].includes(after.id), JSON.stringify(after));
  }

  it('the status bar shows the workspace\'s progress next to the file\'s counts, and follows a review', async () => {
    const bar = extensionApi().review.statusBar;
    const expected = () => `$(checklist) ${countedProgress().reviewed.toLocaleString('en-US')} of ${countedProgress().total.toLocaleString('en-US')} reviewed`;
    await waitFor('the progress item', () => (bar.progressVisible && bar.progress.text === expected() ? true : undefined));
    await open(`${X1}.txt`);
    await vscode.commands.executeCommand('seedReview.clearStatus');
    await waitFor('the file unreviewed', () => (indexedStatus(`${X1}.txt`) === 'unreviewed' && bar.progress.text === expected() ? true : undefined));
    await vscode.commands.executeCommand('seedReview.approve');
    // Other tests' folders may come and go meanwhile: the bar must agree with the index once X1 is approved.
    await waitFor('the progress follows the approve', () => (indexedStatus(`${X1}.txt`) === 'approved' && bar.progress.text === expected() ? true : undefined));
    assert.match(bar.progress.text, /^\$\(checklist\) [\d,]+ of [\d,]+ reviewed$/);
    assert.strictEqual(bar.progress.command && typeof bar.progress.command === 'object' ? bar.progress.command.command : bar.progress.command, 'seedReview.nextUnreviewedDocument');
    assert.ok(bar.visible, 'the file\'s counts are shown beside it');
  });
  it('the queue never holds a state the index does not: an approve reverted right after a move', async () => {
    const queue = extensionApi().review.queue.queue;
    const editor = await open('a.seed', 4);
    // What the editor held when the approve ran, for the failure message. (One CI run at load 4-6
    // found a.seed not dirty here: auto-save, on then, saves the approve when the move takes over 1 s.)
    const seen = { version: editor.document.version, line4: editor.document.lineAt(Math.min(4, editor.document.lineCount - 1)).text, active: activeName() };
    const approved = await vscode.commands.executeCommand('seedReview.approve'); // D2 approved in the editor, unsaved
    await run('seedReview.nextDocument'); // the move takes the editor's newest text at once
    const corpus = vscode.workspace.textDocuments.find((document) => document.uri.fsPath === uriOf('a.seed').fsPath)!;
    assert.ok(corpus.isDirty, `a.seed not edited by the approve: ${JSON.stringify({ seen, approved, isClosed: corpus.isClosed, text: corpus.getText() })}`);
    await vscode.window.showTextDocument(corpus);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the queue agrees with the index after the revert', () => {
      const counted = countedProgress();
      const progress = queue.progress();
      return progress.reviewed === counted.reviewed && progress.total === counted.total && indexedStatus('a.seed') !== undefined
        && extensionApi().workspaceIndex.get(uriOf('a.seed'))!.documents[1].status === 'unreviewed' ? true : undefined;
    });
  });
});
