import * as vscode from 'vscode';
import { matchesInOrder } from '../core/fuzzy-match';
import type { WorkspaceSeedIndex } from './workspace-index';

/** How many symbols one query returns at most; VS Code shows far fewer anyway. */
const MAX_RESULTS = 2000;

/**
 * Workspace symbols (Ctrl+T): every document of every seed file, by id and headline, from
 * the workspace index, so no editor has to be opened. Matching is case-insensitive and
 * accepts the query's characters in order (VS Code re-ranks what we return).
 */
export class SeedWorkspaceSymbolProvider implements vscode.WorkspaceSymbolProvider {
  constructor(private readonly index: WorkspaceSeedIndex) {}

  async provideWorkspaceSymbols(query: string, token: vscode.CancellationToken): Promise<vscode.SymbolInformation[]> {
    await this.index.ready;
    const needle = query.toLowerCase().replace(/\s+/g, '');
    const results: vscode.SymbolInformation[] = [];
    for (const file of this.index.allFiles()) {
      if (token.isCancellationRequested) break;
      for (const doc of file.documents) {
        if (needle && !matchesInOrder(`${doc.id} ${doc.headline}`.toLowerCase(), needle)) continue;
        const location = new vscode.Location(file.uri, new vscode.Range(doc.startLine, 0, doc.startLine, 0));
        results.push(new vscode.SymbolInformation(doc.headline || '(no headline)', vscode.SymbolKind.Module, doc.id, location));
        if (results.length >= MAX_RESULTS) return results;
      }
    }
    return results;
  }
}

/** Registers workspace symbols for seed documents. */
export function registerWorkspaceSymbols(index: WorkspaceSeedIndex): vscode.Disposable {
  return vscode.languages.registerWorkspaceSymbolProvider(new SeedWorkspaceSymbolProvider(index));
}
