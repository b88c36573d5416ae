import * as vscode from 'vscode';
import { ReviewQueue, type QueueFile, type QueueScope } from '../../core/review/queue';
import type { SeedDocument } from '../../core/types';
import type { WorkspaceSeedIndex } from '../workspace-index';

/** The setting that keeps next / previous / next unreviewed inside the current file. */
export const NAVIGATION_SCOPE_SETTING = 'navigation.scope';

/**
 * A file's folder as the queue sorts it: first the workspace folder's place in the workspace (a
 * multi-root workspace's folders in the order the Explorer lists them, not by name), then the
 * folder's path. A file outside every workspace folder comes last.
 */
export function reviewOrderFolder(uri: vscode.Uri): string {
  const folder = uri.path.slice(0, uri.path.lastIndexOf('/'));
  const root = vscode.workspace.getWorkspaceFolder(uri);
  return root ? `${String(root.index).padStart(6, '0')}:${folder}` : `~:${folder}`;
}

/**
 * Sorts files in the queue's order (workspace folder, folder, file name; code-unit order, the same
 * in every locale), so that the Seed Corpus view lists them as next / previous visit them.
 */
export function inReviewOrder<T extends { uri: vscode.Uri }>(files: readonly T[]): T[] {
  const keyed = files.map((file) => ({ file, folder: reviewOrderFolder(file.uri), name: file.uri.path.slice(file.uri.path.lastIndexOf('/') + 1) }));
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  keyed.sort((a, b) => compare(a.folder, b.folder) || compare(a.name, b.name));
  return keyed.map((k) => k.file);
}

/** The queue file of a seed file, from its documents (a parse or the index's summaries). */
export function queueFile(uri: vscode.Uri, documents: readonly Pick<SeedDocument, 'startLine' | 'endLine' | 'status'>[]): QueueFile {
  const slash = uri.path.lastIndexOf('/');
  return {
    key: uri.toString(),
    folder: reviewOrderFolder(uri),
    name: uri.path.slice(slash + 1),
    // Only what moving needs: a corpus of 10,000 documents is copied in a millisecond.
    documents: documents.map((doc) => ({ startLine: doc.startLine, endLine: doc.endLine, status: doc.status })),
  };
}

/**
 * The core's review queue (core/review/queue.ts) kept current from the workspace index: every
 * seed file of the workspace in folder / file name / document order, with the workspace's
 * progress. The index reports a file when its text or its ledger changes; the active editor's
 * newest text is taken by the index just before a move (see `refresh`), so a status set a moment ago counts.
 */
export class ReviewQueueService implements vscode.Disposable {
  readonly queue = new ReviewQueue();
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  /** Fires when the queue's files or statuses changed (the progress may have moved). */
  readonly onDidChange = this.emitter.event;

  constructor(private readonly index: WorkspaceSeedIndex) {
    for (const file of index.allFiles()) this.queue.set(queueFile(file.uri, file.documents));
    this.disposables.push(index.onDidChange((uris) => {
      for (const uri of uris) {
        const file = index.get(uri);
        if (file) this.queue.set(queueFile(uri, file.documents));
        else this.queue.delete(uri.toString());
      }
      this.emitter.fire();
    }), vscode.workspace.onDidChangeWorkspaceFolders(() => {
      // Folders added, removed or reordered: every file's place in the order may have moved.
      for (const file of index.allFiles()) this.queue.set(queueFile(file.uri, file.documents));
      this.emitter.fire();
    }));
  }

  /** The scope chosen in the settings (default: the whole workspace). */
  scope(): QueueScope {
    return vscode.workspace.getConfiguration('seedReview').get<QueueScope>(NAVIGATION_SCOPE_SETTING) === 'file' ? 'file' : 'workspace';
  }

  /**
   * Feeds an editor's newest parse to the queue, when the file is one of the workspace's: through
   * the index, so that the queue never holds a state the index does not (the index's change event
   * brings it here; the index tells nothing when nothing changed).
   */
  refresh(document: vscode.TextDocument): boolean {
    if (!this.index.get(document.uri)) return false;
    this.index.updateNow(document);
    return true;
  }

  /** A file of the queue that cannot be opened any more (deleted unseen): out of the queue and the index. */
  forget(key: string): void {
    this.queue.delete(key);
    this.index.forget(vscode.Uri.parse(key));
    this.emitter.fire();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
