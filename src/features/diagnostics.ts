import * as vscode from 'vscode';
import type { SeedDiagnostic } from '../core/types';
import type { SeedReviewConfig } from './config';
import { toVsDiagnostic } from './convert';
import { openDocument, ParseCache, SEED_LANGUAGE_ID } from './parse-cache';

/** Diagnostics that come from outside one file's parse (cross-file checks). */
export interface ExtraDiagnosticSource {
  diagnosticsFor(uri: vscode.Uri): readonly SeedDiagnostic[];
  /** Fires with the files whose extra diagnostics changed. */
  readonly onDidChange: vscode.Event<readonly vscode.Uri[]>;
}

/**
 * Publishes the language service's diagnostics into one collection: immediately when a seed
 * file opens, debounced while the user types, cleared when it closes. Severity overrides and
 * the on/off switch come from settings and apply at publish time, so changing them needs no reparse.
 */
export class SeedDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('seed');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly cache: ParseCache,
    private readonly config: () => SeedReviewConfig,
    private readonly extra?: ExtraDiagnosticSource,
  ) {
    this.disposables.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((document) => this.refreshNow(document)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length > 0) this.schedule(event.document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document)),
    );
    if (extra) this.disposables.push(extra.onDidChange((uris) => uris.forEach((uri) => this.refreshUri(uri))));
    this.refreshAll();
  }

  /** Recomputes every open seed document (after a settings change). */
  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.refreshNow(document);
  }

  /** Publishes diagnostics for a document now, cancelling any pending debounce. */
  refreshNow(document: vscode.TextDocument): void {
    if (document.languageId !== SEED_LANGUAGE_ID) return;
    this.cancel(document.uri.toString());
    this.publish(document.uri, this.cache.get(document).diagnostics);
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
    else this.publish(uri, []);
  }

  private forget(document: vscode.TextDocument): void {
    this.cancel(document.uri.toString());
    // Cross-file findings stay visible for closed files: they describe the workspace, not an editor.
    this.publish(document.uri, []);
  }

  private publish(uri: vscode.Uri, own: readonly SeedDiagnostic[]): void {
    const config = this.config();
    if (!config.diagnosticsEnabled) {
      this.collection.delete(uri);
      return;
    }
    const all = this.extra && config.crossFileChecks ? [...own, ...this.extra.diagnosticsFor(uri)] : own;
    const published: vscode.Diagnostic[] = [];
    for (const diagnostic of all) {
      const override = config.severityOverrides[diagnostic.code];
      if (override === 'off') continue;
      published.push(toVsDiagnostic(uri, diagnostic, override ?? diagnostic.severity));
    }
    if (published.length === 0) this.collection.delete(uri);
    else this.collection.set(uri, published);
  }

  private cancel(key: string): void {
    const timer = this.timers.get(key);
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(key);
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
