// The review workflow in a real VS Code: status and note commands (one undo step each), CodeLens,
// navigation, the Seed Corpus tree, the status bar item and the bundle/split commands.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { EntitySource } from '../../src/features/review';
import type { DocumentNode, FileNode } from '../../src/features/review/corpus-tree';
import { closeAllEditors, extensionApi, openWorkspaceFile, waitFor } from './helpers';

const A = '001_a1b2c3d4e5f60718';
const B = '002_0123456789abcdef';
const C = '003_00000000000000cc';

const corpusText = [
  '# review test corpus',
  `<<< ${A} status=approved source=example`,
  'Harbour reopens after storm repairs',
  'The harbour reopened on Monday.',
  `>>> ${A}`,
  '',
  `<<< ${B} note="check the figures"`,
  'Library extends opening hours',
  'The library stays open until 22:00.',
  'From February on.',
  `>>> ${B}`,
  '',
  `<<< ${C}`,
  'Bridge closed for inspection',
  `>>> ${C}`,
  '',
].join('\n');

/** An untitled seed document in an editor: edits never touch the disk. */
async function openCorpus(content = corpusText): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'seed', content });
  return vscode.window.showTextDocument(document);
}

function cursorAt(editor: vscode.TextEditor, ...lines: number[]): void {
  editor.selections = lines.map((line) => new vscode.Selection(line, 0, line, 0));
}

function line(editor: vscode.TextEditor, n: number): string {
  return editor.document.lineAt(n).text;
}

describe('review: status and note commands', () => {
  afterEach(closeAllEditors);

  it('approve sets status on the document under the cursor, as one undoable edit', async () => {
    const editor = await openCorpus();
    cursorAt(editor, 8);
    await vscode.commands.executeCommand('seedReview.approve');
    assert.strictEqual(line(editor, 6), `<<< ${B} note="check the figures" status=approved`);
    assert.strictEqual(editor.document.getText(), corpusText.replace('note="check the figures"', 'note="check the figures" status=approved'));
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), corpusText);
  });

  it('reject replaces a status in place; clear removes it; flag appends it', async () => {
    const editor = await openCorpus();
    cursorAt(editor, 2);
    await vscode.commands.executeCommand('seedReview.reject');
    assert.strictEqual(line(editor, 1), `<<< ${A} status=rejected source=example`);
    await vscode.commands.executeCommand('seedReview.clearStatus');
    assert.strictEqual(line(editor, 1), `<<< ${A} source=example`);
    cursorAt(editor, 13);
    await vscode.commands.executeCommand('seedReview.flag');
    assert.strictEqual(line(editor, 12), `<<< ${C} status=flagged`);
  });

  it('a selection across documents and multiple cursors change every document they touch, in one undo step', async () => {
    const editor = await openCorpus();
    editor.selections = [new vscode.Selection(3, 0, 7, 2), new vscode.Selection(13, 1, 13, 1)];
    const result = await vscode.commands.executeCommand<{ changed: string[] }>('seedReview.reject');
    assert.deepStrictEqual(result.changed, [A, B, C]);
    assert.deepStrictEqual([1, 6, 12].map((n) => line(editor, n)), [
      `<<< ${A} status=rejected source=example`, `<<< ${B} note="check the figures" status=rejected`, `<<< ${C} status=rejected`,
    ]);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(editor.document.getText(), corpusText);
  });

  it('add note writes a quoted, escaped note and replaces an existing one', async () => {
    const editor = await openCorpus();
    cursorAt(editor, 7);
    await vscode.commands.executeCommand('seedReview.addNote', undefined, 'say "22:00" \\ not 23:00');
    assert.strictEqual(line(editor, 6), `<<< ${B} note="say \\"22:00\\" \\\\ not 23:00"`);
    const parsed = extensionApi().parseCache.get(editor.document).documents[1];
    assert.strictEqual(parsed.attributes.find((a) => a.key === 'note')?.value, 'say "22:00" \\ not 23:00');
  });


  it('a cursor outside every document changes nothing', async () => {
    const editor = await openCorpus();
    cursorAt(editor, 5);
    assert.strictEqual(await vscode.commands.executeCommand('seedReview.approve'), undefined);
    assert.strictEqual(editor.document.getText(), corpusText);
  });
});

