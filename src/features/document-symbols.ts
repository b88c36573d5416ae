import * as vscode from 'vscode';
import type { ParseResult, SeedDocument } from '../core/types';
import { sameOutlineEntry } from '../core/document-equality';
import { paragraphLabel } from '../core/labels';
import { forEachParagraph } from '../core/parsed-document';
import { ParseCache, seedSelector } from './parse-cache';
import { OutlineParagraphs, readConfig } from './config';

/**
 * With `seedReview.outline.paragraphs: "auto"` (the default), files of at most this many documents
 * get their paragraphs as children; larger ones get one symbol per document. VS Code's own cost is
 * per symbol (about 13 µs for each, twice, on a first request), and paragraphs make about five
 * symbols per document, so with children no provider can make the first outline of a
 * 10,000-document file more than about 3x faster than Markdown's; with one symbol per document it
 * is 5x and more. The limit is chosen with `npm run bench -- outline` (docs/benchmarks.md):
 * below it, the first outline with children stays short enough for a person reading document by
 * document; the 10 MB benchmark corpus (8,108 documents) is well above it.
 */
export const OUTLINE_PARAGRAPHS_AUTO_LIMIT = 2000;

/** Whether a file of `documentCount` documents gets paragraph children under `mode`. */
export function outlineHasParagraphs(mode: OutlineParagraphs, documentCount: number): boolean {
  return mode === 'always' || (mode === 'auto' && documentCount <= OUTLINE_PARAGRAPHS_AUTO_LIMIT);
}

/** Counters of the outline provider (across registrations); tests and the benchmark read them. */
export interface OutlineStats {
  /** Calls of provideDocumentSymbols. */
  requests: number;
  /** Document symbols built (not reused). */
  built: number;
}

/** What was built for the last version of a file, to reuse for unchanged documents. */
interface Built {
  documents: readonly SeedDocument[];
  symbols: vscode.DocumentSymbol[];
  paragraphs: boolean;
}

/**
 * Builds the outline: one symbol per seed document (named by its headline, detail `id · status`),
 * its paragraphs as children as `mode` says (outlineHasParagraphs). Symbols are kept per parse result, so repeated requests for the
 * same version (breadcrumbs, Outline view, sticky scroll) cost nothing, and after an edit the
 * symbols of every document the edit did not touch are reused from the previous version.
 */
export class SeedDocumentSymbolProvider implements vscode.DocumentSymbolProvider, vscode.Disposable {
  private readonly built = new WeakMap<ParseResult, vscode.DocumentSymbol[]>();
  private readonly lastBuilt = new Map<string, Built>();
  private readonly onClose = vscode.workspace.onDidCloseTextDocument((document) => this.lastBuilt.delete(document.uri.toString()));

  constructor(private readonly cache: ParseCache, private readonly mode: OutlineParagraphs = 'auto', readonly stats: OutlineStats = { requests: 0, built: 0 }) {}

  provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentSymbol[] | undefined {
    this.stats.requests++;
    const result = this.cache.get(document);
    // A bare file's status comes from its ledger and changes without a new version: one symbol, built afresh.
    if (result.kind === 'bare') return result.documents.map((doc) => documentSymbol(document, doc, outlineHasParagraphs(this.mode, 1)));
    const known = this.built.get(result);
    if (known) return known;
    const paragraphs = outlineHasParagraphs(this.mode, result.documents.length);
    const key = document.uri.toString();
    const last = this.lastBuilt.get(key);
    // Under "auto" an edit can move a file across the limit: symbols of the other shape are not reused.
    const previous = last?.paragraphs === paragraphs ? last : undefined;
    const symbols: vscode.DocumentSymbol[] = [];
    const cursor = { at: 0 };
    for (const doc of result.documents) {
      if (token.isCancellationRequested) return undefined;
      const reusable = previous && reusableSymbol(document, previous, cursor, doc);
      if (reusable) {
        symbols.push(reusable);
      } else {
        symbols.push(documentSymbol(document, doc, paragraphs));
        this.stats.built++;
      }
    }
    this.built.set(result, symbols);
    this.lastBuilt.set(key, { documents: result.documents, symbols, paragraphs });
    return symbols;
  }

