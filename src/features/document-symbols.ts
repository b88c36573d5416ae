import * as vscode from 'vscode';
import type { ParseResult, SeedDocument } from '../core/types';
import { paragraphLabel } from '../core/labels';
import { ParseCache, seedSelector } from './parse-cache';

/**
 * Builds the outline: one symbol per seed document (named by its headline, detail `id · status`),
 * its paragraphs as children. Symbols are kept per parse result, so repeated requests for the
 * same version (breadcrumbs, Outline view, sticky scroll) cost nothing.
 */
export class SeedDocumentSymbolProvider implements vscode.DocumentSymbolProvider {
  private readonly built = new WeakMap<ParseResult, vscode.DocumentSymbol[]>();

  constructor(private readonly cache: ParseCache) {}

  provideDocumentSymbols(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.DocumentSymbol[] | undefined {
    const result = this.cache.get(document);
    const known = this.built.get(result);
    if (known) return known;
    const symbols: vscode.DocumentSymbol[] = [];
    for (const doc of result.documents) {
      if (token.isCancellationRequested) return undefined;
      symbols.push(documentSymbol(document, doc));
    }
    this.built.set(result, symbols);
    return symbols;
  }
}

function documentSymbol(document: vscode.TextDocument, doc: SeedDocument): vscode.DocumentSymbol {
  const endLine = Math.min(doc.endLine, document.lineCount - 1);
  const range = new vscode.Range(doc.startLine, 0, endLine, document.lineAt(endLine).text.length);
  const selectionLine = doc.headline?.line ?? doc.openLine;
  const selectionEnd = doc.headline ? doc.headline.text.length : document.lineAt(selectionLine).text.length;
  const selection = new vscode.Range(selectionLine, 0, selectionLine, selectionEnd);
  const name = doc.headline?.text.trim() || `(no headline) ${doc.id}`;
  const symbol = new vscode.DocumentSymbol(name, `${doc.id} · ${doc.status}`, vscode.SymbolKind.Module, range, selection.intersection(range) ?? range.with(range.start, range.start));
  symbol.children = doc.paragraphs.map((paragraph, index) => {
    const lineRange = new vscode.Range(paragraph.line, 0, paragraph.line, paragraph.text.length);
    return new vscode.DocumentSymbol(paragraphLabel(paragraph.text), `¶${index + 1}`, vscode.SymbolKind.String, lineRange, lineRange);
  });
  return symbol;
}

/** Registers the outline provider (also feeds breadcrumbs and sticky scroll). */
export function registerDocumentSymbols(cache: ParseCache): vscode.Disposable {
  return vscode.languages.registerDocumentSymbolProvider(seedSelector, new SeedDocumentSymbolProvider(cache), { label: 'Seed documents' });
}
