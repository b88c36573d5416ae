import * as vscode from 'vscode';
import { inWindow, type LensWindowOptions, type LineSpan, LensWindows } from '../../core/review/lens-window';
import { ShownValues } from '../../core/review/shown-values';
import { summarizeDocument } from '../../core/summary';
import type { ParseCache } from '../parse-cache';
import { seedSelector } from '../parse-cache';
import type { EntitySource } from './entity-source';
import { plural, STATUS_ICONS } from './shared';
import type { ReviewTarget } from './status-commands';

type LensKind = 'summary' | 'approve' | 'reject';

/** A lens that knows its document; its title is computed only when VS Code shows it. */
class ReviewLens extends vscode.CodeLens {
  constructor(range: vscode.Range, readonly document: vscode.TextDocument, readonly index: number, readonly docId: string, readonly kind: LensKind) {
    super(range);
  }
}

/**
 * Above each document: its status, paragraph/word/entity counts, and one-click Approve and
 * Reject. Providing only creates ranges (from the shared parse); counts are computed in
 * resolveCodeLens, which VS Code calls for the visible lenses only. In a file of many documents,
 * only those in and near the visible lines get lenses (core/review/lens-window.ts): VS Code draws a
 * lens line for every lens it is given, and 30,000 of them slowed the whole workbench.
 */
