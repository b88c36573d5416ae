/**
 * The project file `.seed-review.json`: what a team shares about its corpus (per-code severity,
 * cross-file checks, lexicon, files to leave alone), found by walking up from each seed file, the
 * nearest one applying, as eslint and markdownlint-cli2 find theirs. The editor and the command
 * line both resolve it here, through the host's file system, so they give the same answer.
 *
 * The file is JSON with comments (and trailing commas), read with jsonc-parser so that a syntax
 * error has an exact position.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { minimatch } from 'minimatch';
import { baseName, parentLocation, type HostFileSystem } from '../host/file-system';
import { decodeSeedText } from '../host/seed-text';
import { isDiagnosticCode, rules } from '../rules';
import { LineIndex } from '../text-edits';
import { folderAbove, NearestFileFinder, type NearestFile } from './nearest-file';
import type { DiagnosticCode, Range, SeedDiagnostic, Severity } from '../types';

/** The project file's name. */
export const PROJECT_CONFIG_FILE = '.seed-review.json';

/** A per-code severity override; 'off' hides the code. */
export type SeverityOverride = Severity | 'off';

const SEVERITIES: readonly string[] = ['error', 'warning', 'information', 'hint', 'off'];
const KEYS: readonly string[] = ['$schema', 'severity', 'crossFileChecks', 'lexicon', 'ignore'];

/** One `.seed-review.json`, as read. Parts with problems are left out; the rest applies. */
export interface ProjectConfig {
  /** The file's location. */
  location: string;
  /** The folder that holds it: `ignore` globs are relative to it. */
  folder: string;
  severity: Partial<Record<DiagnosticCode, SeverityOverride>>;
  crossFileChecks?: boolean;
  /** The `lexicon` value as written (core/entities/lexicon.ts reads it). */
  lexicon?: unknown;
  ignore: string[];
}

/** Something wrong in a project file, with where (0-based, UTF-16, as diagnostics). */
export interface ConfigProblem {
  location: string;
  range: Range;
  message: string;
}

/** A project file read: its config (undefined when it could not be read at all) and its problems. */
export interface ProjectConfigResult {
  location: string;
  config?: ProjectConfig;
  problems: ConfigProblem[];
  /**
   * The file's text as the editor shows it (decoded, without a BOM), when it could be decoded:
   * the lexicon places the problems of its entries in it (core/entities/lexicon-files.ts), so
   * the file is not read a second time for them.
   */
  text?: string;
}

/**
 * Reads a project file's text. A syntax error makes the whole file unusable (nothing applies, so
 * a half-read file never changes what is reported); a value of the wrong shape is a problem and
 * is left out, the rest applies.
 */
export function parseProjectConfig(text: string, location: string): ProjectConfigResult {
  const lines = new LineIndex(text);
  const at = (offset: number, length: number): Range => ({ start: lines.positionAt(offset), end: lines.positionAt(offset + Math.max(length, 1)) });
  const errors: ParseError[] = [];
  // A BOM is not JSON; LineIndex does not count it either, so offsets stay aligned.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const root = parseTree(text.slice(bom), errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    return {
      location,
      problems: errors.map((e) => ({ location, range: at(e.offset + bom, e.length), message: `${syntaxWords(printParseErrorCode(e.error))}; this file is not used until it is fixed` })),
    };
  }
  const problems: ConfigProblem[] = [];
  const problem = (node: Node | undefined, message: string) => problems.push({ location, range: node ? at(node.offset + bom, node.length) : at(0, 0), message });
  const config: ProjectConfig = { location, folder: parentLocation(location), severity: {}, ignore: [] };
  if (!root || root.type !== 'object') {
    problem(root, 'expected an object, for example { "severity": { "SEED011": "off" } }');
    return { location, config, problems };
  }
  for (const property of root.children ?? []) {
    const keyNode = property.children?.[0];
    const key = keyNode?.value as string;
    if (!KEYS.includes(key)) problem(keyNode, `unknown setting "${key}"; expected one of ${KEYS.slice(1).join(', ')}`);
  }
  const severity = findNodeAtLocation(root, ['severity']);
  if (severity) {
    if (severity.type !== 'object') problem(severity, '"severity" must be an object of codes, for example { "SEED011": "off" }');
    for (const property of severity.type === 'object' ? severity.children ?? [] : []) {
      const [keyNode, value] = property.children ?? [];
      const code = keyNode?.value as string;
      if (!isDiagnosticCode(code)) problem(keyNode, `"${code}" is not a diagnostic code (${rules[0].code} to ${rules[rules.length - 1].code})`);
      else if (typeof value?.value !== 'string' || !SEVERITIES.includes(value.value)) problem(value, `the severity of ${code} must be one of ${SEVERITIES.join(', ')}`);
      else config.severity[code] = value.value as SeverityOverride;
    }
  }
  const cross = findNodeAtLocation(root, ['crossFileChecks']);
  if (cross) {
    if (typeof cross.value === 'boolean') config.crossFileChecks = cross.value;
    else problem(cross, '"crossFileChecks" must be true or false');
  }
  const lexicon = findNodeAtLocation(root, ['lexicon']);
  if (lexicon) {
    if (lexicon.type === 'object') config.lexicon = nodeValue(lexicon);
    else problem(lexicon, '"lexicon" must be an object (entities, ignore, types), as in .seed-entities.json');
  }
  const ignore = findNodeAtLocation(root, ['ignore']);
  if (ignore) {
    if (ignore.type !== 'array') problem(ignore, '"ignore" must be a list of globs, for example ["drafts/**"]');
    for (const item of ignore.type === 'array' ? ignore.children ?? [] : []) {
      if (typeof item.value === 'string' && item.value.trim() !== '') config.ignore.push(item.value);
      else problem(item, 'each "ignore" entry must be a glob such as "drafts/**"');
    }
  }
  problems.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return { location, config, problems };
}

