// The extension in the browser's web worker extension host, as github.dev and vscode.dev run it:
// every feature the web build offers, through the same commands and providers VS Code's UI uses.
// What the Node suite (test/integration) tests beyond this, and why it is not run here, is listed
// in docs/browser.md.
import * as assert from './assert';
import * as vscode from 'vscode';
import {
  closeAllEditors, codeOf, extensionApi, EXTENSION_ID, openWorkspaceFile, readText, seedDiagnostics, waitFor, workspaceUri, writeText,
} from './helpers';

/** What the bundle's first line recorded before any module (mocha's shims included) ran. */
declare const __seedHostAtLoad: { process: string; importScripts: string; worker: boolean };

/** Files this suite creates in the workspace, removed after it. */
const created: vscode.Uri[] = [];
async function scratch(relative: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(relative);
  await writeText(uri, text);
  created.push(uri);
  return uri;
}

describe('web worker extension host', () => {
  afterEach(closeAllEditors);
  after(async () => {
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('runs in a web worker, with the browser entry of the extension (no Node)', () => {
    assert.strictEqual(__seedHostAtLoad.process, 'undefined', 'Node\'s process object exists: this is not the web worker host');
    assert.strictEqual(__seedHostAtLoad.importScripts, 'function', 'importScripts is a web worker\'s');
    assert.strictEqual(__seedHostAtLoad.worker, true, 'globalThis is a WorkerGlobalScope');
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, `${EXTENSION_ID} is active`);
    assert.strictEqual(extensionApi().host, 'web', 'the extension was activated through its browser entry');
    assert.ok(extensionApi().entities, 'the entity features run here too');
  });

  it('language: .seed corpora and bare seed files are Seed corpus documents', async () => {
    assert.strictEqual((await openWorkspaceFile('sample.seed')).languageId, 'seed');
    assert.strictEqual((await openWorkspaceFile('000_0f5d7b9424756893.txt')).languageId, 'seed');
    assert.notStrictEqual((await openWorkspaceFile('README.txt')).languageId, 'seed');
  });

  it('outline: one symbol per document with "id · status" and paragraphs as children', async () => {
    const document = await openWorkspaceFile('sample.seed');
    const symbols = await waitFor('document symbols', async () => {
      const result = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
      return result && result.length > 0 ? result : undefined;
    });
    // Well-formed open lines; the parser also recovers documents from malformed ones (SEED006).
    const opens = document.getText().split('\n').filter((line) => line.startsWith('<<< ')).length;
    assert.ok(symbols.length >= opens && opens >= 6, `${symbols.length} symbols for ${opens} well-formed open lines`);
    for (const symbol of symbols) {
      assert.match(symbol.detail, /^\d{3,}_[0-9a-f]{16} · (approved|rejected|flagged|unreviewed)$/);
      assert.ok(symbol.children.length > 0, `${symbol.name} has paragraphs`);
    }
  });

  it('folding ranges per document', async () => {
    const document = await openWorkspaceFile('sample.seed');
    const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    assert.ok(ranges.length >= 6, `${ranges.length} folding ranges`);
  });

  it('diagnostics on a malformed corpus, and a quick fix that removes one', async () => {
    const text = await readText(workspaceUri('malformed/all-codes.seed'));
    const document = await vscode.workspace.openTextDocument({ language: 'seed', content: text });
    await vscode.window.showTextDocument(document);
    const diagnostics = await waitFor('diagnostics', () => {
      const found = seedDiagnostics(document.uri);
      return found.length > 0 ? found : undefined;
    });
    const codes = new Set(diagnostics.map(codeOf));
    assert.ok(codes.size >= 8, `codes reported: ${[...codes].join(', ')}`);
    for (const diagnostic of diagnostics) {
      const target = diagnostic.code && typeof diagnostic.code === 'object' ? diagnostic.code.target : undefined;
      assert.ok(target?.toString().startsWith('https://'), `${codeOf(diagnostic)} links to its documentation`);
    }
    let fixed: { code: string; action: vscode.CodeAction } | undefined;
    for (const diagnostic of diagnostics) {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const action = actions.find((candidate) => candidate.edit && !candidate.title.startsWith('Fix all'));
      if (action) {
        fixed = { code: codeOf(diagnostic), action };
        break;
      }
    }
    assert.ok(fixed, 'some diagnostic offers a quick fix');
    const before = diagnostics.filter((d) => codeOf(d) === fixed!.code).length;
    assert.ok(await vscode.workspace.applyEdit(fixed.action.edit!));
    await waitFor(`one ${fixed.code} fewer`, () => (seedDiagnostics(document.uri).filter((d) => codeOf(d) === fixed!.code).length < before ? true : undefined));
  });

  it('workspace index: Go to Symbol in Workspace finds a document of a file never opened', async () => {
    await extensionApi().workspaceIndex.ready;
    const ids = [...(await readText(workspaceUri('sample.seed'))).matchAll(/^<<< (\d{3,}_[0-9a-f]{16})/gm)].map((m) => m[1]);
    const id = ids[ids.length - 1];
    const symbols = await waitFor(`workspace symbols for ${id}`, async () => {
      const found = await vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', id);
      return found.length > 0 ? found : undefined;
    });
    assert.ok(symbols.some((symbol) => symbol.location.uri.path.endsWith('.seed')), symbols.map((s) => s.location.uri.toString()).join(', '));
    assert.ok(extensionApi().workspaceIndex.allFiles().length >= 3, 'the scan found the workspace\'s seed files through findFiles');
  });

  it('cross-file checks: a file created through workspace.fs with an id used elsewhere gets SEED012', async () => {
    const sample = await readText(workspaceUri('sample.seed'));
    const first = /^<<< .*\n(?:(?!>>> ).*\n)*>>> .*$/m.exec(sample);
    assert.ok(first, 'sample.seed has a document');
    const uri = await scratch('web-duplicate.seed', `${first[0]}\n`);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await waitFor('SEED012 on the copy', () => (seedDiagnostics(uri).some((d) => codeOf(d) === 'SEED012') ? true : undefined), 15_000);
  });

  it('review: Approve on the document under the cursor writes status=approved; CodeLens, tree and status bar follow', async () => {
    const source = await readText(workspaceUri('sample.seed'));
    const uri = await scratch('web-review.seed', source.replace(/ status=\w+/g, ''));
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    const line = document.getText().split('\n').findIndex((text) => text.startsWith('<<< '));
    editor.selection = new vscode.Selection(line + 1, 0, line + 1, 0);
    await vscode.commands.executeCommand('seedReview.approve');
    assert.match(document.lineAt(line).text, / status=approved/);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    assert.ok(lenses.length > 0, 'CodeLens above the documents');
    await document.save();
    const tree = extensionApi().review.corpusTree;
    await waitFor('the review file in the Seed Corpus view', () => (tree.getChildren().some((node) => node.kind === 'file' && node.file.uri.toString() === uri.toString()) ? true : undefined), 15_000);
    const next = await vscode.commands.executeCommand<{ id: string } | undefined>('seedReview.nextDocument');
    assert.ok(next?.id, 'Go to Next Document moves to a document');
  });

  it('split, bundle and split again through workspace.fs give back the same files byte for byte', async () => {
    // A corpus without errors (split refuses one with errors): smoke.seed.
    const source = await readText(workspaceUri('smoke.seed'));
    const corpus = await scratch('web-split.seed', source);
    const folder = workspaceUri('web-split-out');
    created.push(folder);
    const split = await vscode.commands.executeCommand<{ written: vscode.Uri[]; error?: string }>('seedReview.split', corpus, folder, { overwrite: true });
    assert.strictEqual(split?.error, undefined);
    assert.ok(split && split.written.length === 2, `${split?.written.length} files written`);
    const output = workspaceUri('web-split-out/bundled.seed');
    const bundled = await vscode.commands.executeCommand<{ written: vscode.Uri[]; error?: string }>('seedReview.bundle', [folder], output, { overwrite: true });
    assert.strictEqual(bundled?.error, undefined);
    // Bundling keeps every bare file's bytes: splitting the bundle gives back the same files.
    const again = workspaceUri('web-split-again');
    created.push(again);
    const resplit = await vscode.commands.executeCommand<{ written: vscode.Uri[]; error?: string }>('seedReview.split', output, again, { overwrite: true });
    assert.strictEqual(resplit?.error, undefined);
    assert.strictEqual(resplit?.written.length, split.written.length);
    for (const file of split.written) {
      const name = file.path.slice(file.path.lastIndexOf('/') + 1);
      assert.strictEqual(await readText(vscode.Uri.joinPath(again, name)), await readText(file), name);
    }
  });
});
