import * as vscode from 'vscode';
import { REVIEW_STATUSES } from '../../core/attributes';
import { documentIndexAt } from '../../core/review/navigation';
import { countStatuses, DocumentSummary } from '../../core/summary';
import { escapeMarkdown, markdownCodeSpan } from '../../core/markdown';
import type { ReviewStatus } from '../../core/types';
import type { ParseCache } from '../parse-cache';
import type { IndexedFile, WorkspaceSeedIndex } from '../workspace-index';
import type { EntitySource } from './entity-source';
import { inReviewOrder } from './queue';
import { plural, revealDocument, statusThemeIcon, toUri } from './shared';

/** The view's id (package.json contributes.views); VS Code adds the command `<id>.focus`. */
export const CORPUS_VIEW_ID = 'seedReview.corpus';

/** A seed file, with the documents that pass the filter. */
export interface FileNode {
  kind: 'file';
  file: IndexedFile;
  documents: DocumentSummary[];
}

/** One document of a seed file. */
export interface DocumentNode {
  kind: 'document';
  uri: vscode.Uri;
  summary: DocumentSummary;
  /** Position among the file's documents (keeps tree ids unique when ids repeat). */
  index: number;
}

/** A folder of bare seed files: its documents are its files (one each), with no file level. */
export interface FolderNode {
  kind: 'folder';
  folder: vscode.Uri;
  /** The folder's bare files (sorted by name) and, of those, the ones whose document passes the filter. */
  files: IndexedFile[];
  shown: IndexedFile[];
}

export type CorpusNode = FileNode | FolderNode | DocumentNode;

/** The view's top level: corpora and folders of bare files, in path order. */
function topLevel(files: readonly IndexedFile[]): (IndexedFile | { folder: vscode.Uri; files: IndexedFile[] })[] {
  const result: (IndexedFile | { folder: vscode.Uri; files: IndexedFile[] })[] = [];
  const folders = new Map<string, { folder: vscode.Uri; files: IndexedFile[] }>();
  for (const file of files) {
    if (!file.bare) {
      result.push(file);
      continue;
    }
    const folder = vscode.Uri.joinPath(file.uri, '..');
    let group = folders.get(folder.toString());
    if (!group) {
      folders.set(folder.toString(), group = { folder, files: [] });
      result.push(group);
    }
    group.files.push(file);
  }
  return result;
}

/** The tree's filter; every part set must match. */
export interface CorpusFilter {
  status?: ReviewStatus;
  text?: string;
  entity?: { query: string; documents: ReadonlySet<string> };
}

const mentionKey = (uri: vscode.Uri | string, id: string) => `${uri.toString()}\n${id}`;

/**
 * The "Seed Corpus" tree: seed files of the workspace (from the workspace index) and their
 * documents with a status icon. Counts per status go in the view's description; a filter by
 * status, text (id or headline) or entity narrows it and is described in the view's message.
 */