function nodeValue(node: Node): unknown {
  if (node.type === 'object') return Object.fromEntries((node.children ?? []).map((p) => [p.children?.[0]?.value as string, p.children?.[1] ? nodeValue(p.children[1]) : undefined]));
  if (node.type === 'array') return (node.children ?? []).map(nodeValue);
  return node.value;
}

function syntaxWords(code: string): string {
  // jsonc-parser names errors in CamelCase ("CommaExpected"): say them as a sentence.
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return `invalid JSON: ${words}`;
}

/** ProjectConfigResolver.forFileNow's answer when the file's folder was not resolved yet. */
export const NOT_RESOLVED: unique symbol = Symbol('not resolved');

/**
 * Finds the project file that applies to each seed file, through the host's file system. Each
 * folder is asked once (cached), so a corpus of thousands of files costs one look per folder, and
 * each project file is read and parsed once, whoever asks: one resolver serves every consumer of
 * a host (in the editor the settings and problems of ProjectConfigs and the lexicon of
 * LexiconSource; in the CLI a command). `recheck` reads again, once, what was read, after a
 * change; `clear` forgets everything.
 */
export class ProjectConfigResolver {
  /** The walk up from a file and what each folder holds (read once per folder). */
  private readonly finder: NearestFileFinder;
  /** Each project file found, parsed once. */
  private readonly parsed = new Map<string, ProjectConfigResult>();
  /** The answer for every file of a folder, once a file of it was resolved (see `forFileNow`). */
  private readonly answered = new Map<string, ProjectConfigResult | undefined>();
  /** Grows with each `clear` or change: an answer found before it is not kept after it. */
  private generation = 0;
  /** The `recheck` calls, one after the other (each compares with what the previous one read). */
  private changes: Promise<unknown> = Promise.resolve();

  constructor(fs: HostFileSystem) {
    this.finder = new NearestFileFinder(fs, PROJECT_CONFIG_FILE);
  }

  /** The nearest project file above `file` (its own folder first), or undefined when there is none. */
  async forFile(file: string): Promise<ProjectConfigResult | undefined> {
    const generation = this.generation;
    const nearest = await this.finder.forFile(file);
    // Parsed and kept only when no clear() came meanwhile (the bytes may be from before it).
    const found = nearest && (generation === this.generation ? this.parse(nearest) : parseProjectFile(nearest));
    const own = folderAbove(file);
    if (own !== undefined && generation === this.generation) this.answered.set(own, found);
    return found;
  }

  /**
   * What `forFile` would answer, without waiting, when a file of the same folder was resolved
   * already (the project file or its absence); NOT_RESOLVED otherwise. A scan of 10,000 files in
   * a few folders decides each file at once instead of with a chain of promises per file.
   */
  forFileNow(file: string): ProjectConfigResult | undefined | typeof NOT_RESOLVED {
    const own = folderAbove(file);
    if (own === undefined) return undefined;
    return this.answered.has(own) ? this.answered.get(own) : NOT_RESOLVED;
  }

  /**
   * A project file was created, changed or deleted (a file watcher, a save in the editor), or
   * may have been (a file above every workspace folder is not watched): reads again, once each,
   * the folders looked in so far, as forgetting everything would have them read, and parses again
   * only the files whose bytes differ. Answers the project files that differ (created, changed or
   * deleted): the consumers must ask again. None when every read found the same, as when a save in
   * the editor is followed by the watcher's event for it: nothing is parsed or announced again.
   */
  recheck(): Promise<string[]> {
    const next = this.changes.then(() => this.reread());
    this.changes = next.catch(() => undefined);
    return next;
  }

