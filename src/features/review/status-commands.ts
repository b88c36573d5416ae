import * as vscode from 'vscode';
import {
  AttributeChange, collectReviewEdits, documentsTouched, noteEdits, statusEdits,
} from '../../core/review/attribute-edits';
import type { BareReviewChange, LedgerService } from './ledger-service';
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

/** A document node of the Seed Corpus view, as its context menu hands it to a command. */
interface TreeDocumentArgument {
  kind: 'document';
  uri: vscode.Uri;
  summary: { id: string; startLine: number };
}

/** What a status command may be called with: nothing (the editor), a target, a tree node, or lists of them. */
type CommandArgument = ReviewTarget | TreeDocumentArgument | readonly (ReviewTarget | TreeDocumentArgument)[] | undefined;

/**
 * Approve / Reject / Flag / Clear status and Add review note. Each applies to the document
 * under the cursor, every document the selections touch, a given target, or the Seed Corpus
 * view's selection. Corpus documents change by ONE workspace edit (one undo step; the edits come
 * from the core, attribute-edits.ts); bare seed files change in their folder's review ledger
 * (read-modify-write of seed-review.jsonl; the file itself is never modified).
 */
export function registerStatusCommands(cache: ParseCache, ledgers: LedgerService, treeSelection: () => readonly unknown[] = () => []): vscode.Disposable {
  const disposables = STATUS_COMMANDS.map(({ command, status, done }) =>
    vscode.commands.registerCommand(command, (target?: CommandArgument | FromView, selected?: CommandArgument) =>
      applyReviewChange(cache, ledgers, isFromView(target) ? viewSelection(treeSelection()) : pickArgument(target, selected), { status }, done)),
  );
  disposables.push(vscode.commands.registerCommand('seedReview.addNote', (target?: CommandArgument, noteOrSelected?: string | CommandArgument) =>
    addNote(cache, ledgers, pickArgument(target, typeof noteOrSelected === 'string' ? undefined : noteOrSelected), typeof noteOrSelected === 'string' ? noteOrSelected : undefined)));
  return vscode.Disposable.from(...disposables);
}

/** What the view's key bindings pass: act on the Seed Corpus view's selection. */
interface FromView {
  from: 'seedCorpusView';
}

function isFromView(value: unknown): value is FromView {
  return typeof value === 'object' && value !== null && (value as FromView).from === 'seedCorpusView';
}

/** The document items of the view's selection (files and folders are not reviewed as a whole). */
function viewSelection(selection: readonly unknown[]): CommandArgument {
  const documents = selection.filter((node): node is TreeDocumentArgument =>
    typeof node === 'object' && node !== null && (node as TreeDocumentArgument).kind === 'document');
  return documents.length ? documents : NOTHING_SELECTED;
}

/** A selection with no document in it: the commands say so instead of acting on the editor. */
const NOTHING_SELECTED: readonly TreeDocumentArgument[] = [];

/** A tree's multi-selection (second argument) wins over the clicked item. */
function pickArgument(target: CommandArgument, selected: CommandArgument): CommandArgument {
  return Array.isArray(selected) && selected.length > 0 ? selected : target;
}

function toReviewTarget(value: ReviewTarget | TreeDocumentArgument): ReviewTarget | undefined {
  if ('kind' in value && value.kind === 'document' && 'summary' in value) return { uri: value.uri, line: value.summary.startLine, id: value.summary.id };
  if (typeof value === 'object' && value !== null && 'uri' in value && typeof (value as ReviewTarget).line === 'number') return value as ReviewTarget;
  return undefined;
}

/** The documents to change, grouped by file. */
interface Targets {
  groups: { document: vscode.TextDocument; docs: SeedDocument[] }[];
}

async function findTargets(cache: ParseCache, argument: CommandArgument): Promise<Targets | string> {
  if (argument === NOTHING_SELECTED) return 'Select one or more documents in the Seed Corpus view to review them.';
  const given = argument === undefined ? [] : (Array.isArray(argument) ? argument : [argument]) as (ReviewTarget | TreeDocumentArgument)[];
  const targets = given.map(toReviewTarget).filter((t): t is ReviewTarget => t !== undefined);
  if (targets.length) {
    const groups = new Map<string, { document: vscode.TextDocument; docs: SeedDocument[] }>();
    for (const target of targets) {
      const document = await vscode.workspace.openTextDocument(toUri(target.uri));
      const all = cache.get(document).documents;
      const doc = all.find((d) => d.startLine === target.line && (target.id === undefined || d.id === target.id)) ??
        all.find((d) => target.id !== undefined && d.id === target.id);
      if (!doc) return `Document ${target.id ?? `at line ${target.line + 1}`} is no longer in ${document.fileName}.`;
      const group = groups.get(document.uri.toString()) ?? { document, docs: [] };
      if (!group.docs.includes(doc)) group.docs.push(doc);
      groups.set(document.uri.toString(), group);
    }
    return { groups: [...groups.values()] };
  }
  const editor = activeSeedEditor();
  if (!editor) return 'Open a seed file and put the cursor inside a document to review it.';
  const result = cache.get(editor.document);
  if (result.kind === 'bare') return { groups: [{ document: editor.document, docs: result.documents }] };
  const selections = editor.selections.map((selection) => ({
    start: { line: selection.start.line, character: selection.start.character },
    end: { line: selection.end.line, character: selection.end.character },
  }));
  const docs = documentsTouched(result.documents, selections);
  if (docs.length === 0) return 'The cursor is not inside a document: put it between a "<<< id" line and its ">>> id" line.';
  return { groups: [{ document: editor.document, docs }] };
}

