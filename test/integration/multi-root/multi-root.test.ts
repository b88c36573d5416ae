// A multi-root workspace in a real VS Code (test/workspace-multiroot/multi-root.code-workspace, opened
// by scripts/vscode/run-offline.mjs): two folders, "zulu" listed before "alpha", each with its own
// folder settings (.vscode/settings.json), project file (.seed-review.json), corpora and bare seed
// files. Each folder's files get their own diagnostics, with the whole-workspace scope too, and
// `seed-review check` run in each folder gives the editor's answer once the folder settings are laid
// under the project file (settings < project file, as documented); the review queue, the Seed Corpus
// view and the status bar's progress cover both folders, in the workspace's folder order.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DocumentNode, FolderNode } from '../../../src/features/review/corpus-tree';
import { closeAllEditors, extensionApi, waitFor } from '../helpers';
import { cliCheck, editorDiagnostics, keys, type CheckedDiagnostic } from '../parity';

/** A workspace folder of the window by name. */
function folder(name: string): vscode.WorkspaceFolder {
  const found = vscode.workspace.workspaceFolders?.find((f) => f.name === name);
  if (!found) throw new Error(`no workspace folder "${name}": is test/workspace-multiroot/multi-root.code-workspace open?`);
  return found;
}
const fileOf = (root: string, name: string) => vscode.Uri.joinPath(folder(root).uri, name);

const SEED_FILES: Record<string, string[]> = {
  zulu: ['z1.seed', 'z2.seed', '301_0000000000000301.txt', '302_0000000000000302.txt'],
  alpha: ['a1.seed', 'a2.seed', '201_0000000000000201.txt', '202_0000000000000202.txt'],
};

/**
 * What the editor must show for a folder: check's answer with the folder's settings under the
 * project file. zulu's settings make SEED010 an error and turn cross-file checks off, alpha's make
 * SEED010 a hint; neither project file sets those (they set SEED011 and SEED008).
 */
function withFolderSettings(root: string, cli: readonly CheckedDiagnostic[]): CheckedDiagnostic[] {
  const settings = vscode.workspace.getConfiguration('seedReview', folder(root).uri);
  const severity = settings.get<Record<string, string>>('diagnostics.severity') ?? {};
  const crossFile = settings.get<boolean>('workspace.crossFileChecks') ?? true;
  return cli
    .filter((d) => crossFile || (d.code !== 'SEED012' && d.code !== 'SEED013'))
    .map((d) => (severity[d.code] ? { ...d, severity: severity[d.code] } : d));
}

describe('multi-root workspace: each folder its own settings', function () {
  this.timeout(120_000);

  before(async () => {
    assert.deepStrictEqual(vscode.workspace.workspaceFolders?.map((f) => f.name), ['zulu', 'alpha']);
    await extensionApi().workspaceIndex.ready;
  });

  after(async () => {
    await vscode.workspace.getConfiguration('seedReview').update('diagnostics.scope', undefined, vscode.ConfigurationTarget.Global);
    await closeAllEditors();
  });

  it('reads the folder settings per resource', () => {
    const zulu = vscode.workspace.getConfiguration('seedReview', folder('zulu').uri);
    const alpha = vscode.workspace.getConfiguration('seedReview', folder('alpha').uri);
    assert.deepStrictEqual(zulu.get('diagnostics.severity'), { SEED010: 'error' });
    assert.deepStrictEqual(alpha.get('diagnostics.severity'), { SEED010: 'hint' });
    assert.strictEqual(zulu.get('workspace.crossFileChecks'), false);
    assert.strictEqual(alpha.get('workspace.crossFileChecks'), true);
  });

  it('an open file gets its own folder\'s severities and cross-file setting', async () => {
    const api = extensionApi();
    for (const root of ['zulu', 'alpha']) {
      const name = root === 'zulu' ? 'z1.seed' : 'a1.seed';
      await vscode.window.showTextDocument(fileOf(root, name));
    }
    const codes = (root: string, name: string) => vscode.languages.getDiagnostics(fileOf(root, name))
      .filter((d) => d.source === 'seed')
      .map((d) => `${String(typeof d.code === 'object' ? d.code.value : d.code)}:${d.severity}`).sort();
    const E = vscode.DiagnosticSeverity;
    // zulu: SEED010 error (folder setting), SEED011 off (project file), SEED012 off (folder setting), SEED008 a warning.
    const zulu = ['SEED008:' + E.Warning, 'SEED010:' + E.Error].sort();
    // alpha: SEED010 hint (folder setting), SEED008 error (project file), SEED011 information, SEED012 a warning.
    const alpha = ['SEED008:' + E.Error, 'SEED010:' + E.Hint, 'SEED011:' + E.Information, 'SEED012:' + E.Warning].sort();
    await waitFor('each folder\'s diagnostics', async () => {
      await api.diagnostics.settled();
      return codes('zulu', 'z1.seed').join() === zulu.join() && codes('alpha', 'a1.seed').join() === alpha.join() ? true : undefined;
    }, 60_000).catch((error: Error) => {
      throw new Error(`${error.message}\nzulu/z1.seed: ${codes('zulu', 'z1.seed').join(', ')} (expected ${zulu.join(', ')})\nalpha/a1.seed: ${codes('alpha', 'a1.seed').join(', ')} (expected ${alpha.join(', ')})`);
    });
  });

  it('with the workspace scope, every file of both folders has its problems unopened, as seed-review check says per folder', async () => {
    await closeAllEditors();
    await vscode.workspace.getConfiguration('seedReview').update('diagnostics.scope', 'workspace', vscode.ConfigurationTarget.Global);
    const api = extensionApi();
    for (const root of ['zulu', 'alpha']) {
      const cli = cliCheck(folder(root).uri.fsPath);
      assert.strictEqual(cli.stderr, '', cli.stderr);
      assert.ok(cli.diagnostics.some((d) => d.code === 'SEED012'), `check finds the duplicate id in ${root} (it has no folder settings)`);
      const expected = keys(withFolderSettings(root, cli.diagnostics));
      const found = await waitFor(`the Problems panel of ${root} to show check's answer with the folder settings`, async () => {
        await api.workspaceIndex.ready;
        await api.diagnostics.settled();
        const now = keys(editorDiagnostics(folder(root).uri.fsPath, SEED_FILES[root]));
        return now.join('\n') === expected.join('\n') ? now : undefined;
      }, 60_000).catch((error: Error) => {
        const now = keys(editorDiagnostics(folder(root).uri.fsPath, SEED_FILES[root]));
        throw new Error(`${error.message}\nexpected (check + folder settings):\n${expected.join('\n')}\neditor:\n${now.join('\n')}`);
      });
      assert.deepStrictEqual(found, expected);
    }
  });
});

