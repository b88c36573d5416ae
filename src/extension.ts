import * as vscode from 'vscode';
import { registerCodeActions } from './features/code-actions';
import { readConfig, SeedReviewConfig } from './features/config';
import { SeedDiagnostics } from './features/diagnostics';
import { registerDocumentSymbols } from './features/document-symbols';
import { EntityFeatures, registerEntityFeatures } from './features/entities';
import { registerFolding } from './features/folding';
import { ParseCache } from './features/parse-cache';
import { headlinesFrom, registerEntityReport, reportSourceFromService } from './features/report';
import { registerReviewFeatures, ReviewFeatures } from './features/review';
import { WorkspaceSeedIndex } from './features/workspace-index';
import { registerWorkspaceSymbols } from './features/workspace-symbols';

/** What the extension hands to its tests (`extension.exports`). */
export interface SeedReviewApi {
  readonly parseCache: ParseCache;
  readonly workspaceIndex: WorkspaceSeedIndex;
  readonly review: ReviewFeatures;
  /** The named-entity index and its features. */
  readonly entities: EntityFeatures;
}

/**
 * Wires the features. A failure here is shown to the user with a way to the log, instead of
 * leaving a silently dead extension.
 */
export function activate(context: vscode.ExtensionContext): SeedReviewApi | undefined {
  const log = vscode.window.createOutputChannel('Seed Review', { log: true });
  context.subscriptions.push(log);
  try {
    return wire(context, log);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Activation failed: ${error instanceof Error && error.stack ? error.stack : message}`);
    void vscode.window.showErrorMessage(`Seed Review could not start: ${message}`, 'Show Log').then((choice) => {
      if (choice) log.show();
    });
    return undefined;
  }
}

function wire(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): SeedReviewApi {
  // Each part is handed to context.subscriptions as soon as it exists, so a failure further down
  // still disposes what was already running.
  const track = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  let config: SeedReviewConfig = readConfig();
  const cache = track(new ParseCache());
  const workspaceIndex = track(new WorkspaceSeedIndex(cache, log, () => config.debounceMs));
  const diagnostics = track(new SeedDiagnostics(cache, () => config, workspaceIndex.crossFile));
  const entities = track(registerEntityFeatures(context, { parseCache: cache, workspaceIndex, log }));
  const review = track(registerReviewFeatures(context, { cache, workspaceIndex, entities: entities.service }));
  const reportSource = reportSourceFromService(entities.service, headlinesFrom(workspaceIndex));
  track(registerDocumentSymbols(cache));
  track(registerFolding(cache));
  track(registerCodeActions(cache));
  track(registerWorkspaceSymbols(workspaceIndex));
  track(registerEntityReport(context, () => reportSource));
  track(vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration('seedReview')) return;
    config = readConfig();
    diagnostics.refreshAll();
  }));
  log.info(`Seed Review ${context.extension.packageJSON.version} activated`);
  return { parseCache: cache, workspaceIndex, review, entities };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
