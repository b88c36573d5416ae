import * as vscode from 'vscode';
import type { ParseResult, SeedDocument } from '../core/types';
import { sameOutlineEntry } from '../core/document-equality';
import { paragraphLabel } from '../core/labels';
import { forEachParagraph } from '../core/parsed-document';
import { ParseCache, seedSelector } from './parse-cache';
import { readConfig } from './config';

/** What was built for the last version of a file, to reuse for unchanged documents. */
interface Built {
  documents: readonly SeedDocument[];
  symbols: vscode.DocumentSymbol[];
}

/**
 * Builds the outline: one symbol per seed document (named by its headline, detail `id · status`),
 * its paragraphs as children unless `paragraphs` is false. Symbols are kept per parse result, so repeated requests for the
 * same version (breadcrumbs, Outline view, sticky scroll) cost nothing, and after an edit the
 * symbols of every document the edit did not touch are reused from the previous version.
 */
export class SeedDocumentSymbolProvider implements vscode.DocumentSymbolProvider, vscode.Disposable {
  private readonly built = new WeakMap<ParseResult, vscode.DocumentSymbol[]>();
  private readonly lastBuilt = new Map<string, Built>();
  private readonly onClose = vscode.workspace.onDidCloseTextDocument((document) => this.lastBuilt.delete(document.uri.toString()));
  /** Symbols built (not reused) so far; tests read it to prove the reuse. */
  builtCount = 0;

  constructor(private readonly cache: ParseCache, private readonly paragraphs = true) {}

  provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentSymbol[] | undefined {
    const result = this.cache.get(document);
    const known = this.built.get(result);
    if (known) return known;
    const key = document.uri.toString();
    const previous = this.lastBuilt.get(key);
    const symbols: vscode.DocumentSymbol[] = [];
    const cursor = { at: 0 };
    for (const doc of result.documents) {
      if (token.isCancellationRequested) return undefined;
      const reusable = previous && reusableSymbol(document, previous, cursor, doc);
      if (reusable) {
        symbols.push(reusable);
      } else {
        symbols.push(documentSymbol(document, doc, this.paragraphs));
        this.builtCount++;
      }
    }
    this.built.set(result, symbols);
    this.lastBuilt.set(key, { documents: result.documents, symbols });
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
export function registerDocumentSymbols(cache: ParseCache): vscode.Disposable {
  const register = (): vscode.Disposable => {
    const provider = new SeedDocumentSymbolProvider(cache, readConfig().outlineParagraphs);
    return vscode.Disposable.from(provider, vscode.languages.registerDocumentSymbolProvider(seedSelector, provider, { label: 'Seed documents' }));
  };
  let registration = register();
  const onConfiguration = vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration('seedReview.outline.paragraphs')) return;
    registration.dispose();
    registration = register();
  });
  return { dispose: () => {
    onConfiguration.dispose();
    registration.dispose();
  } };
}
