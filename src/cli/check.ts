import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { applySeverity, effectiveOptions, ProjectConfigResolver, type ConfigProblem, type EffectiveOptions } from '../core/config/project-config';
import { fixText } from '../core/fix-text';
import { describeFileError } from '../core/host/file-system';
import { encodeSeedText } from '../core/host/seed-text';
import { parseSeed } from '../core/parser';
import type { ParseResult, SeedDiagnostic, Severity } from '../core/types';
import { plural } from '../core/wording';
import { checkWorkspace } from '../core/workspace-checks';
import { nodeFileSystem } from '../node/node-file-system';
import { githubLine, sarifLog } from './check-formats';
import { CliIO, UsageError } from './io';
import { collectSeedFiles, displayPath, readSeedText } from './seed-files';

const severityOrder: Severity[] = ['error', 'warning', 'information', 'hint'];
const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = typeof FORMATS[number];

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

/** One file as check reads it. */
interface CheckedFile {
  path: string;
  shown: string;
  text: string;
  result: ParseResult;
  options: EffectiveOptions;
}

/** A file's diagnostics as they are reported, with the file they belong to. */
export interface FileReport {
  shown: string;
  diagnostics: SeedDiagnostic[];
}

/**
 * `seed-review check PATH... [--format text|json|sarif|github] [--fix | --fix-dry-run]
 * [--max-warnings N] [--quiet] [-o FILE]`: every file's own diagnostics, then SEED012/SEED013
 * across all files given, with the nearest `.seed-review.json` applied to each. Exit 1 when an
 * error was found or there are more warnings than --max-warnings; exit 2 when a file or a
 * project file could not be read.
 */
