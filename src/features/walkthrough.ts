import * as vscode from 'vscode';
import { SEED_LANGUAGE_ID, seedSelector } from './parse-cache';

/** Context keys that complete the walkthrough's steps (package.json `completionEvents`). */
export const WALKTHROUGH_FIXED = 'seedReview.walkthrough.fixed';
export const WALKTHROUGH_HOVERED = 'seedReview.walkthrough.hovered';
/** Run by every quick fix after its edit (see code-actions.ts), so the walkthrough sees a fix applied. */
export const FIX_APPLIED_COMMAND = 'seedReview.walkthrough.fixApplied';

/**
 * The Get Started walkthrough's side: a command that opens the sample corpus shipped with the
 * extension (read through workspace.fs, so it works in the browser too) as an unsaved document,
 * and the context keys its steps wait for: a quick fix applied, a name hovered.
 */
export function registerWalkthrough(context: vscode.ExtensionContext): vscode.Disposable {
  let hovered = false;
  return vscode.Disposable.from(
    vscode.commands.registerCommand('seedReview.walkthrough.openSample', async () => {
      const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', 'sample.seed'));
      const document = await vscode.workspace.openTextDocument({ language: SEED_LANGUAGE_ID, content: new TextDecoder().decode(bytes) });
      await vscode.window.showTextDocument(document);
      return document;
    }),
    vscode.commands.registerCommand(FIX_APPLIED_COMMAND, () => vscode.commands.executeCommand('setContext', WALKTHROUGH_FIXED, true)),
    // Marks the hover step done when the reviewer rests the pointer on a capitalised word of a
    // document's text (a name); it adds nothing to the hover itself.
    vscode.languages.registerHoverProvider(seedSelector, {
      provideHover(document, position) {
        if (hovered) return undefined;
        const range = document.getWordRangeAtPosition(position, /\p{Lu}[\p{L}\p{M}'’-]*/u);
        const line = document.lineAt(position.line).text;
        if (range && !/^(<<<|>>>|#)/.test(line)) {
          hovered = true;
          void vscode.commands.executeCommand('setContext', WALKTHROUGH_HOVERED, true);
        }
        return undefined;
      },
    }),
  );
}
