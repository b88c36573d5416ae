import type * as vscode from 'vscode';
import { activateWith, type SeedReviewHostApi } from '../activate';
import { registerEntityFeatures } from '../features/entities';
import { webEntityHost } from './web-entity-host';
import { createWebScheduler } from './web-scheduler';

/**
 * The browser's web worker extension host (vscode.dev, github.dev, code-server's web host):
 * wiring only. Files are read and written through vscode.workspace.fs, so virtual workspaces work;
 * the entity index runs in Web Workers where the host allows them, else in slices here.
 */
export function activate(context: vscode.ExtensionContext): SeedReviewHostApi | undefined {
  const scheduler = createWebScheduler();
  return activateWith(context, {
    kind: 'web',
    scheduler,
    registerEntities: (ctx, deps) => registerEntityFeatures(ctx, deps, webEntityHost(ctx, scheduler)),
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
