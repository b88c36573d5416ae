import * as vscode from 'vscode';
import { activateWith, type SeedReviewHostApi } from '../activate';
import { createWebScheduler } from './web-scheduler';

/**
 * The browser's web worker extension host (vscode.dev, github.dev, code-server's web host):
 * wiring only. Files are read and written through vscode.workspace.fs, so virtual workspaces work.
 */
export function activate(context: vscode.ExtensionContext): SeedReviewHostApi | undefined {
  return activateWith(context, {
    kind: 'web',
    scheduler: createWebScheduler(),
    limitation: vscode.l10n.t('Seed Review in the browser: entity features (name hovers, references, the Entity Report) are not available here yet; everything else works.'),
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
