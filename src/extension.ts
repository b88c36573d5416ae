import type * as vscode from 'vscode';
import { activateWith, type SeedReviewHostApi } from './activate';
import { EntityFeatures, registerEntityFeatures } from './features/entities';
import { readWorkspaceFileSync, stampWorkspaceFileSync } from './node/workspace-file';
import { nodeEntityHost } from './node/node-entity-host';
import { nodeScheduler } from './node/node-scheduler';

/** What the extension hands to its tests in the Node extension host, where every feature runs. */
export interface SeedReviewApi extends SeedReviewHostApi {
  readonly entities: EntityFeatures;
}

/** The Node extension host (desktop, remote, code-server): wiring only. */
export function activate(context: vscode.ExtensionContext): SeedReviewApi | undefined {
  return activateWith(context, {
    kind: 'node',
    scheduler: nodeScheduler,
    registerEntities: (ctx, deps) => registerEntityFeatures(ctx, deps, nodeEntityHost(ctx)),
    readWorkspaceFile: readWorkspaceFileSync,
    stampWorkspaceFile: stampWorkspaceFileSync,
  }) as SeedReviewApi | undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