export class CorpusTreeProvider implements vscode.TreeDataProvider<CorpusNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<CorpusNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private filter: CorpusFilter = {};
  readonly view: vscode.TreeView<CorpusNode>;

  constructor(private readonly cache: ParseCache, private readonly index: WorkspaceSeedIndex, private readonly entities: () => EntitySource | undefined) {
    this.view = vscode.window.createTreeView(CORPUS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true, canSelectMany: true });
    this.disposables.push(
      this.view,
      index.onDidChange(() => this.refresh()),
      vscode.commands.registerCommand('seedReview.corpus.filterByStatus', (status?: ReviewStatus) => this.pickStatus(status)),
      vscode.commands.registerCommand('seedReview.corpus.filterByText', (text?: string) => this.askText(text)),
      vscode.commands.registerCommand('seedReview.corpus.filterByEntity', (query?: string) => this.askEntity(query)),
      vscode.commands.registerCommand('seedReview.corpus.clearFilter', () => this.setFilter({})),
      vscode.commands.registerCommand('seedReview.corpus.refresh', () => this.refresh()),
      vscode.commands.registerCommand('seedReview.corpus.openDocument', (uri: vscode.Uri | string, line: number) => openDocumentAt(this.cache, toUri(uri), line)),
    );
    void index.ready.then(() => this.refresh());
    this.updateTitle();
  }

  /** The current filter (tests read it). */
  get currentFilter(): CorpusFilter {
    return this.filter;
  }

  /** Replaces the filter and redraws. */
  setFilter(filter: CorpusFilter): void {
    this.filter = filter;
    const active = filter.status !== undefined || !!filter.text || filter.entity !== undefined;
    void vscode.commands.executeCommand('setContext', 'seedReview.corpusFiltered', active);
    this.refresh();
  }

  refresh(): void {
    this.updateTitle();
    this.emitter.fire(undefined);
  }

  getTreeItem(node: CorpusNode): vscode.TreeItem {
    if (node.kind === 'folder') {
      const item = new vscode.TreeItem(folderLabel(node.folder), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `folder:${node.folder.toString()}`;
      const shown = node.shown.map((file) => file.documents[0]).filter((d) => d !== undefined);
      const counts = countStatuses(shown);
      const total = node.files.length;
      item.description = `${shown.length === total ? plural(total, 'bare seed file') : `${shown.length} of ${plural(total, 'bare seed file')}`} · ${counts.approved} approved · ${counts.unreviewed} unreviewed`;
      item.tooltip = `${node.folder.fsPath}\nBare seed files; their reviews are in seed-review.jsonl\n${describeCounts(countStatuses(node.files.map((f) => f.documents[0]).filter((d) => d !== undefined)))}`;
      item.iconPath = vscode.ThemeIcon.Folder;
      item.resourceUri = node.folder;
      item.contextValue = 'seedFolder';
      return item;
    }
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.file.uri, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.file.uri.toString();
      const counts = countStatuses(node.documents);
      const total = node.file.documents.length;
      item.description = `${node.documents.length === total ? plural(total, 'document') : `${node.documents.length} of ${total} documents`} · ${counts.approved} approved · ${counts.unreviewed} unreviewed`;
      item.tooltip = `${node.file.uri.fsPath}\n${describeCounts(countStatuses(node.file.documents))}${node.file.errorCount ? `\n${plural(node.file.errorCount, 'error')}` : ''}`;
      item.contextValue = 'seedFile';
      item.resourceUri = node.file.uri;
      return item;
    }
    const { summary } = node;
    const item = new vscode.TreeItem(summary.headline || '(no headline)', vscode.TreeItemCollapsibleState.None);
    item.id = `${node.uri.toString()}#${node.index}`;
    item.description = summary.id;
    item.iconPath = statusThemeIcon(summary.status);
    const tooltip = new vscode.MarkdownString();
    tooltip.appendMarkdown(`**${escapeMarkdown(summary.headline || '(no headline)')}**\n\n`);
    tooltip.appendMarkdown(`${markdownCodeSpan(summary.id)} · ${summary.status} · ${plural(summary.paragraphCount, 'paragraph')} · ${plural(summary.wordCount, 'word')}`);
    tooltip.appendMarkdown(` · lines ${summary.startLine + 1}–${summary.endLine + 1}`);
    item.tooltip = tooltip;
    item.contextValue = `seedDocument.${summary.status}`;
    item.command = { title: 'Open Document', command: 'seedReview.corpus.openDocument', arguments: [node.uri, summary.startLine] };
    return item;
  }

  getChildren(node?: CorpusNode): CorpusNode[] {
    if (node?.kind === 'document') return [];
    if (node?.kind === 'folder') {
      return node.shown.flatMap((file) => file.documents.slice(0, 1).map((summary): DocumentNode => ({ kind: 'document', uri: file.uri, summary, index: 0 })));
    }
    if (node?.kind === 'file') {
      // Positions in the whole file keep tree ids stable under a filter (one pass: files hold 10,000s of documents).
      const positions = node.documents === node.file.documents ? undefined : new Map(node.file.documents.map((summary, i) => [summary, i]));
      return node.documents.map((summary, i) => ({ kind: 'document', uri: node.file.uri, summary, index: positions?.get(summary) ?? i }));
    }
    const filtering = this.isFiltering();
    const nodes: CorpusNode[] = [];
    for (const entry of topLevel(inReviewOrder(this.index.allFiles()))) {
      if ('folder' in entry) {
        const shown = filtering ? entry.files.filter((file) => file.documents.some((doc) => this.matches(file.uri, doc))) : entry.files;
        if (!filtering || shown.length) nodes.push({ kind: 'folder', folder: entry.folder, files: entry.files, shown });
        continue;
      }
      const documents = filtering ? entry.documents.filter((doc) => this.matches(entry.uri, doc)) : entry.documents;
      if (!filtering || documents.length) nodes.push({ kind: 'file', file: entry, documents });
    }
    return nodes;
  }

  getParent(node: CorpusNode): CorpusNode | undefined {
    if (node.kind !== 'document') return undefined;
    const file = this.index.get(node.uri);
    if (!file) return undefined;
    if (!file.bare) return { kind: 'file', file, documents: file.documents };
    const folder = vscode.Uri.joinPath(file.uri, '..');
    const files = this.index.allFiles().filter((f) => f.bare && vscode.Uri.joinPath(f.uri, '..').toString() === folder.toString());
    return { kind: 'folder', folder, files, shown: files };
  }

  private isFiltering(): boolean {
    return this.filter.status !== undefined || !!this.filter.text || this.filter.entity !== undefined;
  }

  private matches(uri: vscode.Uri, doc: DocumentSummary): boolean {
    const { status, text, entity } = this.filter;
    if (status !== undefined && doc.status !== status) return false;
    if (text) {
      const needle = text.toLowerCase();
      if (!doc.id.toLowerCase().includes(needle) && !doc.headline.toLowerCase().includes(needle)) return false;
    }
    return !entity || entity.documents.has(mentionKey(uri, doc.id));
  }

  /** Counts in the description, the filter in the message. */
  private updateTitle(): void {
    const all = this.index.allFiles().flatMap((file) => file.documents);
    this.view.description = all.length ? describeCounts(countStatuses(all)) : undefined;
    if (!this.isFiltering()) {
      this.view.message = undefined;
      return;
    }
    const shown = this.index.allFiles().reduce((sum, file) => sum + file.documents.filter((doc) => this.matches(file.uri, doc)).length, 0);
    const parts: string[] = [];
    if (this.filter.status) parts.push(`status ${this.filter.status}`);
    if (this.filter.text) parts.push(`text "${this.filter.text}"`);
    if (this.filter.entity) parts.push(`entity "${this.filter.entity.query}"`);
    this.view.message = `Filter: ${parts.join(', ')} — ${shown} of ${plural(all.length, 'document')}`;
  }

  private async pickStatus(given?: ReviewStatus): Promise<void> {
    let status = given;
    if (status === undefined) {
      const counts = countStatuses(this.index.allFiles().flatMap((file) => file.documents));
      const picked = await vscode.window.showQuickPick(
        REVIEW_STATUSES.map((s) => ({ label: `$(${statusThemeIcon(s).id}) ${s}`, description: String(counts[s]), status: s })),
        { title: 'Show documents with status', placeHolder: 'Pick a review status' },
      );
      if (!picked) return;
      status = picked.status;
    }
    this.setFilter({ ...this.filter, status });
  }

  private async askText(given?: string): Promise<void> {
    const text = given ?? await vscode.window.showInputBox({
      title: 'Filter documents by text', prompt: 'Shows documents whose id or headline contains this text (any case); empty clears it.', value: this.filter.text ?? '',
    });
    if (text === undefined) return;
    this.setFilter({ ...this.filter, text: text.trim() || undefined });
  }

  private async askEntity(given?: string): Promise<void> {
    const source = this.entities();
    if (!source) {
      void vscode.window.showInformationMessage('Filtering by entity needs the named-entity index, which is not available.');
      return;
    }
    const query = given ?? await vscode.window.showInputBox({
      title: 'Filter documents by entity', prompt: 'Shows documents that mention this entity (for example: Kharkiv); empty clears it.', value: this.filter.entity?.query ?? '',
    });
    if (query === undefined) return;
    if (!query.trim()) {
      this.setFilter({ ...this.filter, entity: undefined });
      return;
    }
    const mentions = await source.documentsMentioning(query.trim());
    this.setFilter({ ...this.filter, entity: { query: query.trim(), documents: new Set(mentions.map((m) => mentionKey(m.uri, m.docId))) } });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** A folder's name in the view: its path in the workspace, or the workspace folder's name for the folder itself. */
function folderLabel(folder: vscode.Uri): string {
  const root = vscode.workspace.getWorkspaceFolder(folder);
  if (root && root.uri.toString().replace(/\/$/, '') === folder.toString().replace(/\/$/, '')) return root.name;
  return vscode.workspace.asRelativePath(folder);
}

/** "3 approved · 1 rejected · 0 flagged · 12 unreviewed" */
export function describeCounts(counts: Record<ReviewStatus, number>): string {
  return `${counts.approved} approved · ${counts.rejected} rejected · ${counts.flagged} flagged · ${counts.unreviewed} unreviewed`;
}

/** Opens a seed file and shows the document starting at `line`. */
async function openDocumentAt(cache: ParseCache, uri: vscode.Uri, line: number): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, { preview: true });
  const docs = cache.get(editor.document).documents;
  const doc = docs[documentIndexAt(docs, line)];
  revealDocument(editor, doc ?? { startLine: Math.min(line, editor.document.lineCount - 1) });
}
