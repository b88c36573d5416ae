import * as vscode from 'vscode';
import { openDocument, SEED_LANGUAGE_ID } from '../parse-cache';
import type { ReviewQueueService } from './queue';

/** The setting that loads the next file of the queue in the background. */
const PRELOAD_SETTING = 'navigation.preload';
/** Larger files are not loaded on a guess: a corpus can be megabytes. */
const PRELOAD_MAX_DOCUMENTS = 64;

/**
 * Loads the files that the next forward move would open (the queue's `filesAhead`) while the
 * reviewer reads, so that the move only has to show an editor: opening a file is a round trip to
 * the workbench and costs more than the move's budget. VS Code itself closes loaded documents
 * that no editor shows after a while, so nothing here holds on to them.
 */
export class QueuePreloader implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(private readonly queues: ReviewQueueService) {
    // A seed file opened by hand (a click in the view, Quick Open) starts the loop too.
    this.subscription = vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor?.document.languageId === SEED_LANGUAGE_ID) this.after(editor.document.uri, editor.selection.active.line);
    });
  }

  /** The files asked for at the last position (uris as strings; tests read it). */
  lastLoaded: readonly string[] = [];

  /** Loads what the next moves from this position would open, unless switched off. */
  after(uri: vscode.Uri, line: number): void {
    const enabled = vscode.workspace.getConfiguration('seedReview', uri).get<boolean>(PRELOAD_SETTING, true);
    const keys = enabled ? this.queues.queue.filesAhead({ key: uri.toString(), line }, this.queues.scope(), PRELOAD_MAX_DOCUMENTS) : [];
    this.lastLoaded = keys;
    for (const key of keys) {
      if (openDocument(key)) continue;
      // A file gone since the queue saw it is the move's business (it drops it then), not this guess's.
      vscode.workspace.openTextDocument(vscode.Uri.parse(key)).then(undefined, () => undefined);
    }
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

