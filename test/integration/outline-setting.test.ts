// seedReview.outline.paragraphs ("auto" | "always" | "never") as a user gets it in a real VS Code:
// "auto" below and above its limit (and an edit that crosses it), the old boolean values still
// read, and their migration in the user and workspace settings, once, with a note.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { OUTLINE_PARAGRAPHS_AUTO_LIMIT } from '../../src/features/document-symbols';
import { migrateOutlineParagraphs } from '../../src/features/settings-migration';
import { closeAllEditors, waitFor, workspaceRoot } from './helpers';

/** `count` small documents of two paragraphs each. */
function corpusOf(count: number): string {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${String(i).padStart(3, '0')}_${(i * 2654435761 >>> 0).toString(16).padStart(16, '0')}`;
    lines.push(`<<< ${id}`, `Headline ${i}`, `First paragraph of ${i}.`, `Second paragraph of ${i}.`, `>>> ${id}`);
  }
  return lines.join('\n') + '\n';
}

async function openUntitled(content: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument({ language: 'seed', content });
  await vscode.window.showTextDocument(document);
  return document;
}

const symbolsOf = async (document: vscode.TextDocument) =>
  (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri)) ?? [];

/** Resolves once every document symbol of `document` has `children` children. */
async function childrenBecome(document: vscode.TextDocument, children: number, documents: number): Promise<void> {
  await waitFor(`${documents} documents with ${children} children each`, async () => {
    const symbols = await symbolsOf(document);
    return symbols.length === documents && symbols.every((symbol) => symbol.children.length === children) ? true : undefined;
  }, 30_000);
}

/** A Memento kept in memory: each test starts as a first start of the new version would. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

const settings = () => vscode.workspace.getConfiguration('seedReview');

describe('seedReview.outline.paragraphs', function () {
  // Files of a few thousand documents, asked for their symbols several times: slow on a busy machine.
  this.timeout(120_000);
  afterEach(async () => {
    await settings().update('outline.paragraphs', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('"auto" (the default): paragraphs up to the limit, one symbol per document above, also when an edit crosses it', async () => {
    assert.strictEqual(settings().inspect('outline.paragraphs')?.defaultValue, 'auto');
    const document = await openUntitled(corpusOf(OUTLINE_PARAGRAPHS_AUTO_LIMIT));
    await childrenBecome(document, 2, OUTLINE_PARAGRAPHS_AUTO_LIMIT);
    // One more document: above the limit, and no symbol of the old shape may be reused.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(document.uri, new vscode.Position(document.lineCount - 1, 0), corpusOf(1).replace(/000_/g, '999_'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    await childrenBecome(document, 0, OUTLINE_PARAGRAPHS_AUTO_LIMIT + 1);
    // And back below it.
    const undo = new vscode.WorkspaceEdit();
    undo.delete(document.uri, new vscode.Range(document.lineCount - 6, 0, document.lineCount - 1, 0));
    assert.ok(await vscode.workspace.applyEdit(undo));
    await childrenBecome(document, 2, OUTLINE_PARAGRAPHS_AUTO_LIMIT);
  });

  it('"always" and "never" hold above and below the limit, at once for an open file', async () => {
    const large = await openUntitled(corpusOf(OUTLINE_PARAGRAPHS_AUTO_LIMIT + 1));
    const small = await openUntitled(corpusOf(3));
    await childrenBecome(large, 0, OUTLINE_PARAGRAPHS_AUTO_LIMIT + 1);
    await childrenBecome(small, 2, 3);
    await settings().update('outline.paragraphs', 'always', vscode.ConfigurationTarget.Global);
    await childrenBecome(large, 2, OUTLINE_PARAGRAPHS_AUTO_LIMIT + 1);
    await settings().update('outline.paragraphs', 'never', vscode.ConfigurationTarget.Global);
    await childrenBecome(large, 0, OUTLINE_PARAGRAPHS_AUTO_LIMIT + 1);
    await childrenBecome(small, 0, 3);
  });

  it('the old boolean values are still read: true as "always", false as "never"', async () => {
    const large = await openUntitled(corpusOf(OUTLINE_PARAGRAPHS_AUTO_LIMIT + 1));
    const small = await openUntitled(corpusOf(3));
    await settings().update('outline.paragraphs', true, vscode.ConfigurationTarget.Global);
    await childrenBecome(large, 2, OUTLINE_PARAGRAPHS_AUTO_LIMIT + 1);
    await settings().update('outline.paragraphs', false, vscode.ConfigurationTarget.Global);
    await childrenBecome(small, 0, 3);
  });

  it('migration rewrites the old booleans in the user and workspace settings once, with one note', async () => {
    const workspaceSettings = path.join(workspaceRoot(), '.vscode', 'settings.json');
    const original = fs.readFileSync(workspaceSettings, 'utf8');
    const state = { global: new MemoryMemento(), workspace: new MemoryMemento() };
    const notes: string[] = [];
    try {
      await settings().update('outline.paragraphs', true, vscode.ConfigurationTarget.Global);
      await settings().update('outline.paragraphs', false, vscode.ConfigurationTarget.Workspace);
      const changed = await migrateOutlineParagraphs(state, (note) => notes.push(note));
      assert.deepStrictEqual(changed, [{ where: 'user', from: true, to: 'always' }, { where: 'workspace', from: false, to: 'never' }]);
      const inspected = settings().inspect('outline.paragraphs');
      assert.strictEqual(inspected?.globalValue, 'always');
      assert.strictEqual(inspected?.workspaceValue, 'never');
      assert.strictEqual(notes.length, 1);
      assert.match(notes[0], /true became "always" in your user settings; false became "never" in your workspace settings/);

      // Once: a boolean that comes back later (a synced settings file) is read, not rewritten again.
      await settings().update('outline.paragraphs', true, vscode.ConfigurationTarget.Global);
      assert.deepStrictEqual(await migrateOutlineParagraphs(state, (note) => notes.push(note)), []);
      assert.strictEqual(settings().inspect('outline.paragraphs')?.globalValue, true);
      assert.strictEqual(notes.length, 1);

      // Values of the new kind are left alone, and nobody is told anything.
      await settings().update('outline.paragraphs', 'never', vscode.ConfigurationTarget.Global);
      assert.deepStrictEqual(await migrateOutlineParagraphs({ global: new MemoryMemento(), workspace: new MemoryMemento() }, (note) => notes.push(note)), []);
      assert.strictEqual(notes.length, 1);
    } finally {
      await settings().update('outline.paragraphs', undefined, vscode.ConfigurationTarget.Workspace);
      // The workspace's settings file is part of the repository: leave it byte for byte as it was.
      if (fs.readFileSync(workspaceSettings, 'utf8') !== original) fs.writeFileSync(workspaceSettings, original);
    }
  });
});
