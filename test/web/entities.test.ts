// The entity features in the browser's web worker extension host: the index is built by the same
// core extraction as in Node (the model read from the extension's URI through workspace.fs), in
// Web Workers where the host allows them, else in slices on the extension host; hover, Find All
// References, highlights, the Entity Report and the Seed Corpus view's entity filter answer from it.
import * as assert from './assert';
import * as vscode from 'vscode';
import type { EntityFeatures } from '../../src/features/entities';
import type { DocumentNode } from '../../src/features/review/corpus-tree';
import { closeAllEditors, extensionApi, openWorkspaceFile, waitFor, workspaceUri } from './helpers';

/** "Governor Lena Hartmann said ..." in 103_7f2a4c6e8b0d1357 of sample.seed (0-based), as in test/integration/entities.test.ts. */
const HARTMANN = new vscode.Position(28, 12);

function entities(): EntityFeatures {
  const features = extensionApi().entities;
  assert.ok(features, 'the entity features run in the web worker extension host');
  return features;
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

async function built(): Promise<void> {
  await waitFor('the entity index of the workspace', async () => {
    await entities().service.whenIdle();
    return entities().service.index.documentCount > 0 ? true : undefined;
  }, 90_000);
}

describe('entities in the web worker extension host', function () {
  this.timeout(120_000);
  afterEach(closeAllEditors);

  it('the index is built by the core extraction, in Web Workers where the host allows them, else in slices', async () => {
    await built();
    const { service } = entities();
    const { stats } = service;
    const mode = service.extractionMode;
    console.log(`@@seed-test@@       extraction mode in this host: ${mode} (${service.extractionDetail}); ${stats.extractedByWorkers} by workers, ${stats.extractedInSlices} in slices, `
      + `${stats.extractedInPlace} in place, ${stats.fromCache} from cache; ${service.index.documentCount} documents indexed`);
    assert.ok(mode === 'workers' || mode === 'slices', `an extraction mode was chosen: ${mode}`);
    assert.ok(stats.extractedByWorkers + stats.extractedInSlices > 0, 'the first build extracted in bulk');
    assert.ok(service.index.allEntities().some((e) => e.canonical === 'Lena Hartmann' && e.type === 'person'), 'Lena Hartmann is a person of the corpus');
  });

  it('hover on a mention: canonical name, type and corpus counts', async () => {
    await built();
    const document = await openWorkspaceFile('sample.seed');
    const text = await hoverText(document.uri, HARTMANN);
    assert.match(text, /\*\*Lena Hartmann\*\* — person/);
    assert.match(text, /In the corpus: \d+ mentions? in \d+ documents?/);
  });

  it('hover on a document id still shows headline and status', async () => {
    const document = await openWorkspaceFile('sample.seed');
    const text = await hoverText(document.uri, new vscode.Position(3, 8));
    assert.match(text, /\*\*Port of Antwerp reopens after fog halts shipping for two days\*\*/);
    assert.match(text, /status: \*\*(approved|flagged|rejected|unreviewed)\*\*/);
  });

  it('Find All References and document highlights mark every mention of the entity', async () => {
    await built();
    const document = await openWorkspaceFile('sample.seed');
    const locations = (await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, HARTMANN)) ?? [];
    const found = locations.map((l) => `${l.uri.path.slice(l.uri.path.lastIndexOf('/') + 1)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`);
    assert.ok(found.includes('sample.seed:28:9-22'), `sample.seed:28:9-22 in ${found.join(', ')}`);
    const highlights = (await vscode.commands.executeCommand<vscode.DocumentHighlight[]>('vscode.executeDocumentHighlights', document.uri, HARTMANN)) ?? [];
    assert.ok(highlights.some((h) => h.range.start.line === 28 && h.range.start.character === 9), `a highlight at 28:9 among ${highlights.length}`);
  });

  it('the Entity Report opens and its page renders the corpus\'s entities', async () => {
    await built();
    await vscode.commands.executeCommand('seedReview.showEntityReport');
    const panel = await waitFor('the Entity Report panel', () => extensionApi().entityReport());
    const total = entities().service.index.allEntities().length;
    const state = await panel.whenRendered((s) => s.total > 0 && !s.building, 30_000);
    assert.strictEqual(state.total, total, 'every entity of the index is in the report');
    assert.ok(state.firstRows.length > 0, 'rows are shown');
    panel.dispose();
  });

  it('the Seed Corpus view filters by an entity the index found', async () => {
    await built();
    const review = extensionApi().review;
    try {
      await vscode.commands.executeCommand('seedReview.corpus.filterByEntity', 'Lena Hartmann');
      const shown = await waitFor('documents mentioning Lena Hartmann', () => {
        const nodes = review.corpusTree.getChildren().flatMap((node) => review.corpusTree.getChildren(node) as DocumentNode[]);
        return nodes.length > 0 ? nodes : undefined;
      }, 30_000);
      assert.ok(shown.some((node) => node.summary.id === '103_7f2a4c6e8b0d1357'), `103_7f2a4c6e8b0d1357 among ${shown.map((n) => n.summary.id).join(', ')}`);
    } finally {
      await vscode.commands.executeCommand('seedReview.corpus.clearFilter');
    }
  });

  it('without workers (as under VS Code Server), the index is rebuilt in slices on the extension host and hovers answer meanwhile', async () => {
    await built();
    const { service } = entities();
    const before = service.stats.extractedInSlices;
    const document = await openWorkspaceFile('sample.seed');
    await service.setExtractionMode('slices');
    try {
      const rebuilt = service.rebuild({ dropCache: true });
      // While the slices run, a hover still answers (from the document alone until the index has it).
      const during = await hoverText(document.uri, HARTMANN);
      assert.match(during, /Lena Hartmann/);
      await rebuilt;
      await service.whenIdle();
      assert.strictEqual(service.extractionMode, 'slices');
      assert.ok(service.stats.extractedInSlices > before, `${service.stats.extractedInSlices - before} documents extracted in slices`);
      assert.match(await hoverText(document.uri, HARTMANN), /In the corpus: \d+ mentions? in \d+ documents?/);
    } finally {
      await service.setExtractionMode(undefined);
    }
  });

  it('the extraction cache is written to the extension\'s storage through workspace.fs (atomically) and read back', async () => {
    await built();
    const { service } = entities();
    // Writes the cache, reads it back and rebuilds from it (what a reopened window does).
    await service.rebuild({ reloadCache: true });
    await service.whenIdle();
    assert.ok(service.stats.cacheLoaded > 0, `${service.stats.cacheLoaded} extractions read back from ${service.cacheUri.toString(true)}`);
    assert.strictEqual(service.stats.lastBuildExtracted, 0, 'nothing extracted again');
    assert.ok(service.stats.lastBuildFromCache > 0, `${service.stats.lastBuildFromCache} documents from the cache`);
    const stat = await vscode.workspace.fs.stat(service.cacheUri);
    assert.ok(stat.size > 0, 'the cache file has content');
    const siblings = await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(service.cacheUri, '..'));
    assert.ok(!siblings.some(([name]) => name.endsWith('.tmp')), `no temporary file left: ${siblings.map(([name]) => name).join(', ')}`);
    assert.ok(workspaceUri('sample.seed'));
  });
});
