import * as vscode from 'vscode';
import { applySeverity, type EffectiveOptions } from '../core/config/project-config';
import type { SeedDiagnostic } from '../core/types';
import type { SeedReviewConfig } from './config';
import { toVsDiagnostic } from './convert';
import { openDocument, ParseCache, SEED_LANGUAGE_ID } from './parse-cache';
import type { ProjectConfigs } from './project-config';

/** Diagnostics that come from outside one file's parse (cross-file checks). */
export interface ExtraDiagnosticSource {
  diagnosticsFor(uri: vscode.Uri): readonly SeedDiagnostic[];
  /** Fires with the files whose extra diagnostics changed. */
  readonly onDidChange: vscode.Event<readonly vscode.Uri[]>;
}

/** Every seed file's own diagnostics as last read from disk (the workspace index), for the workspace scope. */
export interface WorkspaceDiagnosticSource {
  /** Every indexed file. */
  uris(): readonly vscode.Uri[];
  /** The file's own diagnostics, or undefined when it is not indexed. */
  diagnosticsFor(uri: vscode.Uri): readonly SeedDiagnostic[] | undefined;
  /** Fires with the files whose content changed. */
  readonly onDidChange: vscode.Event<readonly vscode.Uri[]>;
  /** Whether the first scan is over (its end fires onDidChange with every file it read). */
  scanned(): boolean;
}

/**
 * Publishes the language service's diagnostics into one collection: immediately when a seed
 * file opens, debounced while the user types. With `seedReview.diagnostics.scope` set to
 * `workspace`, every seed file of the workspace is published from the workspace index (read from
 * disk, kept current by its watchers) and a closed file keeps its problems; with `openFiles` a
 * file's own problems go when it closes. Severity overrides, `off` codes, cross-file checks and
 * ignored files come from the settings of the file's resource and its `.seed-review.json`, and
 * apply at publish time, so changing them needs no reparse.
 */
