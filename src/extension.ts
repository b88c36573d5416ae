import * as vscode from 'vscode';

/** Wires the extension's features; features are added as they are built. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Seed Review', { log: true });
  context.subscriptions.push(log);
  log.info('Seed Review activated');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