  dispose(): void {
    this.onClose.dispose();
    this.lastBuilt.clear();
  }
}

/**
 * The previous version's symbol for `doc`, if nothing it shows changed. Documents are matched
 * by start line (both lists are in line order, so a cursor walks the previous one), since an edit
 * can remove or add a document before this one. The close line's length is checked too: it sets
 * where the symbol's range ends.
 */
function reusableSymbol(document: vscode.TextDocument, previous: Built, cursor: { at: number }, doc: SeedDocument): vscode.DocumentSymbol | undefined {
  const before = previous.documents;
  while (cursor.at < before.length && before[cursor.at].startLine < doc.startLine) cursor.at++;
  const index = cursor.at;
  if (index >= before.length || !sameOutlineEntry(before[index], doc)) return undefined;
  const symbol = previous.symbols[index];
  const end = symbol.range.end;
  if (end.line >= document.lineCount || document.lineAt(end.line).text.length !== end.character) return undefined;
  if (!doc.headline && document.lineAt(symbol.selectionRange.end.line).text.length !== symbol.selectionRange.end.character) return undefined;
  return symbol;
}

function documentSymbol(document: vscode.TextDocument, doc: SeedDocument, paragraphs: boolean): vscode.DocumentSymbol {
  const endLine = Math.min(doc.endLine, document.lineCount - 1);
  const range = new vscode.Range(doc.startLine, 0, endLine, document.lineAt(endLine).text.length);
  const selectionLine = doc.headline?.line ?? doc.openLine;
  const selectionEnd = doc.headline ? doc.headline.text.length : document.lineAt(selectionLine).text.length;
  const selection = new vscode.Range(selectionLine, 0, selectionLine, selectionEnd);
  const name = doc.headline?.text.trim() || `(no headline) ${doc.id}`;
  const symbol = new vscode.DocumentSymbol(name, `${doc.id} · ${doc.status}`, vscode.SymbolKind.Module, range, selection.intersection(range) ?? range.with(range.start, range.start));
  const children: vscode.DocumentSymbol[] = [];
  if (paragraphs) forEachParagraph(doc, (line, text, index) => {
    const lineRange = new vscode.Range(line, 0, line, text.length);
    children.push(new vscode.DocumentSymbol(paragraphLabel(text), `¶${index + 1}`, vscode.SymbolKind.String, lineRange, lineRange));
  });
  symbol.children = children;
  return symbol;
}

/**
 * Registers the outline provider (also feeds breadcrumbs and sticky scroll). When
 * `seedReview.outline.paragraphs` changes, the provider is registered anew: VS Code has no
 * "symbols changed" event, but a new registration makes the Outline view and breadcrumbs ask again.
 */
export function registerDocumentSymbols(cache: ParseCache, reviewChanged?: vscode.Event<vscode.Uri>): vscode.Disposable & { readonly stats: OutlineStats } {
  const stats: OutlineStats = { requests: 0, built: 0 };
  const register = (): vscode.Disposable => {
    const provider = new SeedDocumentSymbolProvider(cache, readConfig().outlineParagraphs, stats);
    return vscode.Disposable.from(provider, vscode.languages.registerDocumentSymbolProvider(seedSelector, provider, { label: 'Seed documents' }));
  };
  let registration = register();
  const onConfiguration = vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration('seedReview.outline.paragraphs')) return;
    registration.dispose();
    registration = register();
  });
  // A bare file's status (in the symbol's detail) lives in its folder's ledger: when that changes
  // while such a file is visible, register anew so the Outline and breadcrumbs ask again.
  const onReview = reviewChanged?.((folder) => {
    const prefix = folder.toString().replace(/\/$/, '') + '/';
    const shown = vscode.window.visibleTextEditors.some((editor) => editor.document.uri.toString().startsWith(prefix) && cache.get(editor.document).kind === 'bare');
    if (!shown) return;
    registration.dispose();
    registration = register();
  });
  return { stats, dispose: () => {
    onReview?.dispose();
    onConfiguration.dispose();
    registration.dispose();
  } };
}
