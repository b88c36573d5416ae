/**
 * `check`'s machine formats: SARIF 2.1.0 (GitHub code scanning, Azure DevOps, IDE viewers) and
 * GitHub Actions workflow commands (annotations on a pull request's changed lines).
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log, ReportingDescriptor, Result } from 'sarif';
import { rules } from '../core/rules';
import type { Severity } from '../core/types';
import { version } from '../../package.json';
import type { FileReport, JsonDiagnostic } from './check';

const SARIF_LEVEL: Record<Severity, Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
const GITHUB_COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/**
 * The SARIF log of a check: every rule with its help text, every result with a region in 1-based
 * lines and UTF-16 columns (`columnKind`), files relative to the working folder (`%SRCROOT%`).
 */
export function sarifLog(reports: readonly FileReport[], cwd: string): Log {
  const ruleIndex = new Map(rules.map((rule, index) => [rule.code as string, index]));
  const descriptors: ReportingDescriptor[] = rules.map((rule) => ({
    id: rule.code,
    name: pascalCase(rule.name),
    shortDescription: { text: rule.name },
    fullDescription: { text: rule.help },
    help: { text: `${rule.name}. ${rule.help}`, markdown: `**${rule.code}: ${rule.name}**\n\n${rule.help}\n\nSee docs/seed-format.md, section Diagnostics.` },
    defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
  }));
  const results: Result[] = [];
  for (const report of reports) {
    const uri = artifactUri(report.shown);
    for (const d of report.diagnostics) {
      results.push({
        ruleId: d.code,
        ruleIndex: ruleIndex.get(d.code),
        level: SARIF_LEVEL[d.severity],
        message: { text: d.message },
        locations: [{
          physicalLocation: {
            artifactLocation: path.isAbsolute(report.shown) ? { uri } : { uri, uriBaseId: '%SRCROOT%' },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: d.range.end.character + 1,
            },
          },
        }],
      });
    }
  }
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'seed-review', version, semanticVersion: version, rules: descriptors } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

/** A path as a SARIF artifact URI: '/'-separated, each segment percent-encoded; absolute paths as file URLs. */
function artifactUri(shown: string): string {
  if (path.isAbsolute(shown)) return pathToFileURL(shown).href;
  return shown.split(path.sep).map(encodeURIComponent).join('/');
}

function pascalCase(words: string): string {
  return words.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')).replace(/^./, (c) => c.toUpperCase());
}

/**
 * A GitHub Actions workflow command for one diagnostic:
 * `::error file=F,line=L,col=C,endLine=EL,endColumn=EC,title=SEED00N::message`. Values are
 * escaped as the runner reads them, so a message with a comma or a newline cannot break the line.
 */
export function githubLine(d: JsonDiagnostic): string {
  const properties = [
    `file=${escapeProperty(d.file.split(path.sep).join('/'))}`,
    `line=${d.line}`, `col=${d.column}`, `endLine=${d.endLine}`, `endColumn=${d.endColumn}`,
    `title=${escapeProperty(d.code)}`,
  ];
  return `::${GITHUB_COMMAND[d.severity]} ${properties.join(',')}::${escapeData(d.message)}`;
}

function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
