import * as vscode from 'vscode';
import type { ParseCache } from '../parse-cache';
import type { WorkspaceSeedIndex } from '../workspace-index';
import { registerBundleCommands } from './bundle-commands';
import { registerReviewCodeLens, ReviewCodeLensProvider } from './codelens';
import { CorpusTreeProvider } from './corpus-tree';
import type { EntitySource } from './entity-source';
import { registerNavigation } from './navigation';
import { QueuePreloader } from './preload';
import { ReviewQueueService } from './queue';
import { ReviewStatusBar } from './status-bar';
import { registerStatusCommands } from './status-commands';
import type { LedgerService } from './ledger-service';

export type { EntitySource, EntityMention } from './entity-source';

/** What the review features need from the wiring. */
export interface ReviewDeps {
  cache: ParseCache;
  workspaceIndex: WorkspaceSeedIndex;
  /** The named-entity index, when it exists; it can also be set later with setEntitySource. */
  entities?: EntitySource;
  /** The review ledgers of folders of bare seed files. */
  ledgers: LedgerService;
}

/** The review features, as one disposable; the parts are exposed for tests and for late wiring. */
export interface ReviewFeatures extends vscode.Disposable {
  readonly corpusTree: CorpusTreeProvider;
  readonly statusBar: ReviewStatusBar;
  readonly codeLens: ReviewCodeLensProvider;
  /** The review queue across the workspace (navigation, progress). */
  readonly queue: ReviewQueueService;
  /** Loads the next file of the queue in the background. */
  readonly preload: QueuePreloader;
  /** The entity index in use, if any. */
  readonly entitySource: EntitySource | undefined;
  /** Plugs in (or replaces) the entity index; CodeLens and the tree refresh. */
  setEntitySource(source: EntitySource | undefined): void;
}

/**
 * Registers the review workflow: status and note commands, CodeLens, navigation, the Seed
 * Corpus tree, the status bar item and bundle/split commands. Push the result into
 * context.subscriptions.
 */
export function registerReviewFeatures(_context: vscode.ExtensionContext, deps: ReviewDeps): ReviewFeatures {
  let entities = deps.entities;
  let entitySubscription: vscode.Disposable | undefined;
  const disposables: vscode.Disposable[] = [];
  const lens = registerReviewCodeLens(deps.cache, () => entities);
  const corpusTree = new CorpusTreeProvider(deps.cache, deps.workspaceIndex, () => entities);
  const queue = new ReviewQueueService(deps.workspaceIndex);
  const statusBar = new ReviewStatusBar(deps.cache, deps.workspaceIndex, queue);
  const preload = new QueuePreloader(queue);
  disposables.push(
    queue,
    registerStatusCommands(deps.cache, deps.ledgers, () => corpusTree.view.selection),
    preload,
    registerNavigation(deps.cache, queue, preload, () => entities?.noteInteraction?.()),
    lens.disposable,
    corpusTree,
    statusBar,
    registerBundleCommands(),
  );
  // A ledger change (a command, git pull, another window) shows in the lenses too.
  disposables.push(deps.ledgers.onDidChange(() => lens.provider.refresh()));
  const setEntitySource = (source: EntitySource | undefined) => {
    entitySubscription?.dispose();
    entities = source;
    // Only the lenses show live entity counts (the tree's entity filter keeps the documents it
    // found when it was set), so an index change redraws the tree no more.
    entitySubscription = source?.onDidChange?.(() => lens.provider.entitiesChanged());
    lens.provider.refresh();
    corpusTree.refresh();
  };
  setEntitySource(entities);
  return {
    corpusTree,
    statusBar,
    codeLens: lens.provider,
    queue,
    preload,
    setEntitySource,
    get entitySource() {
      return entities;
    },
    dispose: () => {
      entitySubscription?.dispose();
      disposables.forEach((d) => d.dispose());
    },
  };
}
