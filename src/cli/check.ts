import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { parseSeed } from '../core/parser';
import type { SeedDiagnostic, Severity } from '../core/types';
import { plural } from '../core/wording';
import { CliIO, UsageError } from './io';
import { collectSeedFiles, displayPath, readSeedText } from './seed-files';

const severityOrder: Severity[] = ['error', 'warning', 'information', 'hint'];

/** One diagnostic as `check --format json` prints it: 1-based lines and UTF-16 columns. */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
}

/** `seed-review check PATH... [--format text|json]`: exit 1 when any error was found. */
export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'text' } },
    allowPositionals: true,
  });
  const format = values.format;
  if (format !== 'text' && format !== 'json') throw new UsageError(`--format must be text or json, not "${format}"`);
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder (try: seed-review check corpus.seed)');

  const files = await collectSeedFiles(positionals, io.cwd, (line) => io.err(`seed-review: ${line}`));
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  let unreadable = 0;
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    let text: string;
    try {
      text = await readSeedText(file, shown);
    } catch (error) {
      // One bad file must not hide the problems of the others: say why, go on, exit 2 at the end.
      if (!(error instanceof UsageError)) throw error;
      io.err(`seed-review: ${error.message}`);
      unreadable++;
      continue;
    }
    const result = parseSeed(text, { fileName: path.basename(file) });
    for (const diagnostic of sortDiagnostics(result.diagnostics)) {
      counts[diagnostic.severity]++;
      const json = toJsonDiagnostic(shown, diagnostic);
      io.out(format === 'json' ? JSON.stringify(json) : formatTextDiagnostic(json));
    }
  }
  if (format === 'text') io.out(summaryLine(files.length - unreadable, counts, unreadable));
  if (unreadable > 0) return 2;
  return counts.error > 0 ? 1 : 0;
}

/** Orders diagnostics by position so output reads top to bottom. */
export function sortDiagnostics(diagnostics: readonly SeedDiagnostic[]): SeedDiagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity));
}

/** Converts a 0-based core diagnostic to the CLI's 1-based JSON shape. */
export function toJsonDiagnostic(file: string, diagnostic: SeedDiagnostic): JsonDiagnostic {
  return {
    file,
    line: diagnostic.range.start.line + 1,
    column: diagnostic.range.start.character + 1,
    endLine: diagnostic.range.end.line + 1,
    endColumn: diagnostic.range.end.character + 1,
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
  };
}

function formatTextDiagnostic(d: JsonDiagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`;
}

function summaryLine(fileCount: number, counts: Record<Severity, number>, unreadable: number): string {
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), `${counts.information} information`];
  if (counts.hint) parts.push(plural(counts.hint, 'hint'));
  const notRead = unreadable ? `; ${plural(unreadable, 'file')} could not be read` : '';
  return `${plural(fileCount, 'file')} checked: ${parts.join(', ')}${notRead}`;
}