describe('review: CodeLens', () => {
  afterEach(async () => {
    await vscode.workspace.getConfiguration('seedReview').update('codeLens.enabled', undefined, vscode.ConfigurationTarget.Global);
    extensionApi().review.setEntitySource(previousEntities);
    await closeAllEditors();
  });
  let previousEntities: EntitySource | undefined;
  beforeEach(() => {
    previousEntities = extensionApi().review.entitySource;
  });

  async function reviewLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    return lenses.filter((lens) => lens.command?.command.startsWith('seedReview.') || /paragraph/.test(lens.command?.title ?? ''));
  }

  it('shows status, paragraph and word counts and Approve / Reject above each document', async () => {
    const editor = await openCorpus();
    extensionApi().review.setEntitySource(undefined);
    const lenses = await waitFor('review lenses', async () => {
      const found = await reviewLenses(editor.document.uri);
      return found.length === 9 ? found : undefined;
    });
    const titles = lenses.filter((lens) => lens.range.start.line === 6).map((lens) => lens.command?.title);
    assert.deepStrictEqual(titles, ['$(circle-outline) unreviewed · 2 paragraphs · 13 words', '$(check) Approve', '$(close) Reject']);
    const approve = lenses.find((lens) => lens.range.start.line === 12 && lens.command?.command === 'seedReview.approve');
    assert.ok(approve?.command);
    await vscode.commands.executeCommand(approve.command.command, ...(approve.command.arguments ?? []));
    assert.strictEqual(line(editor, 12), `<<< ${C} status=approved`);
  });

  it('shows the entity count when an entity source knows it', async () => {
    const editor = await openCorpus();
    extensionApi().review.setEntitySource({
      entityCountOf: (_uri, id) => (id === A ? 3 : undefined),
      documentsMentioning: () => [],
    });
    const lenses = await reviewLenses(editor.document.uri);
    const titleAt = (n: number) => lenses.find((lens) => lens.range.start.line === n && /paragraph/.test(lens.command?.title ?? ''))?.command?.title;
    assert.strictEqual(titleAt(1), '$(pass) approved · 1 paragraph · 10 words · 3 entities');
    assert.strictEqual(titleAt(12), '$(circle-outline) unreviewed · 0 paragraphs · 4 words');
  });

  it('asks VS Code for new lenses when a shown entity count changes, not on every change of the entity index', async () => {
    const editor = await openCorpus();
    const counts = new Map<string, number>([[A, 3]]);
    const changed = new vscode.EventEmitter<void>();
    extensionApi().review.setEntitySource({
      entityCountOf: (uri, id) => (uri.toString() === editor.document.uri.toString() ? counts.get(id) : undefined),
      documentsMentioning: () => [],
      onDidChange: changed.event,
    });
    const titleOfA = async () => (await reviewLenses(editor.document.uri)).find((lens) => lens.range.start.line === 1 && /paragraph/.test(lens.command?.title ?? ''))?.command?.title;
    assert.match((await titleOfA()) ?? '', /3 entities$/);
    let lensChanges = 0;
    const listening = extensionApi().review.codeLens.onDidChangeCodeLenses(() => lensChanges++);
    try {
      // The index building through other files: nothing a lens shows is different.
      counts.set('999_ffffffffffffffff', 8);
      for (let i = 0; i < 20; i++) changed.fire();
      assert.strictEqual(lensChanges, 0, 'changes that no shown lens reflects must not ask for lenses');
      // A count that a lens shows changes: one request, and the lens gives the new count.
      counts.set(A, 5);
      changed.fire();
      changed.fire();
      assert.strictEqual(lensChanges, 1);
      assert.match((await titleOfA()) ?? '', /5 entities$/);
      // A document whose count was unknown gets one.
      counts.set(B, 2);
      changed.fire();
      assert.strictEqual(lensChanges, 2);
    } finally {
      listening.dispose();
      changed.dispose();
    }
  });

  it('a resolve VS Code cancelled leaves the lens unresolved, so the next resolve gives its title', async () => {
    const editor = await openCorpus();
    extensionApi().review.setEntitySource(undefined);
    const provider = extensionApi().review.codeLens;
    const live = new vscode.CancellationTokenSource();
    const cancelled = new vscode.CancellationTokenSource();
    cancelled.cancel();
    try {
      const lenses = provider.provideCodeLenses(editor.document, live.token);
      const summary = lenses[0];
      // The extension host asks the provider again only for a lens without a command.
      const commandOf = (lens: vscode.CodeLens): vscode.Command | undefined => lens.command;
      provider.resolveCodeLens(summary, cancelled.token);
      assert.strictEqual(commandOf(summary), undefined, 'a cancelled resolve must not set a command');
      provider.resolveCodeLens(summary, live.token);
      assert.match(commandOf(summary)?.title ?? '', /approved · 1 paragraph · 10 words/);
    } finally {
      live.dispose();
      cancelled.dispose();
    }
  });

  it('a corpus of 3,000 documents gets lenses near the view: at the top, and at the end after a jump', async () => {
    const count = 3000;
    const id = (i: number) => `${String(i).padStart(4, '0')}_${(0xa000000000000000n + BigInt(i)).toString(16)}`;
    // 4 lines a document and a blank line: 15,000 lines, more than the window's 3,000 each side.
    const editor = await openCorpus(Array.from({ length: count }, (_, i) => `<<< ${id(i)}\nHeadline ${i}\nBody of document ${i}.\n>>> ${id(i)}\n`).join('\n'));
    extensionApi().review.setEntitySource(undefined);
    const uri = editor.document.uri;
    const lastStart = 5 * (count - 1);
    assert.strictEqual(editor.document.lineAt(lastStart).text, `<<< ${id(count - 1)}`);
    const provider = extensionApi().review.codeLens;
    // VS Code's own requests to the provider (the editor's, not only this test's executeCodeLensProvider).
    const given: number[][] = [];
    const provide = provider.provideCodeLenses.bind(provider);
    provider.provideCodeLenses = (document, token) => {
      const lenses = provide(document, token);
      if (document === editor.document) given.push(lenses.map((lens) => lens.range.start.line));
      return lenses;
    };
    try {
      // Resolving every lens given (a window's worth): executeCodeLensProvider resolves the first N only.
      const titleAt = async (line: number) => (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 3 * count))
        .find((lens) => lens.range.start.line === line && /paragraph/.test(lens.command?.title ?? ''))?.command?.title;
      // At the top: the first document's lenses, resolved; not the last one's, and far fewer than 9,000 lenses.
      await waitFor('VS Code asked for the lenses of the top', () => (given.some((lines) => lines.includes(0)) ? true : undefined));
      assert.strictEqual(await titleAt(0), '$(circle-outline) unreviewed · 1 paragraph · 6 words');
      const top = given[given.length - 1];
      assert.ok(!top.includes(lastStart), 'the last document is far from the view: no lens');
      assert.ok(top.length < count, `lenses given: ${top.length}`);
      // Jump to the end (Ctrl+End): VS Code is told and asks again; the last document gets its lenses.
      const asked = given.length;
      const end = new vscode.Position(editor.document.lineCount - 1, 0);
      editor.selection = new vscode.Selection(end, end);
      editor.revealRange(new vscode.Range(end, end));
      await waitFor('VS Code asked again for the lenses of the end', () => (given.slice(asked).some((lines) => lines.includes(lastStart)) ? true : undefined));
      assert.strictEqual(await titleAt(lastStart), '$(circle-outline) unreviewed · 1 paragraph · 6 words');
      assert.ok(provider.windowOf(uri)?.some((span) => span.end === editor.document.lineCount - 1));
      // And back to the top.
      const again = given.length;
      editor.revealRange(new vscode.Range(0, 0, 0, 0));
      await waitFor('VS Code asked again for the lenses of the top', () => (given.slice(again).some((lines) => lines.includes(0)) ? true : undefined));
    } finally {
      delete (provider as Partial<typeof provider>).provideCodeLenses;
    }
  });

  it('seedReview.codeLens.enabled = false removes them', async () => {
    const editor = await openCorpus();
    await vscode.workspace.getConfiguration('seedReview').update('codeLens.enabled', false, vscode.ConfigurationTarget.Global);
    await waitFor('no review lenses', async () => ((await reviewLenses(editor.document.uri)).length === 0 ? true : undefined));
  });
});

