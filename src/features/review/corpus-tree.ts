import * as vscode from 'vscode';
import { REVIEW_STATUSES } from '../../core/attributes';
import { documentIndexAt } from '../../core/review/navigation';
import { countStatuses, DocumentSummary } from '../../core/summary';
import { escapeMarkdown, markdownCodeSpan } from '../../core/markdown';
import type { ReviewStatus } from '../../core/types';
import type { ParseCache } from '../parse-cache';
import type { IndexedFile, WorkspaceSeedIndex } from '../workspace-index';
import type { EntitySource } from './entity-source';
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

export type CorpusNode = FileNode | DocumentNode;

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
    this.view = vscode.window.createTreeView(CORPUS_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
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
    if (node?.kind === 'file') {
      // Positions in the whole file keep tree ids stable under a filter (one pass: files hold 10,000s of documents).
      const positions = node.documents === node.file.documents ? undefined : new Map(node.file.documents.map((summary, i) => [summary, i]));
      return node.documents.map((summary, i) => ({ kind: 'document', uri: node.file.uri, summary, index: positions?.get(summary) ?? i }));
    }
    const filtering = this.isFiltering();
    const files: FileNode[] = [];
    for (const file of this.index.allFiles()) {
      const documents = filtering ? file.documents.filter((doc) => this.matches(file.uri, doc)) : file.documents;
      if (!filtering || documents.length) files.push({ kind: 'file', file, documents });
    }
    return files;
  }

  getParent(node: CorpusNode): CorpusNode | undefined {
    if (node.kind === 'file') return undefined;
    const file = this.index.get(node.uri);
    return file ? { kind: 'file', file, documents: file.documents } : undefined;
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