describe('multi-root workspace: one review queue over both folders', function () {
  this.timeout(120_000);

  before(async () => {
    const api = extensionApi();
    await api.workspaceIndex.ready;
    await waitFor('both folders indexed', () => (Object.entries(SEED_FILES).every(([root, names]) => names.every((n) => api.workspaceIndex.get(fileOf(root, n)))) ? true : undefined), 60_000);
  });

  after(async () => {
    await closeAllEditors();
  });

  it('next document goes through the folders in the workspace\'s order, then file name, then document order', async () => {
    await vscode.window.showTextDocument(fileOf('zulu', '301_0000000000000301.txt'));
    const seen: string[] = [];
    for (let i = 0; i < 10; i++) {
      const moved = await vscode.commands.executeCommand<{ id: string; wrapped: boolean } | undefined>('seedReview.nextDocument');
      const editor = vscode.window.activeTextEditor;
      const root = editor ? vscode.workspace.getWorkspaceFolder(editor.document.uri)?.name : undefined;
      seen.push(`${root}/${path.basename(editor?.document.uri.fsPath ?? '')} ${moved?.id}${moved?.wrapped ? ' (wrapped)' : ''}`);
    }
    assert.deepStrictEqual(seen, [
      'zulu/302_0000000000000302.txt 302_0000000000000302',
      'zulu/z1.seed 902_9a9a9a9a9a9a9a9a',
      'zulu/z1.seed 901_9b9b9b9b9b9b9b9b',
      'zulu/z2.seed 902_9a9a9a9a9a9a9a9a',
      'alpha/201_0000000000000201.txt 201_0000000000000201',
      'alpha/202_0000000000000202.txt 202_0000000000000202',
      'alpha/a1.seed 802_8a8a8a8a8a8a8a8a',
      'alpha/a1.seed 801_8b8b8b8b8b8b8b8b',
      'alpha/a2.seed 802_8a8a8a8a8a8a8a8a',
      'zulu/301_0000000000000301.txt 301_0000000000000301 (wrapped)',
    ]);
  });

  it('the status bar counts the progress of both folders (the zulu ledger approves one bare file)', async () => {
    const bar = extensionApi().review.statusBar;
    await vscode.window.showTextDocument(fileOf('alpha', 'a1.seed'));
    await waitFor('the progress of both folders', () => (bar.progressVisible && bar.progress.text === '$(checklist) 1 of 10 reviewed' ? true : undefined), 30_000)
      .catch((error: Error) => {
        throw new Error(`${error.message}; the status bar says ${JSON.stringify(bar.progress.text)}`);
      });
  });

  it('the Seed Corpus view shows both folders in the workspace\'s order, bare files as documents with their ledger statuses', async () => {
    const tree = extensionApi().review.corpusTree;
    const label = (node: ReturnType<typeof tree.getChildren>[number]) => {
      if (node.kind === 'folder') return `folder ${vscode.workspace.getWorkspaceFolder(node.folder)?.name}`;
      if (node.kind === 'file') return `file ${vscode.workspace.getWorkspaceFolder(node.file.uri)?.name}/${path.basename(node.file.uri.fsPath)}`;
      return `document ${node.summary.id}`;
    };
    assert.deepStrictEqual(tree.getChildren().map(label), [
      'folder zulu', 'file zulu/z1.seed', 'file zulu/z2.seed',
      'folder alpha', 'file alpha/a1.seed', 'file alpha/a2.seed',
    ]);
    const folders = tree.getChildren().filter((n): n is FolderNode => n.kind === 'folder');
    const docs = folders.map((f) => (tree.getChildren(f) as DocumentNode[]).map((d) => `${d.summary.id} ${d.summary.status}`));
    assert.deepStrictEqual(docs, [
      ['301_0000000000000301 unreviewed', '302_0000000000000302 approved'],
      ['201_0000000000000201 unreviewed', '202_0000000000000202 unreviewed'],
    ]);
    assert.strictEqual(tree.getTreeItem(folders[0]).label, 'zulu');
  });
});
