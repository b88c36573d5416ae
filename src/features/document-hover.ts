import * as vscode from 'vscode';
import { idHover } from './entities/id-hover';
import { ParseCache, seedSelector } from './parse-cache';

/**
 * The hover on a document id (headline, status, paragraph and word counts) on its own, for hosts
 * where the entity features, which otherwise provide it with entity counts, do not run.
 */
export function registerDocumentIdHover(cache: ParseCache): vscode.Disposable {
  return vscode.languages.registerHoverProvider(seedSelector, {
    provideHover: (document, position) => idHover(document, cache.get(document), position, () => undefined),
  });
}
