import * as vscode from 'vscode';
import { formatCount, progressText } from '../../core/review/queue';
import { countStatuses } from '../../core/summary';
import type { ParseCache } from '../parse-cache';
import type { WorkspaceSeedIndex } from '../workspace-index';
import { CORPUS_VIEW_ID } from './corpus-tree';
import type { ReviewQueueService } from './queue';
import { activeSeedEditor, plural } from './shared';

/**
 * The status bar item of the active seed editor: documents, approved / rejected / flagged /
 * unreviewed counts and errors; a click focuses the Seed Corpus view. Hidden for other editors.
 * Updated when the active editor changes and when the workspace index (debounced) reports the file.
 * Next to it, the workspace's progress ("1,204 of 7,758 reviewed", from the review queue), shown
 * while the workspace has seed documents; a click goes to the next unreviewed document.
 */
export class ReviewStatusBar implements vscode.Disposable {
  readonly item: vscode.StatusBarItem;
  /** The workspace's progress. */
  readonly progress: vscode.StatusBarItem;
  /** Whether the item is shown (StatusBarItem does not say; tests read this). */
  visible = false;
  /** Whether the progress item is shown. */
  progressVisible = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly cache: ParseCache, index: WorkspaceSeedIndex, private readonly queue: ReviewQueueService) {
    this.item = vscode.window.createStatusBarItem('seedReview.status', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'Seed Review';
    this.item.command = { title: 'Show Seed Corpus', command: `${CORPUS_VIEW_ID}.focus` };
    this.progress = vscode.window.createStatusBarItem('seedReview.progress', vscode.StatusBarAlignment.Left, 49);
    this.progress.name = 'Seed Review: workspace progress';
    this.progress.command = { title: 'Go to Next Unreviewed Document', command: 'seedReview.nextUnreviewedDocument' };
    this.disposables.push(
      this.item,
      this.progress,
      queue.onDidChange(() => this.updateProgress()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      index.onDidChange((uris) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && uris.some((uri) => uri.toString() === active)) this.update();
      }),
    );
    this.update();
    this.updateProgress();
  }

  /** Recomputes the workspace's progress (constant time: the queue keeps the counts). */
  updateProgress(): void {
    const progress = this.queue.queue.progress();
    if (progress.total === 0) {
      this.progress.hide();
      this.progressVisible = false;
      return;
    }
    const { approved, rejected, flagged, unreviewed } = progress.counts;
    this.progress.text = `$(checklist) ${progressText(progress)}`;
    this.progress.tooltip = `Seed Review: ${progressText(progress)} in the workspace — ${formatCount(approved)} approved, ${formatCount(rejected)} rejected, ` +
      `${formatCount(flagged)} flagged, ${formatCount(unreviewed)} unreviewed. Click to go to the next unreviewed document.`;
    this.progress.accessibilityInformation = { label: this.progress.tooltip };
    this.progress.show();
    this.progressVisible = true;
  }

  /** Recomputes the item from the active editor's parse (shared with the other features). */
  update(): void {
    const editor = activeSeedEditor();
    if (!editor) {
      this.item.hide();
      this.visible = false;
      return;
    }
    const result = this.cache.get(editor.document);
    const counts = countStatuses(result.documents);
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    const total = result.documents.length;
    const flagged = counts.flagged ? ` $(warning) ${counts.flagged}` : '';
    this.item.text = `$(book) ${total} $(pass) ${counts.approved} $(error) ${counts.rejected}${flagged} $(circle-outline) ${counts.unreviewed} $(bug) ${errors}`;
    this.item.tooltip = `Seed Review: ${plural(total, 'document')} — ${counts.approved} approved, ${counts.rejected} rejected, ` +
      `${counts.flagged} flagged, ${counts.unreviewed} unreviewed; ${plural(errors, 'error')} in this file. Click to show the Seed Corpus view.`;
    this.item.accessibilityInformation = { label: this.item.tooltip };
    this.item.backgroundColor = errors ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}