export class ReviewCodeLensProvider implements vscode.CodeLensProvider<ReviewLens>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.emitter.event;
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** The entity count each resolved summary lens shows, by document URI and id. */
  private readonly shownCounts = new ShownValues<number | undefined>();
  private readonly shownUris = new Map<string, vscode.Uri>();
  /** The lines of each large file whose documents were given lenses. */
  private windows = new LensWindows();

  constructor(private readonly cache: ParseCache, private entities: () => EntitySource | undefined) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('seedReview.codeLens')) this.refresh();
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.forgetShown(document.uri.toString());
        this.windows.forget(document.uri.toString());
      }),
      vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.visibleChanged(event.textEditor.document)),
      vscode.window.onDidChangeVisibleTextEditors((editors) => new Set(editors.map((editor) => editor.document)).forEach((document) => this.visibleChanged(document))),
    );
  }

  /**
   * Replaces the window's sizes (the hover benchmark compares with every lens given:
   * `minDocuments: Infinity`); asks VS Code for new lenses.
   */
  setWindowOptions(options: LensWindowOptions): void {
    this.windows = new LensWindows(options);
    this.emitter.fire();
  }

  /** The lines whose documents got lenses in a large file; undefined: every document's. */
  windowOf(uri: vscode.Uri): readonly LineSpan[] | undefined {
    return this.windows.windowOf(uri.toString());
  }

  /** The editors of a document scrolled (or one opened): asks for new lenses when its window no longer covers them. */
  private visibleChanged(document: vscode.TextDocument): void {
    if (this.windows.visibleChanged(document.uri.toString(), visibleLines(document))) this.emitter.fire();
  }

  /** Asks VS Code for new lenses (setting, statuses or the entity source changed). */
  refresh(): void {
    this.shownCounts.clear();
    this.shownUris.clear();
    this.emitter.fire();
  }

  /**
   * The entity index changed: asks for new lenses only if a count a resolved lens shows is now
   * different. The index announces a change every few hundred milliseconds while it builds; passing
   * each on kept VS Code's lens request debounced, and lenses of a file opened then could stay
   * missing.
   */
  entitiesChanged(): void {
    const source = this.entities();
    if (this.shownCounts.anyChanged((uri, id) => {
      const shownUri = this.shownUris.get(uri);
      return shownUri ? source?.entityCountOf(shownUri, id) : undefined;
    })) this.refresh();
  }

  private forgetShown(uri: string): void {
    this.shownCounts.forget(uri);
    this.shownUris.delete(uri);
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): ReviewLens[] {
    if (!vscode.workspace.getConfiguration('seedReview', document.uri).get<boolean>('codeLens.enabled', true)) return [];
    const docs = this.cache.get(document).documents;
    // New lenses: their resolves record what they show.
    this.forgetShown(document.uri.toString());
    const window = this.windows.provide(document.uri.toString(), docs.length, document.lineCount, visibleLines(document));
    const lenses: ReviewLens[] = [];
    for (let index = 0; index < docs.length; index++) {
      if ((index & 1023) === 0 && token.isCancellationRequested) return [];
      const doc = docs[index];
      if (window && !inWindow(window, doc.startLine)) continue;
      const range = new vscode.Range(doc.startLine, 0, doc.startLine, 0);
      // A bare file's status goes to its folder's ledger: the same lenses as a corpus document's.
      lenses.push(
        new ReviewLens(range, document, index, doc.id, 'summary'),
        new ReviewLens(range, document, index, doc.id, 'approve'),
        new ReviewLens(range, document, index, doc.id, 'reject'),
      );
    }
    return lenses;
  }

  resolveCodeLens(lens: ReviewLens, token: vscode.CancellationToken): ReviewLens {
    // Cancelled (VS Code cancels the resolves of the viewport when the layout changes, as when a
    // view opens beside the editor): the lens stays unresolved, without a command. A command set
    // here, even an empty one, would mark it resolved for good: the extension host never asks this
    // provider again for that lens, and VS Code drew it empty until the next edit.
    if (token.isCancellationRequested) return lens;
    const doc = lens.document.isClosed ? undefined : this.cache.get(lens.document).documents[lens.index];
    if (!doc || doc.id !== lens.docId) {
      // The text changed since the lens was made; new lenses are on their way.
      lens.command = { title: '', command: '' };
      return lens;
    }
    const target: ReviewTarget = { uri: lens.document.uri, line: doc.startLine, id: doc.id };
    if (lens.kind === 'approve') {
      const where = doc.kind === 'bare' ? ' (in the folder\'s review ledger)' : '';
      lens.command = { title: '$(check) Approve', command: 'seedReview.approve', arguments: [target], tooltip: `Set status=approved on ${doc.id}${where}` };
    } else if (lens.kind === 'reject') {
      const where = doc.kind === 'bare' ? ' (in the folder\'s review ledger)' : '';
      lens.command = { title: '$(close) Reject', command: 'seedReview.reject', arguments: [target], tooltip: `Set status=rejected on ${doc.id}${where}` };
    } else {
      const summary = summarizeDocument(doc);
      const parts = [`$(${STATUS_ICONS[doc.status].icon}) ${doc.status}`, plural(summary.paragraphCount, 'paragraph'), plural(summary.wordCount, 'word')];
      const entities = this.entities()?.entityCountOf(lens.document.uri, doc.id);
      if (entities !== undefined) parts.push(plural(entities, 'entity', 'entities'));
      const uri = lens.document.uri.toString();
      this.shownUris.set(uri, lens.document.uri);
      this.shownCounts.record(uri, doc.id, entities);
      lens.command = { title: parts.join(' · '), command: '' };
    }
    return lens;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** The lines the editors of `document` show now (0-based, inclusive); none when no editor shows it. */
function visibleLines(document: vscode.TextDocument): LineSpan[] {
  return vscode.window.visibleTextEditors
    .filter((editor) => editor.document === document)
    .flatMap((editor) => editor.visibleRanges.map((range) => ({ start: range.start.line, end: range.end.line })));
}

/** Registers the review CodeLens; `entities` is read on each resolve, so an entity index can arrive later. */
export function registerReviewCodeLens(cache: ParseCache, entities: () => EntitySource | undefined): { provider: ReviewCodeLensProvider; disposable: vscode.Disposable } {
  const provider = new ReviewCodeLensProvider(cache, entities);
  return { provider, disposable: vscode.Disposable.from(provider, vscode.languages.registerCodeLensProvider(seedSelector, provider)) };
}
