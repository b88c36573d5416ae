import * as vscode from 'vscode';
import { baseName } from '../core/host/file-system';
import { standardScheduler, type HostScheduler, type TimerHandle } from '../core/host/scheduler';
import { isBareSeedFileName } from '../core/parser';
import { sameDiagnostics, sameSummaries } from '../core/document-equality';
import { DocumentSummary, summarizeDocuments } from '../core/summary';
import { LEDGER_FILE_NAME, statusOfAttributes } from '../core/review/ledger';
import type { ParseResult, SeedDiagnostic } from '../core/types';
import { WorkspaceIndex as CrossFileChecks } from '../core/workspace-checks';
import { changedStamps, diffListing, FileUpdateQueue, RelistSchedule, type FileOutcome } from '../core/workspace-sync';
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
  /** Loads the ledgers found, knowing the seed files listed with them (their uris listed by the caller). */
  loadAll(found: readonly vscode.Uri[], seedFiles: readonly vscode.Uri[]): Promise<void>;
  recordFor(uri: vscode.Uri, id: string): { attributes: Readonly<Record<string, string>> } | undefined;
  readonly onDidChange: vscode.Event<vscode.Uri>;
}

const CORPUS_GLOB = '**/*.seed';
/** Narrows the search to names starting with digits; isBareSeedFileName decides exactly. */
const BARE_GLOB = '**/[0-9][0-9][0-9]*_*.txt';
/** Of the names the globs below find: a corpus, or a bare seed file (the glob only narrows those). */
function isSeedFileName(name: string): boolean {
  return !/\.txt$/i.test(name) || isBareSeedFileName(name);
}
/** Both in one search (each findFiles is a search in the workbench's search process). */
const SEED_FILES_GLOB = `{${CORPUS_GLOB},${BARE_GLOB}}`;
/** The seed files and the review ledgers, for the full scan. */
const SCAN_GLOB = `{${CORPUS_GLOB},${BARE_GLOB},**/${LEDGER_FILE_NAME}}`;
const EXCLUDE_GLOB = '{**/node_modules/**,**/.git/**}';

/**
 * Knows every seed file of the workspace without opening editors: found with `findFiles`,
 * read with `workspace.fs`, parsed by the core, kept as summaries. Open editors win over
 * disk (unsaved text is what the reviewer sees); file watchers keep the rest current.
 * Workspace symbols, cross-file checks, the corpus tree and the status bar all read it.
 */
