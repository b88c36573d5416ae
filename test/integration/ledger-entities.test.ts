// Bare seed files' statuses in the entity features, in a real VS Code: the Seed Corpus view's entity
// filter (alone and with a status filter) and the Entity Report's document list show the statuses
// the folder's review ledger (seed-review.jsonl) holds, for the real workspace entity index, and
// follow the ledger when it changes on disk.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { DocumentNode, FolderNode } from '../../src/features/review/corpus-tree';
import type { EntityReportPanel } from '../../src/features/report/entity-report-panel';
import { closeAllEditors, extensionApi, waitFor, workspaceRoot } from './helpers';

const P1 = '401_00000000000004a1';
const P2 = '402_00000000000004a2';
const P3 = '403_00000000000004a3';
const texts: Record<string, string> = {
  [P1]: 'Port of Eindhoven expands\nThe city of Eindhoven opened a new container terminal on Monday, officials said.\n',
  [P2]: 'Tram strike ends\nTram drivers in Eindhoven returned to work on Friday after a two-day strike.\n',
  [P3]: 'Ferry service resumes\nThe ferry to the island runs again from Monday.\n',
};

let dir: string;
const uriOf = (id: string) => vscode.Uri.file(path.join(dir, `${id}.txt`));
const ledgerPath = () => path.join(dir, 'seed-review.jsonl');
const line = (id: string, status: string) => `{"id": "${id}", "attributes": {"status": "${status}"}}\n`;
const indexedStatus = (id: string) => extensionApi().workspaceIndex.get(uriOf(id))?.documents[0]?.status;
const service = () => {
  const entities = extensionApi().entities;
  if (!entities) throw new Error('the entity features are not registered');
  return entities.service;
};

/** This suite's folder in the Seed Corpus view, and its documents as "id status" (what the view shows). */
function shownInFolder(): string[] | undefined {
  const tree = extensionApi().review.corpusTree;
  const folder = tree.getChildren().find((node): node is FolderNode => node.kind === 'folder' && node.folder.fsPath === dir);
  return folder ? (tree.getChildren(folder) as DocumentNode[]).map((node) => `${node.summary.id} ${node.summary.status}`) : undefined;
}