describe('review: navigation', () => {
  afterEach(closeAllEditors);

  it('next / previous document move the cursor to the headline and wrap around', async () => {
    const editor = await openCorpus();
    cursorAt(editor, 0);
    const next = (command: string) => vscode.commands.executeCommand<{ id: string; wrapped: boolean }>(command);
    assert.deepStrictEqual(await next('seedReview.nextDocument'), { id: A, line: 1, wrapped: false });
    assert.strictEqual(editor.selection.active.line, 2);
    assert.strictEqual((await next('seedReview.nextDocument')).id, B);
    assert.strictEqual(editor.selection.active.line, 7);
    assert.strictEqual((await next('seedReview.nextDocument')).id, C);
    assert.deepStrictEqual(await next('seedReview.nextDocument'), { id: A, line: 1, wrapped: true });
    assert.deepStrictEqual(await next('seedReview.previousDocument'), { id: C, line: 12, wrapped: true });
    assert.deepStrictEqual(await next('seedReview.previousDocument'), { id: B, line: 6, wrapped: false });
  });

  it('next unreviewed skips approved documents and wraps', async () => {
    const editor = await openCorpus();
    cursorAt(editor, 0);
    const next = () => vscode.commands.executeCommand<{ id: string; wrapped: boolean } | undefined>('seedReview.nextUnreviewedDocument');
    assert.deepStrictEqual(await next(), { id: B, line: 6, wrapped: false });
    assert.deepStrictEqual(await next(), { id: C, line: 12, wrapped: false });
    assert.deepStrictEqual(await next(), { id: B, line: 6, wrapped: true });
    editor.selections = [new vscode.Selection(0, 0, 15, 0)];
    await vscode.commands.executeCommand('seedReview.approve');
    assert.strictEqual(await next(), undefined);
  });
});

