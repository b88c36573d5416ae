import * as vscode from 'vscode';
import { combinePreferredFixes } from '../core/fix-all';
import type { QuickFix, SeedDiagnostic } from '../core/types';
import { addEdits, seedCodeOf, toVsRange } from './convert';
import { ParseCache, seedSelector } from './parse-cache';
import { FIX_APPLIED_COMMAND } from './walkthrough';

/** Code-action kind for "fix everything certain" on save (`editor.codeActionsOnSave`). */
export const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('seed');

/**
 * Offers the language service's quick fixes for the diagnostics under the cursor, a
 * "fix all of this kind in the file" action, and a source.fixAll.seed action.
 * Fixes are looked up in the parse of the current version, so a stale diagnostic never
 * produces an edit at the wrong place.
 */
export class SeedCodeActionProvider implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, fixAllKind],
  };

  constructor(private readonly cache: ParseCache) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext, token: vscode.CancellationToken): vscode.CodeAction[] | undefined {
    const diagnostics = this.cache.get(document).diagnostics;
    const actions: vscode.CodeAction[] = [];
    if (context.only && context.only.contains(fixAllKind)) return [this.fixAll(document, diagnostics, undefined)].filter(isAction);
    const offeredFixAll = new Set<string>();
    for (const shown of context.diagnostics) {
      if (token.isCancellationRequested) return undefined;
      const code = seedCodeOf(shown);
      if (!code) continue;
      const match = diagnostics.find((candidate) => candidate.code === code && toVsRange(candidate.range).isEqual(shown.range));
      if (!match) continue;
      for (const fix of match.fixes) actions.push(this.quickFix(document, fix, shown));
      const sameKind = diagnostics.filter((candidate) => candidate.code === code && candidate.fixes.length > 0);
      if (sameKind.length > 1 && !offeredFixAll.has(code)) {
        offeredFixAll.add(code);
        const all = this.fixAll(document, sameKind, code);
        if (all) actions.push(all);
      }
    }
    return actions;
  }

  private quickFix(document: vscode.TextDocument, fix: QuickFix, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = fix.isPreferred;
    action.edit = new vscode.WorkspaceEdit();
    addEdits(action.edit, document.uri, fix.edits);
    // Runs after the edit: the walkthrough's "fix a problem" step is done.
    action.command = { command: FIX_APPLIED_COMMAND, title: '' };
    return action;
  }

  /** One edit applying the preferred fix of each diagnostic; overlapping fixes are left for a second pass. */
  private fixAll(document: vscode.TextDocument, diagnostics: readonly SeedDiagnostic[], code: string | undefined): vscode.CodeAction | undefined {
    const edits = combinePreferredFixes(diagnostics);
    if (edits.length === 0) return undefined;
    const title = code ? `Fix all ${code} problems in this file` : 'Fix all certain seed problems in this file';
    const action = new vscode.CodeAction(title, code ? vscode.CodeActionKind.QuickFix : fixAllKind);
    action.edit = new vscode.WorkspaceEdit();
    addEdits(action.edit, document.uri, edits);
    return action;
  }
}

function isAction(action: vscode.CodeAction | undefined): action is vscode.CodeAction {
  return action !== undefined;
}

/** Registers quick fixes for seed files. */
export function registerCodeActions(cache: ParseCache): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider(seedSelector, new SeedCodeActionProvider(cache), SeedCodeActionProvider.metadata);
}
