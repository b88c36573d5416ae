import * as vscode from 'vscode';
import { formatCount, ReviewQueue, type QueuePosition, type QueueScope, type QueueTarget } from '../../core/review/queue';
import type { ParseCache } from '../parse-cache';
import type { QueuePreloader } from './preload';
import { queueFile, type ReviewQueueService } from './queue';
import { activeSeedEditor, plural, revealDocument } from './shared';
import type { ReviewCommandResult } from './status-commands';

/** What a navigation command did (returned for tests and other commands). */
export interface NavigationResult {
  id: string;
  line: number;
  wrapped: boolean;
}

type Move = (queue: ReviewQueue, position: QueuePosition, scope: QueueScope) => QueueTarget | undefined;

/**
 * Next / previous document and next unreviewed document: across every seed file of the workspace
 * in the queue's order (folder, file name, document order), opening the next file when the current
 * one has no more; inside the current file only with `seedReview.navigation.scope: "file"`, or for
 * a seed file that is not part of the workspace (untitled, opened from elsewhere). Going round the
 * end is said in the status bar, so the reviewer knows they went round. Also "Approve and Go to
 * Next Unreviewed", the keyboard-only review loop. `interaction` is told of each move first (the
 * entity index's build pauses for it).
 */
export function registerNavigation(cache: ParseCache, queues: ReviewQueueService, preload: QueuePreloader, interaction?: () => void): vscode.Disposable {
  const command = (
    id: string,
    move: Move,
    wrapMessage: (scope: QueueScope) => string,
    noneMessage: (scope: QueueScope, documents: number) => string,
  ) => vscode.commands.registerCommand(id, async (): Promise<NavigationResult | undefined> => {
    // Showing the next document is a round trip through the editor: a building entity index pauses for it.
    interaction?.();
    const editor = activeSeedEditor();
    const inWorkspace = editor ? queues.refresh(editor.document) : false;
    // A seed file outside the workspace's queue moves inside itself, whatever the setting.
    const scope: QueueScope = editor && !inWorkspace ? 'file' : queues.scope();
    let target: QueueTarget | undefined;
    let documents: number;
    let inWorkspaceMove = (_gone: QueueTarget): QueueTarget | undefined => undefined;
    if (editor && !inWorkspace) {
      const file = queueFile(editor.document.uri, cache.get(editor.document).documents);
      const alone = new ReviewQueue();
      alone.set(file);
      target = move(alone, { key: file.key, line: editor.selection.active.line }, 'file');
      documents = file.documents.length;
    } else {
      const position: QueuePosition = editor ? { key: editor.document.uri.toString(), line: editor.selection.active.line } : { line: 0 };
      if (!editor && scope === 'file') {
        void vscode.window.showInformationMessage('Open a seed file to move between its documents.');
        return undefined;
      }
      target = move(queues.queue, position, scope);
      inWorkspaceMove = () => move(queues.queue, position, scope);
      documents = scope === 'file' && editor ? cache.get(editor.document).documents.length : queues.queue.progress().total;
    }
    if (!target) {
      vscode.window.setStatusBarMessage(noneMessage(scope, documents), 4000);
      return undefined;
    }
    let shown: vscode.TextEditor | undefined = editor && target.key === editor.document.uri.toString() ? editor : undefined;
    // A file deleted without the watcher telling (it happens) leaves the queue and the move goes on.
    for (let attempt = 0; !shown && target && attempt < 100; attempt++) {
      try {
        shown = await vscode.window.showTextDocument(vscode.Uri.parse(target.key), { preview: true });
      } catch {
        queues.forget(target.key);
        target = inWorkspaceMove(target);
      }
    }
    if (!shown || !target) {
      vscode.window.setStatusBarMessage(noneMessage(scope, queues.queue.progress().total), 4000);
      return undefined;
    }
    const docs = cache.get(shown.document).documents;
    const doc = docs[target.index] ?? docs[0];
    if (!doc) return undefined;
    revealDocument(shown, doc);
    preload.after(shown.document.uri, doc.startLine);
    if (target.wrapped) vscode.window.setStatusBarMessage(wrapMessage(scope), 4000);
    return { id: doc.id, line: doc.startLine, wrapped: target.wrapped };
  });
  const none = (scope: QueueScope, documents: number, what: string) =>
    documents === 0 ? (scope === 'file' ? 'This file has no documents' : 'The workspace has no seed documents') : what;
  return vscode.Disposable.from(
    command('seedReview.nextDocument', (q, p, s) => q.next(p, s),
      (scope) => `$(debug-restart) Wrapped around to the first document${scope === 'workspace' ? ' of the workspace' : ''}`,
      (scope, n) => none(scope, n, '')),
    command('seedReview.previousDocument', (q, p, s) => q.previous(p, s),
      (scope) => `$(debug-restart) Wrapped around to the last document${scope === 'workspace' ? ' of the workspace' : ''}`,
      (scope, n) => none(scope, n, '')),
    command('seedReview.nextUnreviewedDocument', (q, p, s) => q.nextUnreviewed(p, s),
      (scope) => `$(debug-restart) Wrapped around: continuing from the top of the ${scope === 'workspace' ? 'workspace' : 'file'}`,
      (scope, n) => none(scope, n, scope === 'workspace'
        ? `$(pass) All ${formatCount(n)} documents of the workspace are reviewed`
        : `$(pass) All ${plural(n, 'document')} of this file are reviewed`)),
    vscode.commands.registerCommand('seedReview.approveAndNextUnreviewed', async (): Promise<NavigationResult | undefined> => {
      const approved = await vscode.commands.executeCommand<ReviewCommandResult | undefined>('seedReview.approve');
      // Refused (or failed): stay, so the reviewer sees why; already approved counts as done.
      if (!approved || (approved.refused.length && !approved.changed.length && !approved.unchanged.length)) return undefined;
      return vscode.commands.executeCommand<NavigationResult | undefined>('seedReview.nextUnreviewedDocument');
    }),
  );
}
