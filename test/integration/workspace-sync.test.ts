// The workspace index without trusting the file watcher: code-server's watcher often never reports
// files written into a folder created a moment before, and can go silent for minutes after a
// watched folder is deleted. The index also compares itself with a fresh listing now and then, so
// with seedReview.diagnostics.scope = "workspace" every file written into a new folder, and into a
// folder deleted and created again, reaches the index and the Problems panel without being opened.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi, waitFor, workspaceRoot } from './helpers';

const COUNT = 400;

/** `count` seed files, each with a stray first line (one SEED007) and an id of its own. */
function writeFiles(dir: string, tag: number, count: number): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `${String(i % 1000).padStart(3, '0')}_${(tag * 100000 + i).toString(16).padStart(16, '0')}`;
    const file = path.join(dir, `f${String(i).padStart(4, '0')}.seed`);
    fs.writeFileSync(file, `stray line ${i}\n<<< ${id}\nHeadline ${tag} ${i}\nBody of document ${i}.\n>>> ${id}\n`);
    files.push(file);
  }
  return files;
}

/** How many of `files` are indexed and have their SEED007 in the Problems panel. */
function complete(files: string[]): number {
  const index = extensionApi().workspaceIndex;
  return files.filter((file) => {
    const uri = vscode.Uri.file(file);
    return index.get(uri) !== undefined && vscode.languages.getDiagnostics(uri).some((d) => d.source === 'seed' && String(typeof d.code === 'object' ? d.code.value : d.code) === 'SEED007');
  }).length;
}

async function allArrive(what: string, files: string[]): Promise<void> {
  let last = 0;
  try {
    await waitFor(what, async () => {
      await extensionApi().diagnostics.settled();
      last = complete(files);
      return last === files.length ? true : undefined;
    }, 90_000);
  } catch (error) {
    throw new Error(`${what}: ${last} of ${files.length} arrived (${error instanceof Error ? error.message : String(error)})`);
  }
  const opened = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  assert.ok(!files.some((file) => opened.has(vscode.Uri.file(file).toString())), 'no file was opened');
}

describe('workspace index without the file watcher', function () {
  this.timeout(240_000);
  let dir = '';

  before(async () => {
    dir = path.join(workspaceRoot(), `sync-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    await vscode.workspace.getConfiguration('seedReview').update('diagnostics.scope', 'workspace', vscode.ConfigurationTarget.Workspace);
    await extensionApi().workspaceIndex.ready;
    // Relist often here (defaults: 3 s while files move, 30 s when quiet) so the test is quick.
    extensionApi().workspaceIndex.setRelistIntervals(500, 1_000);
  });

  after(async () => {
    extensionApi().workspaceIndex.setRelistIntervals(3_000, 30_000);
    fs.rmSync(dir, { recursive: true, force: true });
    await vscode.workspace.getConfiguration('seedReview').update('diagnostics.scope', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it(`every one of ${COUNT} files written into a new folder reaches the index and the Problems panel unopened`, async () => {
    const files = writeFiles(path.join(dir, 'new'), 1, COUNT);
    await allArrive('files in a new folder', files);
  });

  it('after the folder is deleted its files leave; written again into the recreated folder, all come back', async () => {
    const target = path.join(dir, 'new');
    const before = fs.readdirSync(target).map((name) => path.join(target, name));
    fs.rmSync(target, { recursive: true, force: true });
    await waitFor('the deleted folder\'s files to leave the index and the Problems panel', async () => {
      await extensionApi().diagnostics.settled();
      const index = extensionApi().workspaceIndex;
      const left = before.filter((file) => index.get(vscode.Uri.file(file)) || vscode.languages.getDiagnostics(vscode.Uri.file(file)).length > 0);
      return left.length === 0 ? true : undefined;
    }, 90_000);
    const files = writeFiles(target, 2, COUNT);
    await allArrive('files in the recreated folder', files);
    // And their text is the new one (tag 2), not a left-over of the first folder.
    const summary = extensionApi().workspaceIndex.get(vscode.Uri.file(files[7]))?.documents[0];
    assert.strictEqual(summary?.headline, 'Headline 2 7');
  });

  it('once relist() resolves, the index holds what is on disk (new, changed and deleted files), whatever the watcher said', async () => {
    const index = extensionApi().workspaceIndex;
    const extra = path.join(dir, 'late');
    const files = writeFiles(extra, 3, 5);
    await index.relist();
    assert.deepStrictEqual(files.filter((file) => !index.get(vscode.Uri.file(file))), [], 'every new file indexed');
    // A file changed on disk (its size too, so its stamp differs even within one mtime tick).
    fs.writeFileSync(files[2], fs.readFileSync(files[2], 'utf8').replace('Headline 3 2', 'Changed headline, longer than before'));
    await index.relist();
    assert.strictEqual(index.get(vscode.Uri.file(files[2]))?.documents[0]?.headline, 'Changed headline, longer than before', 'the changed file read again');
    fs.rmSync(extra, { recursive: true, force: true });
    await index.relist();
    assert.deepStrictEqual(files.filter((file) => index.get(vscode.Uri.file(file))), [], 'every deleted file dropped');
  });

  it('a deleted file whose document is still open (without unsaved text) leaves the index at the next relisting', async () => {
    const index = extensionApi().workspaceIndex;
    const [file] = writeFiles(path.join(dir, 'open'), 4, 1);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await index.relist();
    assert.ok(index.get(document.uri), 'indexed while on disk');
    fs.rmSync(path.join(dir, 'open'), { recursive: true, force: true });
    await index.relist();
    assert.strictEqual(index.get(document.uri), undefined, 'its deleted file left the index');
  });
});
