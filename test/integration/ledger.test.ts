// Bare seed files reviewed in place through the folder's review ledger (seed-review.jsonl), in a
// real VS Code: status commands and notes, CodeLens, the Outline, the Seed Corpus view (folder level,
// multi-selection), the status bar, a ledger changed on disk while the folder is open, a ledger with
// a conflict marker, and split/bundle carrying the ledger.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DocumentNode, FolderNode } from '../../src/features/review/corpus-tree';
import { closeAllEditors, extensionApi, waitFor, workspaceRoot } from './helpers';

const A = '101_00000000000000a1';
const B = '102_00000000000000b2';
const C = '103_00000000000000c3';
const texts: Record<string, string> = {
  [A]: 'Ferry service resumes\nThe ferry runs again from Monday.\n',
  [B]: 'Museum opens new wing\r\nThe wing shows maps.\r\n',
  [C]: 'Road works delayed\n',
};

let dir: string;
const ledgerPath = () => path.join(dir, 'seed-review.jsonl');
const uriOf = (id: string) => vscode.Uri.file(path.join(dir, `${id}.txt`));
const ledgerText = () => (fs.existsSync(ledgerPath()) ? fs.readFileSync(ledgerPath(), 'utf8') : '');
const line = (id: string, attributes: Record<string, string>) => `{"id": "${id}", "attributes": ${JSON.stringify(attributes).replace(/":"/g, '": "').replace(/","/g, '", "')}}\n`;

async function indexedStatus(id: string): Promise<string | undefined> {
  return extensionApi().workspaceIndex.get(uriOf(id))?.documents[0]?.status;
}

async function folderNode(): Promise<FolderNode> {
  const tree = extensionApi().review.corpusTree;
  return waitFor('the ledger test folder in the Seed Corpus view', () =>
    tree.getChildren().find((node): node is FolderNode => node.kind === 'folder' && node.folder.fsPath === dir && node.files.length === 3));
}