/** One review change: a status (undefined clears it) or a note (blank removes it). */
type Change = { status: ReviewStatus | undefined } | { note: string };

async function applyReviewChange(
  cache: ParseCache, ledgers: LedgerService, argument: CommandArgument, change: Change, done: string,
): Promise<ReviewCommandResult | undefined> {
  const targets = await findTargets(cache, argument);
  if (typeof targets === 'string') {
    void vscode.window.showWarningMessage(targets);
    return undefined;
  }
  return applyToTargets(targets, ledgers, change, done);
}

async function addNote(cache: ParseCache, ledgers: LedgerService, argument: CommandArgument, given?: string): Promise<ReviewCommandResult | undefined> {
  const targets = await findTargets(cache, argument);
  if (typeof targets === 'string') {
    void vscode.window.showWarningMessage(targets);
    return undefined;
  }
  let note = given;
  if (note === undefined) {
    const docs = targets.groups.flatMap((group) => group.docs);
    const current = docs.map((doc) => doc.attributes.find((a) => a.key === 'note')?.value ?? '');
    const label = docs.length === 1 ? docs[0].id : plural(docs.length, 'document');
    note = await vscode.window.showInputBox({
      title: `Review note for ${label}`,
      prompt: docs.every((doc) => doc.kind === 'bare')
        ? 'Kept in the folder\'s review ledger (seed-review.jsonl); an empty note removes it.'
        : 'Written as note="..." on the open delimiter line; an empty note removes it.',
      value: current.every((value) => value === current[0]) ? current[0] : '',
      ignoreFocusOut: true,
    });
    if (note === undefined) return undefined;
  }
  return applyToTargets(targets, ledgers, { note }, note.trim() ? 'Added a note to' : 'Removed the note of');
}

/**
 * Applies one change to every target: corpus documents by one workspace edit, bare files by their
 * ledgers. Bare files first, so a refused ledger (conflict) leaves the corpus edits undone too.
 */
async function applyToTargets(targets: Targets, ledgers: LedgerService, change: Change, done: string): Promise<ReviewCommandResult | undefined> {
  const result: ReviewCommandResult = { changed: [], unchanged: [], refused: [] };
  const bare: BareReviewChange[] = [];
  for (const { document, docs } of targets.groups) {
    for (const doc of docs.filter((d) => d.kind === 'bare')) {
      const set = 'status' in change ? { status: change.status } : { note: change.note.trim() === '' ? undefined : change.note.replace(/\r\n|\r|\n/g, ' ') };
      const [key, value] = Object.entries(set)[0];
      if (doc.attributes.find((a) => a.key === key)?.value === value) result.unchanged.push(doc.id);
      else bare.push({ uri: document.uri, id: doc.id, set });
    }
  }
  if (bare.length) {
    try {
      await ledgers.change(bare);
      result.changed.push(...bare.map((b) => b.id));
    } catch (error) {
      void vscode.window.showErrorMessage(`Seed Review: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }
  const edit = new vscode.WorkspaceEdit();
  for (const { document, docs } of targets.groups) {
    const delimited = docs.filter((d) => d.kind !== 'bare');
    if (!delimited.length) continue;
    const edits = collectReviewEdits(delimited, (line) => document.lineAt(line).text, (doc, line): AttributeChange =>
      'status' in change ? statusEdits(doc, line, change.status) : noteEdits(doc, line, change.note));
    addEdits(edit, document.uri, edits.edits);
    result.changed.push(...edits.changed);
    result.unchanged.push(...edits.unchanged);
    result.refused.push(...edits.refused);
  }
  if (edit.size && !(await vscode.workspace.applyEdit(edit))) {
    void vscode.window.showErrorMessage('Seed Review: the edit could not be applied (the file changed meanwhile?); try again.');
    return undefined;
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
  return result;
}
