import * as vscode from 'vscode';
import { baseName } from '../core/host/file-system';
import { standardScheduler, type HostScheduler } from '../core/host/scheduler';
import { isBareSeedFileName } from '../core/parser';
import { DocumentSummary, summarizeDocuments } from '../core/summary';
import { statusOfAttributes } from '../core/review/ledger';
import type { ParseResult, SeedDiagnostic } from '../core/types';
import { WorkspaceIndex as CrossFileChecks } from '../core/workspace-checks';
import type { ExtraDiagnosticSource } from './diagnostics';
import { openDocument, ParseCache, SEED_LANGUAGE_ID } from './parse-cache';

/** One seed file of the workspace, as last read from disk or from its open editor. */
export interface IndexedFile {
  uri: vscode.Uri;
  documents: DocumentSummary[];
  errorCount: number;
  /** A bare seed file (one document; its review is in its folder's ledger). */
  bare: boolean;
}

/** What the index needs of the review ledgers: loaded before the first scan, and their changes. */
export interface LedgerSource {
  loadAll(): Promise<void>;
  recordFor(uri: vscode.Uri, id: string): { attributes: Readonly<Record<string, string>> } | undefined;
  readonly onDidChange: vscode.Event<vscode.Uri>;
}

const CORPUS_GLOB = '**/*.seed';
/** Narrows the search to names starting with digits; isBareSeedFileName decides exactly. */
const BARE_GLOB = '**/[0-9][0-9][0-9]*_*.txt';
const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';

/**
 * Knows every seed file of the workspace without opening editors: found with `findFiles`,
 * read with `workspace.fs`, parsed by the core, kept as summaries. Open editors win over
 * disk (unsaved text is what the reviewer sees); file watchers keep the rest current.
 * Workspace symbols, cross-file checks, the corpus tree and the status bar all read it.
 */