describe('bare seed files\' ledger statuses in the entity filter and the Entity Report', function () {
  this.timeout(150_000);
  let eindhoven = '';

  before(async () => {
    dir = fs.mkdtempSync(path.join(workspaceRoot(), 'ledger-entities-'));
    for (const [id, text] of Object.entries(texts)) fs.writeFileSync(path.join(dir, `${id}.txt`), text);
    await extensionApi().workspaceIndex.ready;
    // Opened once so the index has them even when code-server's file watcher misses a new folder.
    for (const id of Object.keys(texts)) await vscode.workspace.openTextDocument(uriOf(id));
    await waitFor('the bare files indexed', () => (Object.keys(texts).every((id) => indexedStatus(id)) ? true : undefined), 120_000);
    // P1 approved through the command: the extension writes the folder's ledger.
    const approved = await vscode.commands.executeCommand<{ changed: string[] }>('seedReview.approve', { uri: uriOf(P1), line: 0, id: P1 });
    assert.deepStrictEqual(approved?.changed, [P1]);
    assert.strictEqual(fs.readFileSync(ledgerPath(), 'utf8'), line(P1, 'approved'));
    assert.strictEqual(fs.readFileSync(uriOf(P1).fsPath, 'utf8'), texts[P1], 'the seed file itself is never modified');
    await waitFor('the approve in the index', () => (indexedStatus(P1) === 'approved' ? true : undefined), 30_000);
    // The entity index has the three files and finds Eindhoven in the first two.
    eindhoven = await waitFor('Eindhoven in the entity index, in both files', async () => {
      await service().whenIdle();
      const entity = service().index.allEntities().find((e) => e.canonical === 'Eindhoven');
      if (!entity) return undefined;
      const docs = service().index.documentsOf(entity.key).map((d) => d.uri);
      return docs.includes(uriOf(P1).toString()) && docs.includes(uriOf(P2).toString()) ? entity.key : undefined;
    }, 120_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('seedReview.corpus.clearFilter');
    await closeAllEditors();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the entity filter lists the bare files that mention the entity with their ledger statuses, and a status filter narrows them', async () => {
    await vscode.commands.executeCommand('seedReview.corpus.clearFilter');
    await vscode.commands.executeCommand('seedReview.corpus.filterByEntity', 'Eindhoven');
    assert.deepStrictEqual(shownInFolder(), [`${P1} approved`, `${P2} unreviewed`]);
    assert.match(String(extensionApi().review.corpusTree.view.message), /^Filter: entity "Eindhoven" — \d+ of \d+ documents$/);
    await vscode.commands.executeCommand('seedReview.corpus.filterByStatus', 'approved');
    assert.deepStrictEqual(shownInFolder(), [`${P1} approved`]);
    await vscode.commands.executeCommand('seedReview.corpus.filterByStatus', 'unreviewed');
    assert.deepStrictEqual(shownInFolder(), [`${P2} unreviewed`]);
  });

  it('the Entity Report lists the entity\'s documents with their ledger statuses', async () => {
    const panel = await vscode.commands.executeCommand<EntityReportPanel>('seedReview.showEntityReport');
    await panel.whenRendered((s) => !s.building && s.total > 0, 90_000);
    // Only this suite's files mention Eindhoven, so the list (the page reports its first 20) is theirs.
    assert.strictEqual(service().index.documentsOf(eindhoven).length, 2);
    await panel.select(eindhoven);
    const state = await panel.whenRendered((s) => s.selected === eindhoven && s.documentStatuses !== undefined, 30_000);
    const ours = (state.documentStatuses ?? []).filter((d) => d.startsWith(P1) || d.startsWith(P2) || d.startsWith(P3)).sort();
    assert.deepStrictEqual(ours, [`${P1} approved`, `${P2} unreviewed`]);
  });

  it('a ledger changed on disk: the filtered view and the report\'s list follow', async () => {
    await vscode.commands.executeCommand('seedReview.corpus.clearFilter');
    await vscode.commands.executeCommand('seedReview.corpus.filterByEntity', 'Eindhoven');
    await vscode.commands.executeCommand('seedReview.corpus.filterByStatus', 'approved');
    // Another reviewer's decisions arrive (git pull): P1 rejected, P2 approved.
    fs.writeFileSync(ledgerPath(), line(P1, 'rejected') + line(P2, 'approved'));
    await waitFor('the index follows the ledger on disk', () => (indexedStatus(P1) === 'rejected' && indexedStatus(P2) === 'approved' ? true : undefined), 30_000);
    await waitFor('the approved + Eindhoven filter to show P2 only', () => (JSON.stringify(shownInFolder()) === JSON.stringify([`${P2} approved`]) ? true : undefined), 10_000)
      .catch((error: Error) => {
        throw new Error(`${error.message}; the view shows ${JSON.stringify(shownInFolder())}`);
      });
    await vscode.commands.executeCommand('seedReview.corpus.filterByStatus', 'rejected');
    assert.deepStrictEqual(shownInFolder(), [`${P1} rejected`]);

    const panel = await vscode.commands.executeCommand<EntityReportPanel>('seedReview.showEntityReport');
    const state = await panel.whenRendered((s) => {
      const ours = (s.documentStatuses ?? []).filter((d) => d.startsWith(P1) || d.startsWith(P2) || d.startsWith(P3)).sort();
      return s.selected === eindhoven && ours.join() === [`${P1} rejected`, `${P2} approved`].join();
    }, 30_000);
    assert.strictEqual(state.selected, eindhoven);
    panel.dispose();
  });
});