describe('review: Seed Corpus tree and status bar', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('seedReview.corpus.clearFilter');
    await closeAllEditors();
  });

  async function smokeNode(): Promise<FileNode> {
    const tree = extensionApi().review.corpusTree;
    await extensionApi().workspaceIndex.ready;
    return waitFor('smoke.seed in the tree', () =>
      tree.getChildren().find((node): node is FileNode => node.kind === 'file' && node.file.uri.path.endsWith('/smoke.seed')));
  }

  it('lists the workspace seed files and their documents with status icons, headlines and ids', async () => {
    const tree = extensionApi().review.corpusTree;
    const file = await smokeNode();
    const docs = tree.getChildren(file) as DocumentNode[];
    const items = docs.map((node) => tree.getTreeItem(node));
    assert.deepStrictEqual(items.map((item) => [item.label, item.description, (item.iconPath as vscode.ThemeIcon).id]), [
      ['Harbour reopens after storm repairs', '001_a1b2c3d4e5f60718', 'pass'],
      ['Library extends opening hours', '002_0123456789abcdef', 'circle-outline'],
    ]);
    assert.strictEqual(items[0].command?.command, 'seedReview.corpus.openDocument');
    assert.match(String(tree.view.description), /\d+ approved · \d+ rejected · \d+ flagged · \d+ unreviewed/);
    // A folder of bare seed files lists its files as its documents, with no file level.
    const folder = tree.getChildren().find((node) => node.kind === 'folder' && node.files.some((f) => f.uri.path.endsWith('/000_0f5d7b9424756893.txt')));
    assert.ok(folder, 'the bare seed file\'s folder is listed');
    const bare = (tree.getChildren(folder) as DocumentNode[]).find((node) => node.summary.id === '000_0f5d7b9424756893');
    assert.ok(bare, 'the bare seed file is listed as a document');
    assert.strictEqual(tree.getTreeItem(bare).description, '000_0f5d7b9424756893');
  });

  it('filters by status and by text, says so in the message, and clears', async () => {
    const tree = extensionApi().review.corpusTree;
    await smokeNode();
    await vscode.commands.executeCommand('seedReview.corpus.filterByStatus', 'approved');
    const approved = tree.getChildren().flatMap((node) => tree.getChildren(node) as DocumentNode[]);
    assert.ok(approved.length > 0);
    assert.ok(approved.every((node) => node.summary.status === 'approved'));
    assert.match(String(tree.view.message), /^Filter: status approved — \d+ of \d+ documents$/);
    await vscode.commands.executeCommand('seedReview.corpus.filterByText', 'LIBRARY');
    assert.strictEqual(tree.getChildren().length, 0, 'no approved document mentions library');
    await vscode.commands.executeCommand('seedReview.corpus.filterByStatus', 'unreviewed');
    const library = tree.getChildren().flatMap((node) => tree.getChildren(node) as DocumentNode[]);
    assert.ok(library.some((node) => node.summary.id === B));
    await vscode.commands.executeCommand('seedReview.corpus.clearFilter');
    assert.strictEqual(tree.view.message, undefined);
  });

  it('filters by entity through the entity source', async () => {
    const review = extensionApi().review;
    const previous = review.entitySource;
    const file = await smokeNode();
    try {
      review.setEntitySource({ entityCountOf: () => undefined, documentsMentioning: () => [{ uri: file.file.uri, docId: A }] });
      await vscode.commands.executeCommand('seedReview.corpus.filterByEntity', 'Harbour');
      const shown = review.corpusTree.getChildren().flatMap((node) => review.corpusTree.getChildren(node) as DocumentNode[]);
      assert.deepStrictEqual(shown.map((node) => node.summary.id), [A]);
    } finally {
      review.setEntitySource(previous);
    }
  });

  it('selecting a document opens it at its headline', async () => {
    const file = await smokeNode();
    await vscode.commands.executeCommand('seedReview.corpus.openDocument', file.file.uri, file.documents[1].startLine);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.path.endsWith('/smoke.seed'));
    assert.strictEqual(editor.selection.active.line, file.documents[1].startLine + 1);
  });

  it('the status bar counts the active seed editor and hides for other editors', async () => {
    const bar = extensionApi().review.statusBar;
    await openCorpus(corpusText + `<<< 004_00000000000000dd\nUnclosed\n`);
    await waitFor('status bar for the corpus', () => (bar.visible && bar.item.text.startsWith('$(book) 4') ? true : undefined));
    assert.strictEqual(bar.item.text, '$(book) 4 $(pass) 1 $(error) 0 $(circle-outline) 3 $(bug) 1');
    assert.strictEqual(bar.item.command && typeof bar.item.command === 'object' ? bar.item.command.command : bar.item.command, 'seedReview.corpus.focus');
    await openWorkspaceFile('README.txt');
    await waitFor('status bar hidden', () => (bar.visible ? undefined : true));
  });
});

