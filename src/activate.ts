import * as vscode from 'vscode';
import { registerCodeActions } from './features/code-actions';
import { readConfig, SeedReviewConfig } from './features/config';
import { SeedDiagnostics } from './features/diagnostics';
import { registerDocumentIdHover } from './features/document-hover';
import { OutlineStats, registerDocumentSymbols } from './features/document-symbols';
import type { EntityFeatures } from './features/entities';
import { registerFolding } from './features/folding';
import type { SeedReviewHost } from './features/host/extension-host';
import { ParseCache, trackOpenDocuments } from './features/parse-cache';
import { EntityReportPanel, headlinesFrom, registerEntityReport, reportSourceFromService, reviewStatusesFrom, SHOW_ENTITY_REPORT } from './features/report';
import { registerReviewFeatures, ReviewFeatures } from './features/review';
import { migrateOutlineParagraphs } from './features/settings-migration';
import { WorkspaceSeedIndex } from './features/workspace-index';
import { ProjectConfigs } from './features/project-config';
import { registerCheckTasks } from './features/check-task';
import { LedgerService } from './features/review/ledger-service';
import { registerWalkthrough } from './features/walkthrough';
import { registerWorkspaceSymbols } from './features/workspace-symbols';

export type { SeedReviewHost } from './features/host/extension-host';

/** What the extension hands to its tests (`extension.exports`), in any host. */
export interface SeedReviewHostApi {
  /** Which extension host this is ('node' or 'web'). */
  readonly host: SeedReviewHost['kind'];
  readonly parseCache: ParseCache;
  readonly workspaceIndex: WorkspaceSeedIndex;
  readonly review: ReviewFeatures;
  /** The Problems panel's publisher (tests wait for its publishes to land). */
  readonly diagnostics: SeedDiagnostics;
  /** The named-entity index and its features; undefined where the host cannot run them. */
  readonly entities: EntityFeatures | undefined;
  /** Counters of the outline provider. */
  readonly outline: OutlineStats;
  /** The review ledgers (seed-review.jsonl) of folders of bare seed files. */
  readonly ledgers: LedgerService;
  /** The open Entity Report, if any (tests read what its page rendered). */
  readonly entityReport: () => EntityReportPanel | undefined;
}

/**
 * Activation shared by every extension host: the entry points only choose the host. A failure
 * here is shown to the user with a way to the log, instead of leaving a silently dead extension.
 */
export function activateWith(context: vscode.ExtensionContext, host: SeedReviewHost): SeedReviewHostApi | undefined {
  const log = vscode.window.createOutputChannel('Seed Review', { log: true });
  context.subscriptions.push(log);
  try {
    return wire(context, host, log);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`Activation failed: ${error instanceof Error && error.stack ? error.stack : message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Seed Review could not start: {0}', message), vscode.l10n.t('Show Log')).then((choice) => {
      if (choice) log.show();
    });
    return undefined;
  }
}

function wire(context: vscode.ExtensionContext, host: SeedReviewHost, log: vscode.LogOutputChannel): SeedReviewHostApi {
  // Each part is handed to context.subscriptions as soon as it exists, so a failure further down
  // still disposes what was already running.
  const track = <T extends vscode.Disposable>(disposable: T): T => {
    context.subscriptions.push(disposable);
    return disposable;
  };
  // First: the features below read it from their own document listeners.
  track(trackOpenDocuments());
  let config: SeedReviewConfig = readConfig();
  const cache = track(new ParseCache(host.readWorkspaceFile));
  // Bare seed files' reviews live in their folders' ledgers; every parse of one carries them.
  const ledgers = track(new LedgerService(log));
  cache.setReviewSource(ledgers);
  const workspaceIndex = track(new WorkspaceSeedIndex(cache, log, () => config.debounceMs, host.scheduler, ledgers, host.stampWorkspaceFile));
  const projectConfigs = track(new ProjectConfigs());
  workspaceIndex.setIgnoreFilter((uri) => projectConfigs.ignored(uri));
  track(projectConfigs.onDidChange(() => workspaceIndex.setIgnoreFilter((uri) => projectConfigs.ignored(uri))));
  const diagnostics = track(new SeedDiagnostics(cache, () => config, workspaceIndex.crossFile, projectConfigs, workspaceIndex.ownDiagnostics));
  const entities = host.registerEntities ? track(host.registerEntities(context, { parseCache: cache, workspaceIndex, log, projectConfigs })) : undefined;
  const review = track(registerReviewFeatures(context, { cache, workspaceIndex, entities: entities?.service, ledgers }));
  const outline = track(registerDocumentSymbols(cache, ledgers.onDidChange));
  void migrateOutlineParagraphs({ global: context.globalState, workspace: context.workspaceState }, (message) => {
    void vscode.window.showInformationMessage(message);
  }, log).catch((error) => log.warn(`Settings migration failed: ${error instanceof Error ? error.message : String(error)}`));
  track(registerFolding(cache));
  track(registerCodeActions(cache));
  track(registerWorkspaceSymbols(workspaceIndex));
  track(registerWalkthrough(context));
  track(registerCheckTasks(context));
  if (entities) {
    const reportSource = reportSourceFromService(entities.service, headlinesFrom(workspaceIndex), {
      reviewStatus: reviewStatusesFrom(workspaceIndex), onDidChange: workspaceIndex.onDidChange,
    });
    track(registerEntityReport(context, () => reportSource));
  } else {
    track(registerDocumentIdHover(cache));
    track(vscode.commands.registerCommand(SHOW_ENTITY_REPORT, () => sayLimitation(host, log, true)));
  }
  track(vscode.workspace.onDidChangeConfiguration((event) => {
    if (!event.affectsConfiguration('seedReview')) return;
    config = readConfig();
    diagnostics.refreshAll();
  }));
  log.info(`Seed Review ${context.extension.packageJSON.version} activated in the ${host.kind} extension host`);
  sayLimitation(host, log, false);
  return {
    host: host.kind, parseCache: cache, workspaceIndex, review, diagnostics, entities, outline: outline.stats, ledgers,
    entityReport: () => EntityReportPanel.instance,
  };
}

let limitationShown = false;

/**
 * Tells the user, once per session, what this host cannot do; later asks (a command of a missing
 * feature) get the same sentence again, because they asked.
 */
function sayLimitation(host: SeedReviewHost, log: vscode.LogOutputChannel, asked: boolean): void {
  if (!host.limitation || (limitationShown && !asked)) return;
  limitationShown = true;
  log.warn(host.limitation);
  void vscode.window.showInformationMessage(host.limitation);
}
