// Keys that do not fight typing, checked in a real VS Code: our default bindings against every
// default binding of this VS Code (Preferences: Open Default Keyboard Shortcuts (JSON)), none of them
// with Ctrl+Alt (AltGr on Windows) or a bare Alt/Option (a character on macOS), and the Seed Corpus
// view's bindings acting on its selection. (Pressing Ctrl+Alt+A, what AltGr+A sends on Windows, is
// tested in the browser by scripts/vscode/ui-web.mjs: it must not approve.)
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { parse } from 'jsonc-parser';
import type { DocumentNode, FolderNode } from '../../src/features/review/corpus-tree';
import { closeAllEditors, extensionApi, repoRoot, waitFor, workspaceRoot } from './helpers';

interface Binding {
  key: string;
  mac?: string;
  command: string;
  when?: string;
  args?: unknown;
}

const ours = (JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).contributes.keybindings as Binding[]);

/** The parts of a key: "ctrl+k a" -> [["ctrl", "k"], ["a"]]. */
const chordParts = (key: string) => key.split(' ').map((part) => part.split('+'));

describe('keys: default bindings that do not fight typing', () => {
  afterEach(closeAllEditors);

  it('every review command has a default key; none is a key VS Code itself binds by default', async function () {
    this.timeout(60_000);
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const editor = await waitFor('the default keybindings', () => (vscode.window.activeTextEditor?.document.uri.scheme === 'vscode' ? vscode.window.activeTextEditor : undefined));
    const defaults = (parse(editor.document.getText()) as Binding[]).filter((binding) => !binding.command.startsWith('seedReview.') && !binding.command.startsWith('-'));
    assert.ok(defaults.length > 500, `only ${defaults.length} default bindings read`);
    const byKey = new Map<string, string[]>();
    for (const binding of defaults) byKey.set(binding.key, [...(byKey.get(binding.key) ?? []), binding.command]);
    for (const command of ['seedReview.approve', 'seedReview.reject', 'seedReview.flag', 'seedReview.clearStatus', 'seedReview.nextDocument',
      'seedReview.previousDocument', 'seedReview.nextUnreviewedDocument', 'seedReview.approveAndNextUnreviewed']) {
      assert.ok(ours.some((binding) => binding.command === command), `${command} has no default key`);
    }
    for (const binding of ours) {
      assert.deepStrictEqual(byKey.get(binding.key), undefined, `${binding.key} (${binding.command}) is also a default key of VS Code`);
      // A chord's first key must not be a single-key binding of VS Code either (it would stop working).
      const first = binding.key.split(' ')[0];
      if (first !== binding.key) assert.deepStrictEqual(byKey.get(first), undefined, `${first} (the start of ${binding.key}) is a default key of VS Code`);
    }
  });

  it('no binding uses Ctrl+Alt (AltGr on Windows) or Alt/Option without Ctrl/Cmd (characters on macOS)', () => {
    for (const binding of ours) {
      for (const key of [binding.key, binding.mac ?? binding.key]) {
        for (const part of chordParts(key)) {
          const has = (modifier: string) => part.includes(modifier);
          assert.ok(!(has('ctrl') && has('alt')), `${key} (${binding.command}) is AltGr on Windows`);
          assert.ok(!has('alt') || has('ctrl') || has('cmd'), `${key} (${binding.command}) types a character with Option on macOS`);
        }
      }
      assert.match(binding.when ?? '', /editorLangId == seed|focusedView == seedReview\.corpus/, `${binding.command} must apply only in a seed editor or the Seed Corpus view`);
    }
  });

  it('in the Seed Corpus view the status keys act on its selection', async function () {
    // A new folder can take a while to reach the index (code-server restarts its file watcher after
    // another suite deleted a watched file).
    this.timeout(150_000);
    const dir = fs.mkdtempSync(path.join(workspaceRoot(), 'keys-it-'));
    const id = '301_00000000000000e1';
    try {
      fs.writeFileSync(path.join(dir, `${id}.txt`), 'Pier lights replaced\n');
      // Opened once so the index has it even when code-server's file watcher misses a new folder.
      await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dir, `${id}.txt`)));
      const tree = extensionApi().review.corpusTree;
      const findNode = () => {
        const folder = tree.getChildren().find((candidate): candidate is FolderNode => candidate.kind === 'folder' && candidate.folder.fsPath === dir);
        return folder ? (tree.getChildren(folder) as DocumentNode[]).find((doc) => doc.summary.id === id) : undefined;
      };
      await waitFor('the keys test file in the view', findNode, 120_000);
      const selected = () => tree.view.selection.some((item) => item.kind === 'document' && item.summary.id === id);
      // The view redraws when the index reports files (other suites' folders, a relisting): a reveal
      // of a node drawn before such a redraw selects nothing, so reveal the node as drawn now, again.
      await waitFor('the item selected', async () => {
        const node = findNode();
        // A node gone stale before the reveal finished may be refused: the next round takes a fresh one.
        if (node && !selected()) await Promise.resolve(tree.view.reveal(node, { select: true, focus: true })).catch(() => undefined);
        for (let i = 0; i < 10 && !selected(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
        return selected() ? true : undefined;
      }, 60_000);
      // What the binding passes (package.json: "args": { "from": "seedCorpusView" }).
      const binding = ours.find((candidate) => candidate.command === 'seedReview.flag' && candidate.when?.includes('focusedView'));
      const result = await vscode.commands.executeCommand<{ changed: string[] }>('seedReview.flag', binding?.args);
      assert.deepStrictEqual(result.changed, [id]);
      assert.strictEqual(fs.readFileSync(path.join(dir, 'seed-review.jsonl'), 'utf8'), `{"id": "${id}", "attributes": {"status": "flagged"}}\n`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
