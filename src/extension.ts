import type * as vscode from 'vscode';
import { activateWith, type SeedReviewHostApi } from './activate';
import { EntityFeatures, registerEntityFeatures } from './features/entities';
import { readFileSync } from 'fs';
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
    readWorkspaceFile: (uri) => {
      if (uri.scheme !== 'file') return undefined;
      // Synchronous on purpose: for the small files of a workspace scan it costs a sixth of the
      // CPU of fs.promises.readFile (10,000 files of 1 KB, this machine: 70-120 ms against
      // 650-730 ms; the callback fs.readFile 420-480 ms), and on a shared 2-core machine CPU is
      // the scan's limit. The parse that follows each read is synchronous too and costs more
      // than the read, so this adds less to any stretch of blocking than the parse already does.
      try {
        return Promise.resolve(readFileSync(uri.fsPath));
      } catch (error) {
        return Promise.reject(error);
      }
    },
  }) as SeedReviewApi | undefined;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
