import * as vscode from 'vscode';
import {
  AttributeChange, BARE_FILE_MESSAGE, collectReviewEdits, documentsTouched, noteEdits, statusEdits,
} from '../../core/review/attribute-edits';
import type { ReviewStatus, SeedDocument } from '../../core/types';
import { addEdits } from '../convert';
import type { ParseCache } from '../parse-cache';
import { activeSeedEditor, plural, toUri } from './shared';

/**
 * A document named by a CodeLens or another command: its file and open line, and its id to
 * find it again if lines moved.
 */
export interface ReviewTarget {
  uri: vscode.Uri | string;
  line: number;
  id?: string;
}

/** The status commands, and what each sets (undefined: clear). */
export const STATUS_COMMANDS: readonly { command: string; status: ReviewStatus | undefined; done: string }[] = [
  { command: 'seedReview.approve', status: 'approved', done: 'Approved' },
  { command: 'seedReview.reject', status: 'rejected', done: 'Rejected' },
  { command: 'seedReview.flag', status: 'flagged', done: 'Flagged' },
  { command: 'seedReview.clearStatus', status: undefined, done: 'Cleared the status of' },
];

/** What a review command did (returned to callers and tests). */
export interface ReviewCommandResult {
  changed: string[];
  unchanged: string[];
  refused: { id: string; reason: string }[];
}

/**
 * Approve / Reject / Flag / Clear status and Add review note. Each applies to the document
 * under the cursor, every document the selections touch, or a given target, as ONE workspace
 * edit (one undo step). The edits come from the core (attribute-edits.ts).
 */
export function registerStatusCommands(cache: ParseCache): vscode.Disposable {
  const disposables = STATUS_COMMANDS.map(({ command, status, done }) =>
    vscode.commands.registerCommand(command, (target?: ReviewTarget) =>
      applyReviewChange(cache, target, (doc, line) => statusEdits(doc, line, status), done)),
  );
  disposables.push(vscode.commands.registerCommand('seedReview.addNote', (target?: ReviewTarget, note?: string) => addNote(cache, target, note)));
  return vscode.Disposable.from(...disposables);
}

interface Targets {
  document: vscode.TextDocument;
  docs: SeedDocument[];
}

async function findTargets(cache: ParseCache, target: ReviewTarget | undefined): Promise<Targets | string> {
  if (target && typeof target === 'object' && 'uri' in target && typeof target.line === 'number') {
    const document = await vscode.workspace.openTextDocument(toUri(target.uri));
    const all = cache.get(document).documents;
    const doc = all.find((d) => d.startLine === target.line && (target.id === undefined || d.id === target.id)) ??
      all.find((d) => target.id !== undefined && d.id === target.id);
    return doc ? { document, docs: [doc] } : `Document ${target.id ?? `at line ${target.line + 1}`} is no longer in ${document.fileName}.`;
  }
  const editor = activeSeedEditor();
  if (!editor) return 'Open a seed file (.seed) and put the cursor inside a document to review it.';
  const result = cache.get(editor.document);
  if (result.kind === 'bare') return BARE_FILE_MESSAGE;
  const selections = editor.selections.map((selection) => ({
    start: { line: selection.start.line, character: selection.start.character },
    end: { line: selection.end.line, character: selection.end.character },
  }));
  const docs = documentsTouched(result.documents, selections);
  if (docs.length === 0) return 'The cursor is not inside a document: put it between a "<<< id" line and its ">>> id" line.';
  return { document: editor.document, docs };
}

async function applyReviewChange(
  cache: ParseCache,
  target: ReviewTarget | undefined,
  change: (doc: SeedDocument, openLineText: string) => AttributeChange,
  done: string,
): Promise<ReviewCommandResult | undefined> {
  const targets = await findTargets(cache, target);
  if (typeof targets === 'string') {
    void vscode.window.showWarningMessage(targets);
    return undefined;
  }
  return applyToTargets(targets, change, done);
}

async function addNote(cache: ParseCache, target: ReviewTarget | undefined, given?: string): Promise<ReviewCommandResult | undefined> {
  const targets = await findTargets(cache, target);
  if (typeof targets === 'string') {
    void vscode.window.showWarningMessage(targets);
    return undefined;
  }
  let note = given;
  if (note === undefined) {
    const current = targets.docs.map((doc) => doc.attributes.find((a) => a.key === 'note')?.value ?? '');
    const label = targets.docs.length === 1 ? targets.docs[0].id : plural(targets.docs.length, 'document');
    note = await vscode.window.showInputBox({
      title: `Review note for ${label}`,
      prompt: 'Written as note="..." on the open delimiter line; an empty note removes it.',
      value: current.every((value) => value === current[0]) ? current[0] : '',
      ignoreFocusOut: true,
    });
    if (note === undefined) return undefined;
  }
  const text = note;
  return applyToTargets(targets, (doc, line) => noteEdits(doc, line, text), text.trim() ? 'Added a note to' : 'Removed the note of');
}

/** Computes the change for every target document and applies all edits as one workspace edit. */
async function applyToTargets(
  targets: Targets,
  change: (doc: SeedDocument, openLineText: string) => AttributeChange,
  done: string,
): Promise<ReviewCommandResult | undefined> {
  const { document, docs } = targets;
  const result = collectReviewEdits(docs, (line) => document.lineAt(line).text, change);
  if (result.edits.length) {
    const edit = new vscode.WorkspaceEdit();
    addEdits(edit, document.uri, result.edits);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('Seed Review: the edit could not be applied (the file changed meanwhile?); try again.');
      return undefined;
    }
  }
  if (result.refused.length) {
    const first = result.refused[0];
    const others = result.refused.length > 1 ? ` (and ${plural(result.refused.length - 1, 'other document')})` : '';
    void vscode.window.showWarningMessage(`${first.reason}${others}`);
  }
  if (result.changed.length) {
    const what = result.changed.length === 1 ? result.changed[0] : plural(result.changed.length, 'document');
    vscode.window.setStatusBarMessage(`$(check) ${done} ${what}`, 3000);
  }
  return { changed: result.changed, unchanged: result.unchanged, refused: result.refused };
}
