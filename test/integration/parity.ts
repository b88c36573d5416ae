// What the parity tests compare: `seed-review check --format json` (dist/cli.js through
// bin/seed-review.js) and the editor's diagnostics, each as one line per diagnostic
// ("file:line:col-endLine:endCol severity code message", 1-based like check prints them), sorted.
// Shared by check-parity.test.ts (one folder) and multi-root/ (one run of check per folder).
import { spawnSync } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { repoRoot } from './helpers';

/** One diagnostic as `check --format json` prints it. */
export interface CheckedDiagnostic {
  file: string;
  code: string;
  severity: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

const SEVERITY: Record<number, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'information',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

/** The line a diagnostic is compared by. */
export const diagnosticKey = (d: CheckedDiagnostic): string => `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.code} ${d.message}`;

/** Runs `seed-review check . --format json` in `folder`; returns what it printed (stderr must be empty) and its exit code. */
export function cliCheck(folder: string): { diagnostics: CheckedDiagnostic[]; status: number | null; stderr: string } {
  const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'seed-review.js'), 'check', '.', '--format', 'json'], {
    cwd: folder, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  const diagnostics = cli.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as CheckedDiagnostic);
  return { diagnostics, status: cli.status, stderr: cli.stderr };
}

/** The editor's Seed Review diagnostics of `files` (paths relative to `folder`), as check would print them. */
export function editorDiagnostics(folder: string, files: readonly string[]): CheckedDiagnostic[] {
  const found: CheckedDiagnostic[] = [];
  for (const file of files) {
    const uri = vscode.Uri.file(path.join(folder, file));
    for (const d of vscode.languages.getDiagnostics(uri)) {
      if (d.source !== 'seed') continue;
      const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
      found.push({
        file: file.split(path.sep).join('/'), code, severity: SEVERITY[d.severity], message: d.message,
        line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
      });
    }
  }
  return found;
}

/** Sorted comparison lines. */
export function keys(diagnostics: readonly CheckedDiagnostic[]): string[] {
  return diagnostics.map(diagnosticKey).sort();
}