  private async reread(): Promise<string[]> {
    // Answers being found meanwhile may hold the old bytes: not kept (see forFile).
    this.generation++;
    const differing = (await this.finder.rereadAll()).filter(({ before, after }) => !sameFile(before, after));
    if (differing.length === 0) return [];
    this.generation++;
    const locations = new Set(differing.flatMap(({ before, after }) => [before?.location, after?.location]).filter((l) => l !== undefined));
    for (const location of locations) this.parsed.delete(location);
    this.answered.clear();
    return [...locations];
  }

  /** Forgets what was read (after a project file was created, changed or deleted). */
  clear(): void {
    this.generation++;
    this.finder.clear();
    this.parsed.clear();
    this.answered.clear();
  }

  private parse(file: NearestFile): ProjectConfigResult {
    let result = this.parsed.get(file.location);
    if (!result) this.parsed.set(file.location, (result = parseProjectFile(file)));
    return result;
  }
}

/** Whether two reads of a folder found the same thing (no file, the same bytes, the same error). */
function sameFile(a: NearestFile | undefined, b: NearestFile | undefined): boolean {
  if (!a || !b) return a === b;
  if (a.location !== b.location || a.error !== b.error) return false;
  if (!a.bytes || !b.bytes) return a.bytes === b.bytes;
  return a.bytes.length === b.bytes.length && a.bytes.every((byte, i) => byte === b.bytes?.[i]);
}

/** A project file found by the walk up, parsed (or why it could not be read), positions exact. */
function parseProjectFile({ location, bytes, error }: NearestFile): ProjectConfigResult {
  const atStart = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (!bytes) return { location, problems: [{ location, range: atStart, message: `cannot read ${baseName(location)}: ${error ?? 'unknown error'}` }] };
  let text: string;
  try {
    text = decodeSeedText(bytes);
  } catch (decodeError) {
    return { location, problems: [{ location, range: atStart, message: (decodeError as Error).message.replace('seed files', 'the project file') }] };
  }
  // Without a BOM, as the editor shows the file (parseProjectConfig's positions do not count it either).
  return { ...parseProjectConfig(text, location), text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** What applies to one file once settings and its project file are merged. */
export interface EffectiveOptions {
  severity: Partial<Record<DiagnosticCode, SeverityOverride>>;
  crossFileChecks: boolean;
  /** The file matches an `ignore` glob: leave it alone (no diagnostics, not in the cross-file checks). */
  ignored: boolean;
}

/**
 * Settings (the editor's, per resource; the CLI has none) overlaid with the project file, which
 * wins: it travels with the corpus, so everyone who checks it gets the same answer.
 */
export function effectiveOptions(file: string, config: ProjectConfig | undefined, settings: { severity?: Partial<Record<DiagnosticCode, SeverityOverride>>; crossFileChecks?: boolean } = {}): EffectiveOptions {
  return {
    severity: { ...settings.severity, ...config?.severity },
    crossFileChecks: config?.crossFileChecks ?? settings.crossFileChecks ?? true,
    ignored: config ? isIgnored(config, file) : false,
  };
}

/**
 * Whether a file matches one of the project file's `ignore` globs, taken relative to the folder
 * of the project file: a glob without '/' matches a name at any depth ("*.draft.seed"), a glob
 * also matches everything in a folder it names ("drafts", "drafts/", "old/**").
 */
export function isIgnored(config: ProjectConfig, file: string): boolean {
  if (config.ignore.length === 0) return false;
  const prefix = config.folder.endsWith('/') ? config.folder : `${config.folder}/`;
  if (!file.startsWith(prefix)) return false;
  const rest = file.slice(prefix.length);
  const relative = config.location.includes('://') ? decodeURIComponentSafe(rest) : rest;
  const segments = relative.split('/');
  const candidates = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  return config.ignore.some((glob) => {
    const pattern = glob.endsWith('/') ? glob.slice(0, -1) : glob;
    return candidates.some((candidate) => minimatch(candidate, pattern, { dot: true, matchBase: !pattern.includes('/') }));
  });
}

function decodeURIComponentSafe(text: string): string {
  // Editor locations are URIs (spaces as %20); a glob is written as the name reads.
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Diagnostics with the overrides applied: 'off' codes dropped, others given their severity. */
export function applySeverity(diagnostics: readonly SeedDiagnostic[], severity: Partial<Record<DiagnosticCode, SeverityOverride>>): SeedDiagnostic[] {
  const out: SeedDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const override = severity[diagnostic.code];
    if (override === 'off') continue;
    out.push(override && override !== diagnostic.severity ? { ...diagnostic, severity: override } : diagnostic);
  }
  return out;
}
