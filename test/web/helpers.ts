// Helpers for the web suite, which runs in the browser's web worker extension host: no Node module
// here (the suite is bundled for platform browser), files only through vscode.workspace.fs.
import * as vscode from 'vscode';
import type { SeedReviewHostApi } from '../../src/activate';

/** The extension's id (publisher.name of package.json). */
export const EXTENSION_ID = 'seed-review.seed-review';

/** The API our activated extension exports. */
export function extensionApi(): SeedReviewHostApi {
  const extension = vscode.extensions.getExtension<SeedReviewHostApi>(EXTENSION_ID);
  if (!extension?.exports) throw new Error(`extension ${EXTENSION_ID} is not active or exports no API`);
  return extension.exports;
}

/** A location in the workspace the runner opened (test/workspace), by '/'-separated relative path. */
export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open: the runner must open test/workspace');
  return vscode.Uri.joinPath(folder.uri, ...relative.split('/'));
}

/** A workspace file's text, read as the extension reads it (workspace.fs). */
export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Writes a workspace file through workspace.fs. */
export async function writeText(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
}

/** Opens a workspace file in an editor and returns its document. */
export async function openWorkspaceFile(relative: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relative));
  await vscode.window.showTextDocument(document);
  return document;
}

/** Polls `probe` until it gives a value other than undefined, or throws after `timeoutMs`. */
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

/** The seed diagnostics of a document. */
export function seedDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'seed');
}

/** A diagnostic's code as a string (SEED001...). */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code);
}
