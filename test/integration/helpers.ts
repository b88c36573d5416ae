// Helpers for the integration tests, which run inside a real VS Code extension host
// (code-server through scripts/vscode/run-offline.mjs, or VS Code desktop through run-electron.mjs).
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SeedReviewApi } from '../../src/extension';

/** The repository root: out/test/integration/ is three folders below it. */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };

/** The extension's id, publisher.name from package.json (seed-review.seed-review). */
export const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;

/** Returns our extension, activated; throws when VS Code does not know it. */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (!extension) {
    throw new Error(`extension ${EXTENSION_ID} is not loaded: is extensionDevelopmentPath the repo root (${repoRoot})?`);
  }
  await extension.activate();
  return extension;
}

/** The API our activated extension exports (parse cache, workspace index, services). */
export function extensionApi(): SeedReviewApi {
  const extension = vscode.extensions.getExtension<SeedReviewApi>(EXTENSION_ID);
  if (!extension?.exports) throw new Error(`extension ${EXTENSION_ID} is not active or exports no API`);
  return extension.exports;
}

/** The folder the test window opened (test/workspace); throws when no folder is open. */
export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the runner must open test/workspace');
  return folder.uri.fsPath;
}

/** Names of the files at the top of the workspace whose names match `pattern`. */
export function workspaceFiles(pattern: RegExp): string[] {
  return fs.readdirSync(workspaceRoot()).filter((name) => pattern.test(name)).sort();
}

/** Opens a workspace file (path relative to the workspace) in an editor and returns its document. */
export async function openWorkspaceFile(relativePath: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.file(path.join(workspaceRoot(), relativePath));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  return document;
}

/**
 * Polls `probe` until it returns a value other than undefined, or throws after `timeoutMs` with
 * `what` in the message. For results VS Code computes asynchronously (diagnostics, symbols).
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Closes every editor, so each test starts from the same window. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
