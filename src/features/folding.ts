import * as vscode from 'vscode';
import { ParseCache, seedSelector } from './parse-cache';

/** Folds each seed document (open to close delimiter) and each run of comment lines. */
export class SeedFoldingRangeProvider implements vscode.FoldingRangeProvider {
  constructor(private readonly cache: ParseCache) {}

  provideFoldingRanges(document: vscode.TextDocument, _context: vscode.FoldingContext, token: vscode.CancellationToken): vscode.FoldingRange[] | undefined {
    const result = this.cache.get(document);
    const ranges: vscode.FoldingRange[] = [];
    for (const doc of result.documents) {
      if (token.isCancellationRequested) return undefined;
      // A bare seed file is one document: folding all of it helps nobody.
      if (doc.kind === 'delimited' && doc.endLine > doc.startLine) ranges.push(new vscode.FoldingRange(doc.startLine, doc.endLine, vscode.FoldingRangeKind.Region));
    }
    for (const block of result.comments) {
      if (block.endLine > block.startLine) ranges.push(new vscode.FoldingRange(block.startLine, block.endLine, vscode.FoldingRangeKind.Comment));
    }
    return ranges;
  }
}

/** Registers folding for seed files. */
export function registerFolding(cache: ParseCache): vscode.Disposable {
  return vscode.languages.registerFoldingRangeProvider(seedSelector, new SeedFoldingRangeProvider(cache));
}