export class WorkspaceSeedIndex implements vscode.Disposable {
  private readonly files = new Map<string, IndexedFile>();
  /** Each indexed file's last parse: its own diagnostics, and the input of the cross-file checks. */
  private readonly results = new Map<string, ParseResult>();
  private isIgnored: ((uri: vscode.Uri) => Promise<boolean>) | undefined;
  private readonly emitter = new vscode.EventEmitter<readonly vscode.Uri[]>();
  private readonly checks = new CrossFileChecks();
  private readonly crossFileEmitter = new vscode.EventEmitter<readonly vscode.Uri[]>();
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.crossFileEmitter];
  private readonly pendingEditorUpdates = new Map<string, ReturnType<typeof setTimeout>>();
  /** Fires with the files whose summaries changed. */
  readonly onDidChange = this.emitter.event;
  /** Resolves when the first full scan has finished. */
  readonly ready: Promise<void>;
  private scanDone = false;
  /** SEED012/SEED013 (same id in two files, same text under two ids), kept current per changed file. */
  readonly crossFile: ExtraDiagnosticSource = {
    diagnosticsFor: (uri: vscode.Uri): readonly SeedDiagnostic[] => this.checks.diagnosticsFor(uri.toString()),
    onDidChange: this.crossFileEmitter.event,
  };

  constructor(
    private readonly cache: ParseCache,
    private readonly log: vscode.LogOutputChannel,
    private readonly debounceMs: () => number,
    private readonly scheduler: HostScheduler = standardScheduler,
    private readonly ledgers?: LedgerSource,
  ) {
    const watchers = [CORPUS_GLOB, BARE_GLOB].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
    for (const watcher of watchers) {
      this.disposables.push(
        watcher,
        watcher.onDidCreate((uri) => this.refreshFromDisk(uri)),
        watcher.onDidChange((uri) => this.refreshFromDisk(uri)),
        watcher.onDidDelete((uri) => this.remove(uri)),
      );
    }
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.updateFromEditor(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.scheduleEditorUpdate(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (!this.indexes(document)) return;
        // The editor may have held unsaved text: the file is the truth again, on any file system
        // the host can read (file, vscode-remote in the browser, vscode-vfs on github.dev).
        if (vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) !== undefined) void this.refreshFromDisk(document.uri);
        else this.remove(document.uri);
      }),
    );
    // A folder deleted at once (rm -r, a branch switch) reports the folder only, not each file in it.
    const deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
    this.disposables.push(deletions, deletions.onDidDelete((uri) => this.removeUnder(uri)));
    if (ledgers) this.disposables.push(ledgers.onDidChange((folder) => this.applyLedger(folder)));
    this.ready = this.scan();
  }

  /** A folder's ledger changed: its bare files' statuses follow (their text did not change). */
  private applyLedger(folder: vscode.Uri): void {
    if (!this.ledgers) return;
    const prefix = folder.toString().replace(/\/$/, '') + '/';
    const changed: vscode.Uri[] = [];
    for (const [key, file] of this.files) {
      if (!file.bare || !key.startsWith(prefix) || key.indexOf('/', prefix.length) >= 0) continue;
      const [summary] = file.documents;
      if (!summary) continue;
      const status = statusOfAttributes(this.ledgers.recordFor(file.uri, summary.id)?.attributes);
      if (status === summary.status) continue;
      this.files.set(key, { ...file, documents: [{ ...summary, status }] });
      changed.push(file.uri);
    }
    if (changed.length) this.emitter.fire(changed);
  }

  /** Every indexed file (stable order: by path). */
  allFiles(): IndexedFile[] {
    return [...this.files.values()].sort((a, b) => a.uri.path.localeCompare(b.uri.path));
  }

  /** The indexed file for a uri, if it is a seed file of the workspace or an open editor. */
  get(uri: vscode.Uri): IndexedFile | undefined {
    return this.files.get(uri.toString());
  }

  /** Reads every seed file of the workspace again, as at start (the benchmark times this; also a way out of missed watcher events). */
  rescan(): Promise<void> {
    return this.scan();
  }

  private async scan(): Promise<void> {
    const started = Date.now();
    // Bare files' statuses come from the ledgers: read those first.
    await this.ledgers?.loadAll().catch((error) => this.log.warn(`Reading review ledgers failed: ${error instanceof Error ? error.message : String(error)}`));
    const [corpora, bare] = await Promise.all([
      vscode.workspace.findFiles(CORPUS_GLOB, EXCLUDE_GLOB),
      vscode.workspace.findFiles(BARE_GLOB, EXCLUDE_GLOB),
    ]);
    const uris = [...corpora, ...bare.filter((uri) => isBareSeedFileName(baseName(uri.path)))];
    const changed: vscode.Uri[] = [];
    // Reads overlap (the file system answers several at once); parsing runs in slices of a few
    // milliseconds between yields, so a workspace of thousands of files never holds the extension
    // host for long, and is not slowed by one yield (a clamped timer in a browser) per file either.
    const READ_AHEAD = 16;
    const SLICE_MS = 8;
    const reads = new Map<number, Promise<ParseResult | Error>>();
    const startRead = (i: number) => {
      if (i < uris.length) reads.set(i, this.cache.parseFile(uris[i]).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error)))));
    };
    for (let i = 0; i < READ_AHEAD; i++) startRead(i);
    let sliceStart = this.scheduler.now();
    for (let i = 0; i < uris.length; i++) {
      const outcome = await reads.get(i)!;
      reads.delete(i);
      startRead(i + READ_AHEAD);
      if (this.accept(uris[i], outcome)) changed.push(uris[i]);
      if (this.scheduler.now() - sliceStart > SLICE_MS) {
        await this.scheduler.yieldToHost();
        sliceStart = this.scheduler.now();
      }
    }
    for (const document of vscode.workspace.textDocuments) {
      if (this.indexes(document) && !this.files.has(document.uri.toString())) {
        this.setFromEditor(document);
        changed.push(document.uri);
      }
    }
    this.log.info(`Indexed ${uris.length} seed file(s) in ${Date.now() - started} ms`);
    this.scanDone = true;
    if (changed.length) this.emitter.fire(changed);
  }

  /** Reads a file as the reviewer sees it (editor text when open); false when it cannot be read. */
  private async read(uri: vscode.Uri): Promise<boolean> {
    let outcome: ParseResult | Error;
    try {
      outcome = await this.cache.parseFile(uri);
    } catch (error) {
      outcome = error instanceof Error ? error : new Error(String(error));
    }
    return this.accept(uri, outcome);
  }

  private accept(uri: vscode.Uri, outcome: ParseResult | Error): boolean {
    if (outcome instanceof Error) {
      this.log.warn(`Skipped ${uri.fsPath}: ${outcome.message}`);
      this.remove(uri);
      return false;
    }
    this.store(uri, outcome);
    return true;
  }

  /**
   * Decides which files the cross-file checks leave out (`ignore` in `.seed-review.json`), and
   * applies it again to every file: call it again when that answer may have changed.
   */
  setIgnoreFilter(isIgnored: (uri: vscode.Uri) => Promise<boolean>): void {
    this.isIgnored = isIgnored;
    for (const file of this.files.values()) {
      const result = this.results.get(file.uri.toString());
      if (result) this.updateChecks(file.uri, result);
    }
  }

  /** Every indexed file's own diagnostics, for the Problems panel's workspace scope. */
  readonly ownDiagnostics = {
    uris: (): vscode.Uri[] => [...this.files.values()].map((file) => file.uri),
    diagnosticsFor: (uri: vscode.Uri): readonly SeedDiagnostic[] | undefined => this.results.get(uri.toString())?.diagnostics,
    onDidChange: this.onDidChange,
    scanned: () => this.scanDone,
  };

  private async refreshFromDisk(uri: vscode.Uri): Promise<void> {
    // Unsaved editor text is what the reviewer sees: the change on disk waits for a save or revert.
    if (openDocument(uri)?.isDirty) return;
    if (uri.path.endsWith('.txt') && !isBareSeedFileName(baseName(uri.path))) return;
    if (await this.read(uri)) this.emitter.fire([uri]);
  }

  /** Forgets every indexed file inside a deleted folder. */
  private removeUnder(folder: vscode.Uri): void {
    const prefix = folder.toString().replace(/\/$/, '') + '/';
    for (const file of [...this.files.values()]) {
      if (file.uri.toString().startsWith(prefix) && !openDocument(file.uri)?.isDirty) this.remove(file.uri);
    }
  }

  /** Forgets a file that is gone (found so by a reader, such as navigation opening it). */
  forget(uri: vscode.Uri): void {
    if (!openDocument(uri)) this.remove(uri);
  }

  private remove(uri: vscode.Uri): void {
    this.results.delete(uri.toString());
    this.fireCrossFile(this.checks.remove(uri.toString()), uri);
    if (this.files.delete(uri.toString())) this.emitter.fire([uri]);
  }

  private fireCrossFile(affected: ReadonlySet<string>, changed: vscode.Uri): void {
    const uris = [...affected].map((key) => (key === changed.toString() ? changed : vscode.Uri.parse(key)));
    if (uris.length) this.crossFileEmitter.fire(uris);
  }

  /** Only files of the workspace's folders form its corpus: not untitled scratch text, not files opened from elsewhere. */
  private indexes(document: vscode.TextDocument): boolean {
    return document.languageId === SEED_LANGUAGE_ID && document.uri.scheme !== 'untitled' && vscode.workspace.getWorkspaceFolder(document.uri) !== undefined;
  }

  private scheduleEditorUpdate(document: vscode.TextDocument): void {
    if (!this.indexes(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.pendingEditorUpdates.get(key));
    this.pendingEditorUpdates.set(key, setTimeout(() => {
      this.pendingEditorUpdates.delete(key);
      if (!document.isClosed) this.updateFromEditor(document);
    }, this.debounceMs()));
  }

  private updateFromEditor(document: vscode.TextDocument): void {
    if (!this.indexes(document)) return;
    this.setFromEditor(document);
    this.emitter.fire([document.uri]);
  }

  private setFromEditor(document: vscode.TextDocument): void {
    this.store(document.uri, this.cache.get(document));
  }

  private store(uri: vscode.Uri, result: ParseResult): void {
    const errorCount = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    let documents = summarizeDocuments(result);
    // A ledger read while this file was being parsed (a checkout brings both at once) is newer
    // than the parse's review: a bare file's status is taken from the ledger as it is now.
    const [bareSummary] = documents;
    if (result.kind === 'bare' && this.ledgers && bareSummary) {
      const status = statusOfAttributes(this.ledgers.recordFor(uri, bareSummary.id)?.attributes);
      if (status !== bareSummary.status) documents = [{ ...bareSummary, status }];
    }
    this.files.set(uri.toString(), { uri, documents, errorCount, bare: result.kind === 'bare' });
    this.results.set(uri.toString(), result);
    this.updateChecks(uri, result);
  }

  private updateChecks(uri: vscode.Uri, result: ParseResult): void {
    const key = uri.toString();
    if (!this.isIgnored) {
      this.fireCrossFile(this.checks.update({ uri: key, result }), uri);
      return;
    }
    // The answer is cached per folder after the first file, so these resolve in the order asked.
    void this.isIgnored(uri).then((ignored) => {
      if (this.results.get(key) !== result) return; // a newer version of the file took over
      this.fireCrossFile(ignored ? this.checks.remove(key) : this.checks.update({ uri: key, result }), uri);
    }, () => undefined);
  }

  dispose(): void {
    for (const timer of this.pendingEditorUpdates.values()) clearTimeout(timer);
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
