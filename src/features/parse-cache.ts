import * as vscode from 'vscode';
import * as path from 'node:path';
import { parseSeed } from '../core/parser';
import type { ParseResult } from '../core/types';

/** The language id contributed in package.json. */
export const SEED_LANGUAGE_ID = 'seed';

/** Document selector for every provider: seed files on disk and unsaved ones. */
export const seedSelector: vscode.DocumentSelector = [
  { language: SEED_LANGUAGE_ID, scheme: 'file' },
  { language: SEED_LANGUAGE_ID, scheme: 'untitled' },
  { language: SEED_LANGUAGE_ID, scheme: 'vscode-remote' },
  { language: SEED_LANGUAGE_ID, scheme: 'vscode-vfs' },
];

/** The open document of `uri`, if an editor (or an extension) has it open. */
export function openDocument(uri: vscode.Uri | string): vscode.TextDocument | undefined {
  const key = uri.toString();
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

interface Entry {
  version: number;
  result: ParseResult;
}

/**
 * Parses each open seed document once per version and hands the same result to every
 * feature (symbols, folding, diagnostics, code actions, hover...). Entries are dropped when
 * the document closes, so memory follows what is open.
 */
export class ParseCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly subscription: vscode.Disposable;
  /** Counts real parses; tests and benchmarks read it to prove the sharing. */
  parseCount = 0;

  constructor() {
    this.subscription = vscode.workspace.onDidCloseTextDocument((document) => this.entries.delete(document.uri.toString()));
  }

  /** The parse of this exact document version, computed on first use. */
  get(document: vscode.TextDocument): ParseResult {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version) return cached.result;
    const text = document.getText();
    const result = parseSeed(text, { fileName: path.posix.basename(document.uri.path) });
    this.parseCount++;
    this.entries.set(key, { version: document.version, result });
    return result;
  }

  /**
   * The parse of a seed file as the reviewer sees it: the editor's text when it is open (shared
   * with every feature), else the file on disk. Throws when the file cannot be read or is not
   * valid UTF-8: guessing an encoding would corrupt offsets.
   */
  async parseFile(uri: vscode.Uri): Promise<ParseResult> {
    const open = openDocument(uri);
    if (open) return this.get(open);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await vscode.workspace.fs.readFile(uri));
    return parseSeed(text, { fileName: path.posix.basename(uri.path) });
  }

  dispose(): void {
    this.subscription.dispose();
    this.entries.clear();
  }
}