describe('review ledger: bare seed files reviewed in place', () => {
  before(async function () {
    // The file watcher can take a while to report a new folder (after another suite deleted a
    // watched file, code-server restarts its watcher): wait for it rather than fail.
    this.timeout(120_000);
    dir = fs.mkdtempSync(path.join(workspaceRoot(), 'ledger-it-'));
    for (const [id, text] of Object.entries(texts)) fs.writeFileSync(path.join(dir, `${id}.txt`), text);
    await extensionApi().workspaceIndex.ready;
    // Opened once so the index has them even when code-server's file watcher misses a new folder.
    for (const id of Object.keys(texts)) await vscode.workspace.openTextDocument(uriOf(id));
    await waitFor('the bare files indexed', async () => ((await indexedStatus(C)) ? true : undefined), 110_000);
  });
  after(async () => {
    await closeAllEditors();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  afterEach(closeAllEditors);

  it('approve in a bare file\'s editor writes the ledger, never the file; CodeLens, Outline and status bar follow', async () => {
    const document = await vscode.workspace.openTextDocument(uriOf(A));
    await vscode.window.showTextDocument(document);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
    assert.ok(lenses.some((lens) => lens.command?.command === 'seedReview.approve'), 'a bare file has an Approve lens');
    const result = await vscode.commands.executeCommand<{ changed: string[] }>('seedReview.approve');
    assert.deepStrictEqual(result.changed, [A]);
    assert.strictEqual(ledgerText(), line(A, { status: 'approved' }));
    assert.strictEqual(fs.readFileSync(uriOf(A).fsPath, 'utf8'), texts[A]);
    assert.strictEqual(document.isDirty, false);
    assert.strictEqual(extensionApi().parseCache.get(document).documents[0].status, 'approved');
    await waitFor('the index sees the ledger status', async () => ((await indexedStatus(A)) === 'approved' ? true : undefined));
    const bar = extensionApi().review.statusBar;
    bar.update();
    assert.match(bar.item.text, /^\$\(book\) 1 \$\(pass\) 1 /);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.match(symbols[0].detail, /approved/);
    const resolved = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 10);
    assert.ok(resolved.some((lens) => /approved/.test(lens.command?.title ?? '')), resolved.map((lens) => lens.command?.title).join(' | '));
  });

  it('a note on a bare file goes to the ledger beside its status', async () => {
    await vscode.window.showTextDocument(uriOf(A));
    await vscode.commands.executeCommand('seedReview.addNote', undefined, 'check "the" date');
    assert.strictEqual(ledgerText(), line(A, { status: 'approved', note: 'check "the" date' }));
  });

  it('the Seed Corpus view shows the folder\'s files as its documents; a multi-selection approve changes them all', async () => {
    const tree = extensionApi().review.corpusTree;
    const folder = await folderNode();
    const docs = tree.getChildren(folder) as DocumentNode[];
    assert.deepStrictEqual(docs.map((node) => [tree.getTreeItem(node).label, node.summary.id]), [
      ['Ferry service resumes', A], ['Museum opens new wing', B], ['Road works delayed', C],
    ]);
    assert.strictEqual(tree.getTreeItem(docs[1]).contextValue, 'seedDocument.unreviewed');
    // As a context-menu action on a multi-selection: the clicked item, then the selection.
    const result = await vscode.commands.executeCommand<{ changed: string[] }>('seedReview.flag', docs[1], [docs[1], docs[2]]);
    assert.deepStrictEqual(result.changed, [B, C]);
    assert.ok(ledgerText().includes(line(B, { status: 'flagged' })) && ledgerText().includes(line(C, { status: 'flagged' })), ledgerText());
    await waitFor('the tree shows the new statuses', () => {
      const now = tree.getChildren(tree.getChildren().find((n) => n.kind === 'folder' && n.folder.fsPath === dir)) as DocumentNode[];
      return now.every((node) => node.summary.id === A || node.summary.status === 'flagged') ? true : undefined;
    });
    await vscode.commands.executeCommand('seedReview.corpus.filterByStatus', 'flagged');
    const shown = tree.getChildren().flatMap((node) => (node.kind === 'folder' && node.folder.fsPath === dir ? tree.getChildren(node) as DocumentNode[] : []));
    assert.deepStrictEqual(shown.map((node) => node.summary.id), [B, C]);
    await vscode.commands.executeCommand('seedReview.corpus.clearFilter');
  });

  it('a ledger changed on disk (git pull, another window) is reloaded and merged into, never overwritten', async () => {
    fs.writeFileSync(ledgerPath(), line(A, { status: 'rejected' }) + line(C, { status: 'approved', source: 'wire' }));
    await waitFor('the index follows the ledger on disk', async () => ((await indexedStatus(A)) === 'rejected' && (await indexedStatus(B)) === 'unreviewed' ? true : undefined));
    const document = await vscode.workspace.openTextDocument(uriOf(B));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('seedReview.approve');
    assert.strictEqual(ledgerText(), line(A, { status: 'rejected' }) + line(B, { status: 'approved' }) + line(C, { status: 'approved', source: 'wire' }));
  });

  it('a ledger with a conflict marker gets SEED014 on the marker line and is never rewritten', async () => {
    const conflicted = `<<<<<<< HEAD\n${line(A, { status: 'approved' })}=======\n${line(A, { status: 'rejected' })}>>>>>>> theirs\n`;
    fs.writeFileSync(ledgerPath(), conflicted);
    const ledgerUri = vscode.Uri.file(ledgerPath());
    const diagnostics = await waitFor('SEED014 on the ledger', () => {
      const found = vscode.languages.getDiagnostics(ledgerUri).filter((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'SEED014');
      return found.length >= 3 ? found : undefined;
    });
    assert.deepStrictEqual(diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.character]).slice(0, 2), [[0, 0, 12], [2, 0, 7]]);
    await vscode.window.showTextDocument(uriOf(C));
    assert.strictEqual(await vscode.commands.executeCommand('seedReview.approve'), undefined);
    assert.strictEqual(ledgerText(), conflicted);
  });

  it('a line for an id without a file is kept and reported (SEED015)', async () => {
    const gone = '199_00000000000000ff';
    fs.writeFileSync(ledgerPath(), line(gone, { status: 'approved' }));
    const ledgerUri = vscode.Uri.file(ledgerPath());
    await waitFor('SEED015 on the ledger', () => vscode.languages.getDiagnostics(ledgerUri).find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'SEED015'));
    await vscode.window.showTextDocument(uriOf(A));
    await vscode.commands.executeCommand('seedReview.approve');
    assert.strictEqual(ledgerText(), line(A, { status: 'approved' }) + line(gone, { status: 'approved' }));
  });

  it('split writes the ledger of the folder it writes; bundle reads it back into the open lines', async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-ledger-it-'));
    const corpus = path.join(out, 'c.seed');
    const text = `<<< ${A} status=approved note="n"\nH\n>>> ${A}\n<<< ${B} source=x\nH2\n>>> ${B}\n`;
    fs.writeFileSync(corpus, text);
    const folder = vscode.Uri.file(path.join(out, 'seeds'));
    const split = await vscode.commands.executeCommand<{ written: vscode.Uri[]; warnings?: string[] }>('seedReview.split', vscode.Uri.file(corpus), folder, { overwrite: false });
    assert.strictEqual(split.written.length, 2);
    assert.deepStrictEqual(split.warnings, []);
    assert.strictEqual(fs.readFileSync(path.join(folder.fsPath, 'seed-review.jsonl'), 'utf8'), line(A, { status: 'approved', note: 'n' }) + line(B, { source: 'x' }));
    const again = vscode.Uri.file(path.join(out, 'again.seed'));
    await vscode.commands.executeCommand('seedReview.bundle', [folder], again, { overwrite: false });
    assert.strictEqual(fs.readFileSync(again.fsPath, 'utf8'), text);
  });
});