export class SeedDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('seed');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];
  /** The latest publish per file: an older one that resolves its options later is dropped. */
  private readonly generation = new Map<string, number>();
  private published = new Set<string>();
  /** Resolves when every publish started so far has landed (tests and benchmarks wait on it). */
  private pending = new Set<Promise<void>>();
  /**
   * Collection writes waiting for the end of this turn of the event loop: each write is a message
   * to the workbench, so the thousands of a workspace scan go as a few `set(entries)` calls.
   */
  private readonly writes = new Map<string, [vscode.Uri, vscode.Diagnostic[] | undefined]>();
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  private flushed: Promise<void> = Promise.resolve();
  /** Closed files whose cross-file findings changed during the first scan (published when it ends). */
  private readonly afterScan = new Map<string, vscode.Uri>();

  constructor(
    private readonly cache: ParseCache,
    private readonly config: () => SeedReviewConfig,
    private readonly extra?: ExtraDiagnosticSource,
    private readonly projectConfigs?: ProjectConfigs,
    private readonly workspace?: WorkspaceDiagnosticSource,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.refreshNow(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
    );
    if (extra) {
      this.disposables.push(extra.onDidChange((uris) => {
        // During the first scan every file read changes the cross-file findings: its end
        // publishes each file once with all of them, so closed files wait for it (open ones not).
        const waiting = workspace && !workspace.scanned();
        for (const uri of uris) {
          if (!waiting || openDocument(uri)) this.refreshUri(uri);
          else this.afterScan.set(uri.toString(), uri);
        }
      }));
    }
    if (workspace) {
      this.disposables.push(workspace.onDidChange((uris) => {
        uris.forEach((uri) => this.refreshUri(uri));
        if (this.afterScan.size === 0 || !workspace.scanned()) return;
        // Files the scan did not read itself (reported by a watcher meanwhile) whose cross-file findings changed.
        const done = new Set(uris.map((uri) => uri.toString()));
        for (const [key, uri] of this.afterScan) if (!done.has(key)) this.refreshUri(uri);
        this.afterScan.clear();
      }));
    }
    if (projectConfigs) this.disposables.push(projectConfigs.onDidChange(() => this.refreshAll()));
    this.refreshAll();
  }

  /** Recomputes every open seed document, and in the workspace scope every indexed file (after a settings change). */
  refreshAll(): void {
    const seen = new Set<string>();
    for (const document of vscode.workspace.textDocuments) {
      if (document.languageId !== SEED_LANGUAGE_ID) continue;
      seen.add(document.uri.toString());
      this.refreshNow(document);
    }
    if (this.config().diagnosticsScope === 'workspace' && this.workspace) {
      for (const uri of this.workspace.uris()) if (!seen.has(uri.toString())) this.refreshUri(uri);
    }
    // Files published before whose scope ended (workspace -> openFiles): their problems go.
    for (const key of [...this.published]) {
      if (!seen.has(key) && !(this.config().diagnosticsScope === 'workspace' && this.workspace)) this.refreshUri(vscode.Uri.parse(key));
    }
  }

  /** Publishes diagnostics for a document now, cancelling any pending debounce. */
  refreshNow(document: vscode.TextDocument): void {
    if (document.languageId !== SEED_LANGUAGE_ID) return;
    this.cancel(document.uri.toString());
    this.publish(document.uri, this.cache.get(document).diagnostics);
  }

  /** Resolves when the publishes started so far have landed in the collection. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private schedule(document: vscode.TextDocument): void {
    if (document.languageId !== SEED_LANGUAGE_ID) return;
    const key = document.uri.toString();
    this.cancel(key);
    const delay = this.config().debounceMs;
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      if (!document.isClosed) this.publish(document.uri, this.cache.get(document).diagnostics);
    }, delay));
  }

  private refreshUri(uri: vscode.Uri): void {
    const open = openDocument(uri);
    if (open) this.refreshNow(open);
    else this.publish(uri, this.closedFileDiagnostics(uri));
  }

  /** A closed file's own problems: from the workspace index in the workspace scope, else none. */
  private closedFileDiagnostics(uri: vscode.Uri): readonly SeedDiagnostic[] {
    if (this.config().diagnosticsScope !== 'workspace' || !this.workspace) return [];
    return this.workspace.diagnosticsFor(uri) ?? [];
  }

  private forget(document: vscode.TextDocument): void {
    this.cancel(document.uri.toString());
    // Cross-file findings stay visible for closed files: they describe the workspace, not an editor.
    this.publish(document.uri, this.closedFileDiagnostics(document.uri));
  }

  private publish(uri: vscode.Uri, own: readonly SeedDiagnostic[]): void {
    const key = uri.toString();
    const generation = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, generation);
    // Without project files (tests of the bare service) the window's setting decides; with them,
    // the file's own resource (a folder of a multi-root workspace may turn diagnostics off).
    if (!this.projectConfigs && !this.config().diagnosticsEnabled) {
      this.delete(key, uri);
      return;
    }
    // Known options (a file of the same folder was resolved before): at once, no promise per file.
    const known = this.projectConfigs
      ? this.projectConfigs.optionsNow(uri)
      : { severity: this.config().severityOverrides, crossFileChecks: this.config().crossFileChecks, ignored: false, enabled: true };
    if (known) {
      this.publishWithOptions(uri, key, own, known);
      return;
    }
    const done = this.projectConfigs!.optionsFor(uri).then((options) => {
      if (this.generation.get(key) === generation) this.publishWithOptions(uri, key, own, options);
    }).catch(() => undefined);
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  private publishWithOptions(uri: vscode.Uri, key: string, own: readonly SeedDiagnostic[], options: EffectiveOptions & { enabled: boolean }): void {
    if (options.ignored || options.enabled === false) {
      this.delete(key, uri);
      return;
    }
    const all = this.extra && options.crossFileChecks ? [...own, ...this.extra.diagnosticsFor(uri)] : own;
    const published = applySeverity(all, options.severity).map((diagnostic) => toVsDiagnostic(uri, diagnostic));
    if (published.length === 0) {
      this.delete(key, uri);
    } else {
      this.write(key, uri, published);
      this.published.add(key);
    }
  }

  private delete(key: string, uri: vscode.Uri): void {
    // Nothing published and nothing on its way: no message to the workbench (a scan in the
    // openFiles scope asks this for every closed file of the workspace).
    if (!this.published.has(key) && !this.writes.has(key)) return;
    this.write(key, uri, undefined);
    this.published.delete(key);
  }

  private write(key: string, uri: vscode.Uri, diagnostics: vscode.Diagnostic[] | undefined): void {
    this.writes.set(key, [uri, diagnostics]);
    if (this.flushTimer !== undefined) return;
    this.flushed = new Promise((resolve) => {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined;
        this.flush();
        resolve();
      }, 0);
    });
    const done = this.flushed;
    this.pending.add(done);
    void done.finally(() => this.pending.delete(done));
  }

  private flush(): void {
    const sets: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [...this.writes.values()];
    this.writes.clear();
    // One message for all of them: set(entries) replaces each named file's diagnostics, and an
    // entry of undefined removes them (each write names a file once).
    if (sets.length > 0) this.collection.set(sets);
  }

  private cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(key);
    }
  }

  dispose(): void {
    clearTimeout(this.flushTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