describe('review: bundle and split commands', () => {
  it('bundle then split gives back the same bytes; nothing is overwritten when refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-review-it-'));
    const input = path.join(dir, 'in');
    fs.mkdirSync(input);
    const files: Record<string, string> = {
      '001_0000000000000001.txt': '\ufeffKopf\r\nAbsatz — eins\r\n',
      '002_0000000000000002.txt': '\nHead\n>>> 002_0000000000000002\nno final newline',
    };
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(input, name), text);
    const output = vscode.Uri.file(path.join(dir, 'all.seed'));
    const bundled = await vscode.commands.executeCommand<{ written: vscode.Uri[] }>('seedReview.bundle', [vscode.Uri.file(input)], output, { overwrite: false });
    assert.strictEqual(bundled.written.length, 1);
    const corpus = fs.readFileSync(output.fsPath, 'utf8');
    assert.ok(corpus.startsWith('<<< 001_0000000000000001 eol=crlf bom=yes\n'), corpus);

    fs.writeFileSync(output.fsPath, 'precious');
    const refused = await vscode.commands.executeCommand<{ written: vscode.Uri[]; error?: string }>('seedReview.bundle', [vscode.Uri.file(input)], output, { overwrite: false });
    assert.deepStrictEqual(refused, { written: [], error: 'not overwritten' });
    assert.strictEqual(fs.readFileSync(output.fsPath, 'utf8'), 'precious');
    await vscode.commands.executeCommand('seedReview.bundle', [vscode.Uri.file(input)], output, { overwrite: true });

    const out = vscode.Uri.file(path.join(dir, 'out'));
    const split = await vscode.commands.executeCommand<{ written: vscode.Uri[] }>('seedReview.split', output, out, { overwrite: false });
    assert.strictEqual(split.written.length, 2);
    for (const [name, text] of Object.entries(files)) assert.ok(fs.readFileSync(path.join(out.fsPath, name)).equals(Buffer.from(text, 'utf8')), name);
    const again = await vscode.commands.executeCommand<{ written: vscode.Uri[]; error?: string }>('seedReview.split', output, out, { overwrite: false });
    assert.deepStrictEqual(again, { written: [], error: 'not overwritten' });
  });

  it('split refuses a corpus with duplicate ids', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-review-it-'));
    const file = path.join(dir, 'dup.seed');
    fs.writeFileSync(file, `<<< ${A}\nH\n>>> ${A}\n<<< ${A}\nH\n>>> ${A}\n`);
    const result = await vscode.commands.executeCommand<{ written: vscode.Uri[]; error?: string }>('seedReview.split', vscode.Uri.file(file), vscode.Uri.file(path.join(dir, 'out')), { overwrite: false });
    assert.strictEqual(result.written.length, 0);
    assert.match(String(result.error), /^dup\.seed:4: /);
    assert.strictEqual(fs.existsSync(path.join(dir, 'out')), false);
  });
});
