import * as vscode from 'vscode';
import { nextDocument, nextUnreviewedDocument, NavigationTarget, previousDocument } from '../../core/review/navigation';
import type { SeedDocument } from '../../core/types';
import type { ParseCache } from '../parse-cache';
import { activeSeedEditor, plural, revealDocument } from './shared';

/** What a navigation command did (returned for tests and other commands). */
export interface NavigationResult {
  id: string;
  line: number;
  wrapped: boolean;
}

/**
 * Next / previous document and next unreviewed document in the active seed editor. Wrapping
 * around the end of the file is said in the status bar, so the reviewer knows they went round.
 */
export function registerNavigation(cache: ParseCache): vscode.Disposable {
  const command = (
    id: string,
    find: (docs: readonly SeedDocument[], line: number) => NavigationTarget | undefined,
    wrapMessage: (docs: readonly SeedDocument[]) => string,
    noneMessage: (docs: readonly SeedDocument[]) => string,
  ) => vscode.commands.registerCommand(id, (): NavigationResult | undefined => {
    const editor = activeSeedEditor();
    if (!editor) {
      void vscode.window.showInformationMessage('Open a seed file to move between its documents.');
      return undefined;
    }
    const docs = cache.get(editor.document).documents;
    const target = find(docs, editor.selection.active.line);
    if (!target) {
      vscode.window.setStatusBarMessage(noneMessage(docs), 4000);
      return undefined;
    }
    const doc = docs[target.index];
    revealDocument(editor, doc);
    if (target.wrapped) vscode.window.setStatusBarMessage(wrapMessage(docs), 4000);
    return { id: doc.id, line: doc.startLine, wrapped: target.wrapped };
  });
  return vscode.Disposable.from(
    command('seedReview.nextDocument', nextDocument, () => '$(debug-restart) Wrapped around to the first document', () => 'This file has no documents'),
    command('seedReview.previousDocument', previousDocument, () => '$(debug-restart) Wrapped around to the last document', () => 'This file has no documents'),
    command('seedReview.nextUnreviewedDocument', nextUnreviewedDocument, () => '$(debug-restart) Wrapped around: continuing from the top of the file',
      (docs) => docs.length ? `$(pass) All ${plural(docs.length, 'document')} of this file are reviewed` : 'This file has no documents'),
  );
}
