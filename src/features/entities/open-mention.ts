import * as vscode from 'vscode';

/** The command hover links run to open a document at a mention; the only command hovers may run. */
export const OPEN_MENTION_COMMAND = 'seedReview.entities.openMention';

/** A `command:` URI that opens `uri` with the range [line, start..end] selected. */
export function openMentionUri(uri: string, line: number, start: number, end: number): string {
  return `command:${OPEN_MENTION_COMMAND}?${encodeURIComponent(JSON.stringify([uri, line, start, end]))}`;
}

/** Registers the command behind `openMentionUri` links. */
export function registerOpenMention(): vscode.Disposable {
  return vscode.commands.registerCommand(OPEN_MENTION_COMMAND, async (uri: unknown, line: unknown, start: unknown, end: unknown) => {
    if (typeof uri !== 'string' || typeof line !== 'number' || typeof start !== 'number' || typeof end !== 'number') return;
    const selection = new vscode.Range(line, start, line, end);
    await vscode.window.showTextDocument(vscode.Uri.parse(uri), { selection, preview: true });
  });
}