export async function checkCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'text' },
      fix: { type: 'boolean', default: false },
      'fix-dry-run': { type: 'boolean', default: false },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      output: { type: 'string', short: 'o' },
    },
    allowPositionals: true,
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS.at(-1)}, not "${values.format}"`);
  if (positionals.length === 0) throw new UsageError('check needs at least one file or folder (try: seed-review check corpus.seed)');
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run exclude each other: --fix-dry-run prints what --fix would write');
  const maxWarnings = values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']);
  if (maxWarnings !== undefined && !(Number.isInteger(maxWarnings) && maxWarnings >= 0)) {
    throw new UsageError(`--max-warnings must be a whole number, 0 or more, not "${values['max-warnings']}"`);
  }

  const files = await collectSeedFiles(positionals, io.cwd, (line) => io.err(`seed-review: ${line}`));
  const resolver = new ProjectConfigResolver(nodeFileSystem);
  const configProblems = new Map<string, ConfigProblem[]>();
  const checked: CheckedFile[] = [];
  let unreadable = 0;
  const progress = progressReporter(io, files.length);
  for (const file of files) {
    progress.tick();
    const project = await resolver.forFile(file);
    if (project && project.problems.length > 0) configProblems.set(project.location, project.problems);
    const options = effectiveOptions(file, project?.config);
    if (options.ignored) continue;
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
    checked.push({ path: file, shown, text, result: parseSeed(text, { fileName: path.basename(file) }), options });
  }
  progress.done();
  if (configProblems.size > 0) {
    // A broken project file would change what is reported: nothing is checked until it is fixed.
    for (const problems of configProblems.values()) {
      for (const p of problems) io.err(`seed-review: ${displayPath(p.location, io.cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}`);
    }
    return 2;
  }

  const fixing = values.fix || values['fix-dry-run'];
  let fixedFiles = 0;
  let unwritable = 0;
  if (fixing) {
    for (const file of checked) {
      const fixed = fixText(file.text, path.basename(file.path), (d) => applySeverity(d, file.options.severity));
      // Files without fixes are never written (eslint's rule): their bytes and times stay as they are.
      if (fixed.passes.length === 0) continue;
      fixedFiles++;
      if (values['fix-dry-run']) {
        io.out(createTwoFilesPatch(`a/${file.shown}`, `b/${file.shown}`, file.text, fixed.text, '', '').replace(/^=+\n/, '').trimEnd());
      } else {
        try {
          await nodeFileSystem.writeFileAtomic(file.path, encodeSeedText(fixed.text));
        } catch (error) {
          io.err(`seed-review: ${file.shown}: cannot write the fixes: ${describeFileError(error)}`);
          unwritable++;
          continue;
        }
        file.text = fixed.text;
        file.result = fixed.result;
      }
    }
  }

  const reports = reportsOf(checked, values.quiet ?? false);
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) for (const d of report.diagnostics) counts[d.severity]++;

  const lines: string[] = [];
  if (format === 'sarif') {
    lines.push(JSON.stringify(sarifLog(reports, io.cwd), null, 2));
  } else if (!values['fix-dry-run']) {
    for (const report of reports) {
      for (const diagnostic of report.diagnostics) {
        const json = toJsonDiagnostic(report.shown, diagnostic);
        lines.push(format === 'json' ? JSON.stringify(json) : format === 'github' ? githubLine(json) : formatTextDiagnostic(json));
      }
    }
  }
  if (format === 'text') {
    lines.push(summaryLine(checked.length, counts, unreadable, unwritable));
    if (values.fix && fixedFiles > 0) lines.push(`fixed ${plural(fixedFiles, 'file')}; the problems above remain`);
    if (values['fix-dry-run']) lines.push(fixedFiles > 0 ? `--fix would change ${plural(fixedFiles, 'file')}` : '--fix would change nothing');
  }
  const tooManyWarnings = maxWarnings !== undefined && counts.warning > maxWarnings;
  if (tooManyWarnings) io.err(`seed-review: ${plural(counts.warning, 'warning')}, more than --max-warnings ${maxWarnings}`);

  if (values.output) {
    const output = path.resolve(io.cwd, values.output);
    try {
      await nodeFileSystem.writeFileAtomic(output, encodeSeedText(lines.map((line) => line + '\n').join('')));
    } catch (error) {
      throw new UsageError(`${values.output}: cannot write: ${describeFileError(error)}`);
    }
  } else {
    for (const line of lines) io.out(line);
  }
  if (unreadable > 0 || unwritable > 0) return 2;
  return counts.error > 0 || tooManyWarnings ? 1 : 0;
}

/** Each file's diagnostics as reported: its own, then the cross-file ones, with the overrides applied. */
function reportsOf(checked: readonly CheckedFile[], quiet: boolean): FileReport[] {
  const crossFile = checkWorkspace(checked.map((file) => ({ uri: file.path, result: file.result })));
  return checked.map((file) => {
    const cross = file.options.crossFileChecks ? crossFile.get(file.path) ?? [] : [];
    const all = applySeverity([...file.result.diagnostics, ...cross], file.options.severity);
    return { shown: file.shown, diagnostics: sortDiagnostics(quiet ? all.filter((d) => d.severity === 'error') : all) };
  });
}

/** Progress on stderr while checking many files, only when stderr is a terminal (never in CI logs or pipes). */
function progressReporter(io: CliIO, total: number): { tick(): void; done(): void } {
  const show = io.progress;
  if (!show || total < 100) return { tick: () => undefined, done: () => undefined };
  let count = 0;
  let last = 0;
  return {
    tick() {
      count++;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      show(`checking ${count}/${total} files`);
    },
    done: () => show(''),
  };
}

/** Orders diagnostics by position so output reads top to bottom. */
export function sortDiagnostics(diagnostics: readonly SeedDiagnostic[]): SeedDiagnostic[] {
  return [...diagnostics].sort((a, b) =>
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    severityOrder.indexOf(a.severity) - severityOrder.indexOf(b.severity) ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
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

function summaryLine(fileCount: number, counts: Record<Severity, number>, unreadable: number, unwritable: number): string {
  const parts = [plural(counts.error, 'error'), plural(counts.warning, 'warning'), `${counts.information} information`];
  if (counts.hint) parts.push(plural(counts.hint, 'hint'));
  const notRead = unreadable ? `; ${plural(unreadable, 'file')} could not be read` : '';
  const notWritten = unwritable ? `; ${plural(unwritable, 'file')} could not be written` : '';
  return `${plural(fileCount, 'file')} checked: ${parts.join(', ')}${notRead}${notWritten}`;
}
