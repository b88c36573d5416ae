import * as vscode from 'vscode';
import type { ReviewStatus, SeedDocument } from '../../core/types';
import { SEED_LANGUAGE_ID } from '../parse-cache';

/** The active text editor when it shows a seed file. */
export function activeSeedEditor(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor && editor.document.languageId === SEED_LANGUAGE_ID ? editor : undefined;
}

/** The codicon and colour of each review status (tree, CodeLens, hover texts). */
export const STATUS_ICONS: Record<ReviewStatus, { icon: string; color?: string }> = {
  approved: { icon: 'pass', color: 'charts.green' },
  rejected: { icon: 'error', color: 'charts.red' },
  flagged: { icon: 'warning', color: 'charts.yellow' },
  unreviewed: { icon: 'circle-outline' },
};

/** A ThemeIcon for a review status. */
export function statusThemeIcon(status: ReviewStatus): vscode.ThemeIcon {
  const { icon, color } = STATUS_ICONS[status];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

/**
 * Shows a document of an editor: the cursor goes to the start of its headline (the open line
 * when it has none) and the open delimiter is scrolled to the top, so the headline is in view.
 */
export function revealDocument(editor: vscode.TextEditor, doc: Pick<SeedDocument, 'startLine'> & { headline?: { line: number } }): void {
  const line = doc.headline?.line ?? doc.startLine;
  const position = new vscode.Position(line, 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(doc.startLine, 0, doc.startLine, 0), vscode.TextEditorRevealType.AtTop);
}

export { plural } from '../../core/wording';

/** Accepts a uri or its string form (command arguments arrive either way). */
export function toUri(value: vscode.Uri | string): vscode.Uri {
  return typeof value === 'string' ? vscode.Uri.parse(value) : value;
}
