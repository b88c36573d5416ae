import * as vscode from 'vscode';
import type { Range, RelatedLocation, SeedDiagnostic, Severity, TextEdit } from '../core/types';

/** Core range (plain data) to a VS Code range. */
export function toVsRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

/** VS Code severity for a core severity name. */
export function toVsSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error': return vscode.DiagnosticSeverity.Error;
    case 'warning': return vscode.DiagnosticSeverity.Warning;
    case 'information': return vscode.DiagnosticSeverity.Information;
    case 'hint': return vscode.DiagnosticSeverity.Hint;
  }
}

/** The documentation page each diagnostic code links to from the Problems panel. */
export const diagnosticHelpUri = vscode.Uri.parse('https://github.com/seed-review/seed-review/blob/main/docs/seed-format.md#diagnostics');

/** Converts a core diagnostic; `related` locations without a uri point into `uri`. */
export function toVsDiagnostic(uri: vscode.Uri, diagnostic: SeedDiagnostic, severity: Severity = diagnostic.severity): vscode.Diagnostic {
  const result = new vscode.Diagnostic(toVsRange(diagnostic.range), diagnostic.message, toVsSeverity(severity));
  result.source = 'seed';
  result.code = { value: diagnostic.code, target: diagnosticHelpUri.with({ fragment: diagnostic.code.toLowerCase() }) };
  if (diagnostic.related?.length) {
    result.relatedInformation = diagnostic.related.map((related) => toVsRelated(uri, related));
  }
  return result;
}

function toVsRelated(uri: vscode.Uri, related: RelatedLocation): vscode.DiagnosticRelatedInformation {
  const target = related.uri ? vscode.Uri.parse(related.uri) : uri;
  return new vscode.DiagnosticRelatedInformation(new vscode.Location(target, toVsRange(related.range)), related.message);
}

/** Adds core text edits for one document to a workspace edit. */
export function addEdits(edit: vscode.WorkspaceEdit, uri: vscode.Uri, edits: readonly TextEdit[]): void {
  for (const textEdit of edits) edit.replace(uri, toVsRange(textEdit.range), textEdit.newText);
}

/** The code of a diagnostic we produced, or undefined for other sources. */
export function seedCodeOf(diagnostic: vscode.Diagnostic): string | undefined {
  if (diagnostic.source !== 'seed') return undefined;
  const code = diagnostic.code;
  if (typeof code === 'object' && code !== null) return String(code.value);
  return code === undefined ? undefined : String(code);
}
