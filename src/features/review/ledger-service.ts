import * as vscode from 'vscode';
import { describeFileError } from '../../core/host/file-system';
import { isBareSeedFileName } from '../../core/ids';
import { LEDGER_FILE_NAME, LedgerBlockedError, parseLedger, type Ledger, type LedgerChange, type LedgerEntry } from '../../core/review/ledger';
import { changeLedger, loadLedger } from '../../core/review/ledger-store';
import type { SeedDiagnostic } from '../../core/types';
import { toVsDiagnostic } from '../convert';
import { vscodeFileSystem } from '../host/vscode-file-system';
import { openDocument } from '../parse-cache';

/** A change to the review attributes of one bare seed file. */
export interface BareReviewChange {
  uri: vscode.Uri;
  id: string;
  set: Record<string, string | undefined>;
}

const LEDGER_GLOB = `**/${LEDGER_FILE_NAME}`;
const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';

/** The folder that holds a file. */
export function folderOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

/**
 * `folderOf(uri).toString()`, cut from the uri's own string where that is the same thing (no
 * query or fragment, not at the root): asked for every file of a scan, and joinPath parses and
 * formats a new Uri each time.
 */
export function folderKeyOf(uri: vscode.Uri): string {
  const text = uri.toString();
  const slash = text.lastIndexOf('/');
  if (uri.query || uri.fragment || uri.path.lastIndexOf('/') <= 0 || slash < 0) return folderOf(uri).toString();
  return text.slice(0, slash);
}

/** The ledger location of the folder holding `uri`. */
export function ledgerUriFor(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(folderOf(uri), LEDGER_FILE_NAME);
}

/**
 * The review ledgers (`seed-review.jsonl`) of the workspace's folders of bare seed files: loaded
 * at start and whenever one changes on disk (git pull, another window, a hand edit), with their
 * problems in the Problems panel (SEED014/SEED015/SEED010; also while a ledger is being edited).
 * Changes go through the core's read-modify-write, so what is on disk now is what they merge into.
 */