export class WorkspaceSeedIndex implements vscode.Disposable {
  private readonly files = new Map<string, IndexedFile>();
  /** The files' keys in allFiles() order, until a file comes or goes (a change of content keeps it). */
  private order: string[] | undefined;
  /** Each indexed file's last parse: its own diagnostics, and the input of the cross-file checks. */
  private readonly results = new Map<string, ParseResult>();
  private isIgnored: ((uri: vscode.Uri) => boolean | Promise<boolean>) | undefined;
  private readonly emitter = new vscode.EventEmitter<readonly vscode.Uri[]>();
  private readonly checks = new CrossFileChecks();
  private readonly crossFileEmitter = new vscode.EventEmitter<readonly vscode.Uri[]>();
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.crossFileEmitter];
  private readonly pendingEditorUpdates = new Map<string, ReturnType<typeof setTimeout>>();
  /** Every read and removal, from the scan, the watchers or a relisting, bounded and in slices. */
  private readonly updates: FileUpdateQueue<{ result: ParseResult; stamp: string | undefined }>;
  /** Each file's stamp on disk (mtime and size) when it was read, where the host can take one. */
  private readonly stamps = new Map<string, string>();
  /** Open documents whose parse, when they were opened, equalled the file's (summaries and problems). */
  private readonly sameAsFile = new Set<string>();
  /** The uri of each location waiting in `updates` (parsing them back costs more than keeping them). */
  private readonly requested = new Map<string, vscode.Uri>();
  /** While above 0 (a full scan runs), change events wait and go as one at its end. */
  private holding = 0;
  private readonly held = new Map<string, vscode.Uri>();
  /** Files whose cross-file findings changed, fired once per turn of the event loop. */
  private readonly crossFileDirty = new Map<string, vscode.Uri>();
  private crossFileTimer: TimerHandle | undefined;
  /**
   * When the index compares itself with a fresh listing of the workspace (findFiles, in the
   * workbench's search process): code-server's file watcher misses files written into a new
   * folder and can go silent for minutes after a watched folder is deleted (core: RelistSchedule).
   */
  private readonly relisting: RelistSchedule;
  private disposed = false;
  /** Fires with the files whose summaries changed. */
  readonly onDidChange = this.emitter.event;
  /** Resolves when the first full scan has finished. */
  readonly ready: Promise<void>;
  private scanDone = false;
  /** The phases of the last full scan, in milliseconds (the log and the benchmarks read them). */
  lastScan = { files: 0, ledgersMs: 0, listingMs: 0, readingMs: 0 };
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
    /** The host's cheap synchronous version of a file on disk (see SeedReviewHost.stampWorkspaceFile). */
    private readonly stampFile?: (uri: vscode.Uri) => string | undefined,
  ) {
    this.relisting = new RelistSchedule(scheduler, () => this.compareWithListing());
    this.updates = new FileUpdateQueue({
      read: async (key) => {
        const uri = this.requested.get(key) ?? vscode.Uri.parse(key);
        // Stamped before the read: a change between the two makes the stamp older than the text,
        // which costs one more read later, never a missed change.
        const stamp = this.stampFile && !openDocument(uri) ? this.stampFile(uri) : undefined;
        return { result: await this.cache.parseFile(uri), stamp };
      },
      apply: (key, outcome) => this.apply(key, outcome),
      changed: (keys) => this.fire(keys.map((key) => this.uriOf(key))),
      scheduler,
    });
    const watchers = [CORPUS_GLOB, BARE_GLOB].map((glob) => vscode.workspace.createFileSystemWatcher(glob));
    for (const watcher of watchers) {
      this.disposables.push(
        watcher,
        watcher.onDidCreate((uri) => this.refreshFromDisk(uri, true)),
        watcher.onDidChange((uri) => this.refreshFromDisk(uri, false)),
        watcher.onDidDelete((uri) => this.request(uri, 'remove')),
      );
    }
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.updateFromEditor(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.scheduleEditorUpdate(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (!this.indexes(document)) return;
        if (this.closedUnchanged(document)) return;
        // The editor may have held unsaved text: the file is the truth again, on any file system
        // the host can read (file, vscode-remote in the browser, vscode-vfs on github.dev).
        if (vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) !== undefined) this.refreshFromDisk(document.uri, false);
        else if (this.forgetNow(document.uri)) this.fire([document.uri]);
      }),
    );
    // A folder deleted at once (rm -r, a branch switch) reports the folder only, not each file in it.
    const deletions = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
    this.disposables.push(deletions, deletions.onDidDelete((uri) => this.removeUnder(uri)));
    if (ledgers) this.disposables.push(ledgers.onDidChange((folder) => this.applyLedger(folder)));
    // A window coming back to the front is when a reviewer expects what changed meanwhile (a git
    // pull, a copy in a terminal) to be there, watcher or not.
    this.disposables.push(vscode.window.onDidChangeWindowState((state) => {
      if (state.focused && this.scanDone) void this.relisting.now();
    }));
    // The user working (moving between documents, typing): a timed relisting waits for a pause.
    const working = () => this.relisting.interaction();
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(working),
      vscode.window.onDidChangeTextEditorSelection(working),
      vscode.workspace.onDidChangeTextDocument(working),
    );
    this.ready = this.scan().then(() => this.relisting.start());
  }

  /**
   * For tests: how often the index compares itself with a fresh listing, while files are moving
   * and when all is quiet (the defaults are 3 s and 30 s).
   */
  setRelistIntervals(busyMs: number, quietMs: number): void {
    this.relisting.setIntervals({ busyMs, quietMs });
  }

  /**
   * Compares the index with a fresh listing of the workspace's seed files: reads the files it
   * lacks, drops those gone (an open editor's file stays: its editor is its truth). Whatever the
   * file watcher missed is found here. Resolves once a listing taken after the call is applied.
   */
  relist(): Promise<void> {
    return this.relisting.now();
  }

  private async compareWithListing(): Promise<void> {
    try {
      const uris = await this.listSeedFiles();
      if (this.disposed) return;
      const listed = new Map(uris.map((uri) => [uri.toString(), uri]));
      // An open document not listed stays (a file the listing cannot see, such as one under
      // files.exclude), unless it has no unsaved text and its file is gone from the disk (VS Code
      // keeps a closed editor's document for a while; the watcher may have missed the delete).
      const keep = (key: string) => {
        const open = openDocument(key);
        if (!open) return false;
        return open.isDirty || !this.stampFile || this.stampFile(open.uri) !== undefined;
      };
      const { added, gone } = diffListing(listed.keys(), this.files.keys(), keep);
      const queued = (key: string) => this.requested.has(key);
      const toRead = added.filter((key) => !queued(key));
      const toDrop = gone.filter((key) => !queued(key));
      if (toRead.length + toDrop.length > 0) {
        this.log.info(`Relisting the workspace found ${toRead.length} seed file(s) not indexed and ${toDrop.length} gone: the file watcher missed them`);
        this.relisting.activity(false);
        for (const key of toRead) this.request(listed.get(key)!, 'read');
        for (const key of toDrop) this.request(this.files.get(key)?.uri ?? vscode.Uri.parse(key), 'remove');
      }
      // Files changed on disk that nobody reported: their stamp differs from the one taken at their read.
      if (this.stampFile) {
        const stampFile = this.stampFile;
        const recorded = [...this.stamps].filter(([key]) => listed.has(key) && !queued(key));
        const changed = await changedStamps(recorded, (key) => {
          const uri = listed.get(key)!;
          return openDocument(uri) ? undefined : stampFile(uri);
        }, this.scheduler);
        if (changed.length > 0) {
          this.log.info(`Relisting the workspace found ${changed.length} seed file(s) changed on disk unreported: read again`);
          for (const key of changed) if (!queued(key)) this.request(listed.get(key)!, 'read');
        }
      }
      // What the watcher asked for meanwhile counts too: when this resolves, the index is the listing.
      await this.updates.idle();
    } catch (error) {
      this.log.warn(`Relisting the workspace failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Every seed file of the workspace's folders, as findFiles lists them now. */
  private async listSeedFiles(): Promise<vscode.Uri[]> {
    const found = await vscode.workspace.findFiles(SEED_FILES_GLOB, EXCLUDE_GLOB);
    return found.filter((uri) => isSeedFileName(baseName(uri.path)));
  }

  /** Asks the update queue to read a file again or drop it. */
  private request(uri: vscode.Uri, what: 'read' | 'remove'): void {
    const key = uri.toString();
    this.requested.set(key, uri);
    this.updates.request(key, what);
  }

  private uriOf(key: string): vscode.Uri {
    return this.files.get(key)?.uri ?? this.requested.get(key) ?? vscode.Uri.parse(key);
  }

  /** One outcome of the update queue into the index; true when the index changed. */
  private apply(key: string, outcome: FileOutcome<{ result: ParseResult; stamp: string | undefined }>): boolean {
    const uri = this.uriOf(key);
    this.requested.delete(key);
    if (outcome.kind === 'read') {
      this.store(uri, outcome.value.result);
      if (outcome.value.stamp !== undefined) this.stamps.set(key, outcome.value.stamp);
      else this.stamps.delete(key);
      return true;
    }
    // Unsaved editor text is what the reviewer sees, even when the file on disk is gone or
    // unreadable. A document without changes goes with its file: VS Code keeps a closed editor's
    // document in textDocuments for a while, and a deleted file must not linger in the index.
    if (openDocument(uri)?.isDirty) return false;
    if (outcome.kind === 'failed') this.log.warn(`Skipped ${uri.fsPath}: ${outcome.error.message}`);
    return this.forgetNow(uri);
  }

  /** Tells the listeners which files changed: at once, or at the end of the full scan running. */
  private fire(uris: vscode.Uri[]): void {
    if (uris.length === 0) return;
    if (this.holding > 0) {
      for (const uri of uris) this.held.set(uri.toString(), uri);
      return;
    }
    this.emitter.fire(uris);
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
    this.fire(changed);
  }

  /** Every indexed file (stable order: by path). */
  allFiles(): IndexedFile[] {
    // Sorting 10,000 paths with localeCompare takes tens of milliseconds, and the view, the queue
    // and the entity index ask after every change: the order is kept until the set of files changes.
    this.order ??= [...this.files.values()].sort((a, b) => a.uri.path.localeCompare(b.uri.path)).map((file) => file.uri.toString());
    return this.order.map((key) => this.files.get(key)!);
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
    this.holding++;
    try {
      // One search lists the seed files and the ledgers; bare files' statuses come from the
      // ledgers, so those are read first.
      const found = await vscode.workspace.findFiles(SCAN_GLOB, EXCLUDE_GLOB);
      const listingMs = Date.now() - started;
      const ledgerUris: vscode.Uri[] = [];
      const uris: vscode.Uri[] = [];
      for (const uri of found) {
        const name = baseName(uri.path);
        if (name === LEDGER_FILE_NAME) ledgerUris.push(uri);
        else if (isSeedFileName(name)) uris.push(uri);
      }
      await this.ledgers?.loadAll(ledgerUris, uris).catch((error) => this.log.warn(`Reading review ledgers failed: ${error instanceof Error ? error.message : String(error)}`));
      const listedMs = Date.now() - started;
      const ledgersMs = listedMs - listingMs;
      // Reads overlap (the file system answers several at once); the results are taken in slices
      // of a few milliseconds between yields, so a workspace of thousands of files never holds the
      // extension host for long, and is not slowed by one yield (a clamped timer in a browser)
      // per file either. Files indexed before and no longer listed go (a rescan).
      const listed = new Set<string>();
      for (const uri of uris) {
        listed.add(uri.toString());
        this.request(uri, 'read');
      }
      for (const file of [...this.files.values()]) {
        if (!listed.has(file.uri.toString()) && !openDocument(file.uri)) this.request(file.uri, 'remove');
      }
      await this.updates.idle();
      for (const document of vscode.workspace.textDocuments) {
        if (this.indexes(document) && !this.files.has(document.uri.toString())) {
          this.setFromEditor(document);
          this.fire([document.uri]);
        }
      }
      this.lastScan = { files: uris.length, ledgersMs, listingMs, readingMs: Date.now() - started - listedMs };
      this.log.info(`Indexed ${uris.length} seed file(s) in ${Date.now() - started} ms (ledgers ${ledgersMs} ms, listing ${this.lastScan.listingMs} ms, reading and parsing ${this.lastScan.readingMs} ms)`);
    } finally {
      this.holding--;
    }
    // Cross-file findings first, while the scan still counts as running: the publisher keeps
    // closed files' for the one event below instead of publishing them twice.
    this.flushCrossFile();
    this.scanDone = true;
    const changed = [...this.held.values()];
    this.held.clear();
    this.fire(changed);
  }

  /**
   * Decides which files the cross-file checks leave out (`ignore` in `.seed-review.json`), and
   * applies it again to every file: call it again when that answer may have changed.
   */
  setIgnoreFilter(isIgnored: (uri: vscode.Uri) => boolean | Promise<boolean>): void {
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

  private refreshFromDisk(uri: vscode.Uri, created: boolean): void {
    // Unsaved editor text is what the reviewer sees: the change on disk waits for a save or revert.
    if (openDocument(uri)?.isDirty) return;
    if (uri.path.endsWith('.txt') && !isBareSeedFileName(baseName(uri.path))) return;
    // Files being created: the watcher may miss some of their neighbours (all of those written
    // into a folder made a moment before, in code-server), so relist soon after the burst ends.
    if (created) this.relisting.activity(true);
    this.request(uri, 'read');
  }

  /** Forgets every indexed file inside a deleted folder. */
  private removeUnder(folder: vscode.Uri): void {
    const prefix = folder.toString().replace(/\/$/, '') + '/';
    for (const file of [...this.files.values()]) {
      if (file.uri.toString().startsWith(prefix) && !openDocument(file.uri)?.isDirty) this.request(file.uri, 'remove');
    }
    // A deleted watched folder can leave the watcher silent for minutes: relist sooner.
    this.relisting.activity(false);
  }

  /** Forgets a file that is gone (found so by a reader, such as navigation opening it). */
  forget(uri: vscode.Uri): void {
    if (!openDocument(uri) && this.forgetNow(uri)) this.fire([uri]);
  }

  /** Drops a file from the index (no event); true when it was indexed. */
  private forgetNow(uri: vscode.Uri): boolean {
    const key = uri.toString();
    this.results.delete(key);
    this.stamps.delete(key);
    this.markCrossFile(this.checks.remove(key), uri);
    if (!this.files.delete(key)) return false;
    this.order = undefined;
    return true;
  }

  /** Files whose cross-file findings changed: told to the listeners once per turn of the event loop. */
  private markCrossFile(affected: ReadonlySet<string>, changed: vscode.Uri): void {
    if (affected.size === 0) return;
    for (const key of affected) this.crossFileDirty.set(key, key === changed.toString() ? changed : this.files.get(key)?.uri ?? vscode.Uri.parse(key));
    this.crossFileTimer ??= this.scheduler.after(0, () => this.flushCrossFile());
  }

  private flushCrossFile(): void {
    this.crossFileTimer?.cancel();
    this.crossFileTimer = undefined;
    if (this.crossFileDirty.size === 0) return;
    const uris = [...this.crossFileDirty.values()];
    this.crossFileDirty.clear();
    this.crossFileEmitter.fire(uris);
  }

  /** The index's last parse of a file (its editor's or its disk's text), for features that would otherwise read and parse it again. */
  parseOf(uri: vscode.Uri): ParseResult | undefined {
    return this.results.get(uri.toString());
  }

  /**
   * A document closed with nothing unsaved and no edit waiting for the typing debounce: the index
   * holds the parse of its text, which is the file's, so reading the file again would only tell
   * every listener (view, queue, status bar, entity index) of a change that is none. VS Code
   * closes the documents extensions opened once 50 are loaded: one per move through a folder of
   * bare files, each followed by a refresh of everything. Only where the file's stamp can be taken
   * now (the Node host): it is recorded for the next relisting, and a file without one (gone)
   * is read again, which drops it.
   */
  private closedUnchanged(document: vscode.TextDocument): boolean {
    const key = document.uri.toString();
    // Not when the editor's parse differed from the file's: VS Code normalises mixed line endings
    // and lone CRs when it loads a file, so the editor can hold other text (and other problems,
    // SEED016) than the disk without being dirty.
    const sameAsFile = this.sameAsFile.delete(key);
    if (!sameAsFile || document.isDirty || this.pendingEditorUpdates.has(key) || !this.files.has(key) || !this.stampFile) return false;
    const stamp = this.stampFile(document.uri);
    if (stamp === undefined) return false;
    this.stamps.set(key, stamp);
    return true;
  }

  /** Only files of the workspace's folders form its corpus: not untitled scratch text, not files opened from elsewhere. */
  private indexes(document: vscode.TextDocument): boolean {
    return document.languageId === SEED_LANGUAGE_ID && document.uri.scheme !== 'untitled' && vscode.workspace.getWorkspaceFolder(document.uri) !== undefined;
  }

  /**
   * Takes an open editor's newest text now instead of after the typing debounce (the review queue
   * asks before a move, so a status set a moment ago counts). Listeners hear of it if it changed.
   */
  updateNow(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    clearTimeout(this.pendingEditorUpdates.get(key));
    this.pendingEditorUpdates.delete(key);
    this.updateFromEditor(document);
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
    const key = document.uri.toString();
    const before = this.files.get(key);
    const diagnosticsBefore = this.results.get(key)?.diagnostics;
    this.setFromEditor(document);
    const after = this.files.get(key)!;
    // Opening a file the index read from disk changes nothing: its listeners (the view, the queue,
    // the Problems panel, the entity index) need not hear of it. Moving through a folder of bare
    // files opens one per move.
    if (before && diagnosticsBefore && before.errorCount === after.errorCount && before.bare === after.bare
      && sameSummaries(before.documents, after.documents) && sameDiagnostics(diagnosticsBefore, this.results.get(key)!.diagnostics)) {
      this.sameAsFile.add(key);
      return;
    }
    this.fire([document.uri]);
  }

  private setFromEditor(document: vscode.TextDocument): void {
    // The editor's text is what the index holds now, not the disk's as stamped.
    this.stamps.delete(document.uri.toString());
    this.sameAsFile.delete(document.uri.toString());
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
    if (!this.files.has(uri.toString())) this.order = undefined;
    this.files.set(uri.toString(), { uri, documents, errorCount, bare: result.kind === 'bare' });
    this.results.set(uri.toString(), result);
    this.updateChecks(uri, result);
  }

  private updateChecks(uri: vscode.Uri, result: ParseResult): void {
    const key = uri.toString();
    const ignored = this.isIgnored?.(uri) ?? false;
    const take = (ignored: boolean) => this.markCrossFile(ignored ? this.checks.remove(key) : this.checks.update({ uri: key, result }), uri);
    if (typeof ignored === 'boolean') {
      take(ignored);
      return;
    }
    // Not known yet (a project file being read): resolved in the order asked.
    void ignored.then((ignored) => {
      if (this.results.get(key) === result) take(ignored); // else a newer version of the file took over
    }, () => undefined);
  }

  dispose(): void {
    this.disposed = true;
    this.updates.dispose();
    this.relisting.dispose();
    this.crossFileTimer?.cancel();
    for (const timer of this.pendingEditorUpdates.values()) clearTimeout(timer);
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