export class LedgerService implements vscode.Disposable {
  private readonly ledgers = new Map<string, Ledger>();
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('seed-review-ledger');
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.diagnostics];
  /** Fires with the folder whose ledger changed. */
  readonly onDidChange = this.emitter.event;
  /** Grows with every change of any ledger: the parse cache re-applies reviews when it moved. */
  generation = 0;

  constructor(private readonly log: vscode.LogOutputChannel) {
    const watcher = vscode.workspace.createFileSystemWatcher(LEDGER_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.reload(folderOf(uri))),
      watcher.onDidChange((uri) => void this.reload(folderOf(uri))),
      watcher.onDidDelete((uri) => void this.reload(folderOf(uri))),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (isLedger(event.document.uri)) void this.publishFromEditor(event.document);
      }),
      vscode.workspace.onDidOpenTextDocument((document) => {
        if (isLedger(document.uri)) void this.publishFromEditor(document);
      }),
    );
  }

  /**
   * Loads every ledger of the workspace (before the first scan of seed files reads their
   * statuses): `found`, when the caller listed them already, else what findFiles finds.
   */
  async loadAll(found?: readonly vscode.Uri[], bareFiles?: readonly vscode.Uri[]): Promise<void> {
    const uris = found ?? await vscode.workspace.findFiles(LEDGER_GLOB, EXCLUDE_GLOB);
    // The bare files the caller listed tell each folder's ids: no listing of a 10,000-file folder
    // through workspace.fs (one large message from the workbench) per ledger.
    let ids: Map<string, Set<string>> | undefined;
    if (bareFiles) {
      ids = new Map();
      for (const uri of bareFiles) {
        const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
        if (!isBareSeedFileName(name)) continue;
        const key = folderKeyOf(uri);
        let set = ids.get(key);
        if (!set) ids.set(key, (set = new Set()));
        set.add(name.slice(0, -4));
      }
    }
    await Promise.all(uris.map((uri) => this.reload(folderOf(uri), false, ids && (ids.get(folderKeyOf(uri)) ?? new Set()))));
    if (uris.length) this.generation++;
  }

  /** The ledger line of a bare seed file, if its folder's ledger has one. */
  recordFor(uri: vscode.Uri, id: string): LedgerEntry | undefined {
    return this.ledgers.get(folderKeyOf(uri))?.byId.get(id);
  }

  /** The parsed ledger of a folder (undefined when it has none or it is not loaded). */
  ledgerOf(folder: vscode.Uri): Ledger | undefined {
    return this.ledgers.get(folder.toString());
  }

  /** Reads a folder's ledger from disk again, publishes its problems and tells listeners. */
  async reload(folder: vscode.Uri, fire = true, bareIds?: Set<string>): Promise<void> {
    const location = vscode.Uri.joinPath(folder, LEDGER_FILE_NAME);
    try {
      const loaded = await loadLedger(vscodeFileSystem, location.toString(), bareIds ?? await this.bareIdsIn(folder));
      if (!loaded.exists) this.ledgers.delete(folder.toString());
      else this.ledgers.set(folder.toString(), loaded.ledger);
      // An open editor's text is what the reviewer sees; its problems win over the disk's.
      const open = openDocument(location);
      if (open?.isDirty) await this.publishFromEditor(open);
      else this.publish(location, loaded.ledger.diagnostics);
    } catch (error) {
      this.log.warn(`Cannot read ${location.fsPath}: ${describeFileError(error)}`);
      this.ledgers.delete(folder.toString());
    }
    if (fire) {
      this.generation++;
      this.emitter.fire(folder);
    }
  }

  /**
   * Applies review changes to the ledgers of the files' folders (read-modify-write against disk).
   * Rejects with a message a user can act on when a ledger holds a conflict marker or a malformed
   * line, or has unsaved changes in an editor.
   */
  async change(changes: readonly BareReviewChange[]): Promise<void> {
    const byFolder = new Map<string, { folder: vscode.Uri; changes: LedgerChange[] }>();
    for (const change of changes) {
      const folder = folderOf(change.uri);
      const entry = byFolder.get(folder.toString()) ?? { folder, changes: [] };
      entry.changes.push({ id: change.id, set: change.set });
      byFolder.set(folder.toString(), entry);
    }
    const errors: string[] = [];
    for (const { folder, changes: folderChanges } of byFolder.values()) {
      const location = vscode.Uri.joinPath(folder, LEDGER_FILE_NAME);
      if (openDocument(location)?.isDirty) {
        errors.push(`${vscode.workspace.asRelativePath(location)} has unsaved changes: save or revert it first.`);
        continue;
      }
      try {
        const result = await changeLedger(vscodeFileSystem, location.toString(), folderChanges);
        this.ledgers.set(folder.toString(), parseLedger(result.text, await this.bareIdsIn(folder)));
        this.publish(location, this.ledgers.get(folder.toString())?.diagnostics ?? []);
      } catch (error) {
        if (error instanceof LedgerBlockedError) {
          errors.push(`${vscode.workspace.asRelativePath(location)} line ${error.diagnostic.range.start.line + 1}: ${error.message}`);
          await this.reload(folder, false);
        } else {
          errors.push(`${vscode.workspace.asRelativePath(location)}: cannot write: ${describeFileError(error)}`);
        }
        continue;
      }
      this.generation++;
      this.emitter.fire(folder);
    }
    if (errors.length) throw new Error(errors.join(' '));
  }

  private async publishFromEditor(document: vscode.TextDocument): Promise<void> {
    const folder = folderOf(document.uri);
    this.publish(document.uri, parseLedger(document.getText(), await this.bareIdsIn(folder)).diagnostics);
  }

  private publish(location: vscode.Uri, diagnostics: readonly SeedDiagnostic[]): void {
    this.diagnostics.set(location, diagnostics.map((d) => toVsDiagnostic(location, d)));
  }

  /** The ids of the bare seed files in a folder: a ledger line for any other id is reported (SEED015). */
  private async bareIdsIn(folder: vscode.Uri): Promise<Set<string>> {
    try {
      const entries = await vscode.workspace.fs.readDirectory(folder);
      return new Set(entries.filter(([name]) => isBareSeedFileName(name)).map(([name]) => name.slice(0, -4)));
    } catch {
      return new Set();
    }
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

/** Whether a uri names a review ledger. */
export function isLedger(uri: vscode.Uri): boolean {
  return uri.path.endsWith(`/${LEDGER_FILE_NAME}`);
}
