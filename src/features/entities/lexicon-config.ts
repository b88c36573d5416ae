import * as vscode from 'vscode';
import { NearestFileFinder } from '../../core/config/nearest-file';
import { parseProjectConfig, PROJECT_CONFIG_FILE } from '../../core/config/project-config';
import { emptyLexicon, Lexicon, lexiconFingerprint, mergeLexicons, parseLexicon } from '../../core/entities/lexicon';
import { vscodeFileSystem } from '../host/vscode-file-system';

/** The file that carries a corpus's lexicon (next to the corpus; the nearest one above a seed file applies). */
export const LEXICON_FILE_NAME = '.seed-entities.json';
const SETTING = 'seedReview.entities.lexicon';

/** The lexicon of a seed file, and its scope's key: files with the same lexicon share the key. */
export interface ScopedLexicon {
  key: string;
  lexicon: Lexicon;
}

/**
 * The user lexicon of each seed file, as `seed-review entities` reads it: the
 * `seedReview.entities.lexicon` setting, then the `lexicon` of the nearest `.seed-review.json`,
 * then the nearest `.seed-entities.json` (each found walking up from the file; later ones win:
 * the files travel with the corpus). Two subfolders with their own project files get their own
 * lexicons. A lexicon's key is its content (interned), so the entity index keeps one set of
 * lexicon decisions per distinct lexicon, and a file whose lexicon did not change keeps its key.
 *
 * The files are watched (in the workspace's folders) and their saves in the editor followed; any
 * change forgets what was read and fires `onDidChange`, and the entity index then asks again for every file. Syntax and validation
 * errors are diagnostics on the file that has them, the setting's a warning message. Valid parts
 * always apply, so one typo does not disable the whole lexicon.
 */
export class LexiconSource implements vscode.Disposable {
  private setting: Lexicon = emptyLexicon();
  private readonly projectFiles = new NearestFileFinder(vscodeFileSystem, PROJECT_CONFIG_FILE);
  private readonly lexiconFiles = new NearestFileFinder(vscodeFileSystem, LEXICON_FILE_NAME);
  /** The lexicon each file read gave (undefined: none, or not usable), so its problems are reported once. */
  private readonly parsed = new Map<string, Lexicon | undefined>();
  /** Per folder of seed files, its lexicon (every file of a folder finds the same files). */
  private readonly byFolder = new Map<string, Promise<ScopedLexicon>>();
  /** Lexicon fingerprint -> key (kept across changes: the same content keeps its key). */
  private readonly keys = new Map<string, string>();
  private generation = 0;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('seed-entities');
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.diagnostics];
  private lastSettingErrors = '';
  /** Fires when a lexicon file or the setting changed: every file's lexicon may differ. */
  readonly onDidChange = this.emitter.event;
  /** Resolves when the setting has been read. */
  readonly ready: Promise<void>;

  constructor(private readonly log: vscode.LogOutputChannel) {
    for (const name of [PROJECT_CONFIG_FILE, LEXICON_FILE_NAME]) {
      const watcher = vscode.workspace.createFileSystemWatcher(`**/${name}`);
      const changed = () => this.changed();
      this.disposables.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
    }
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SETTING)) return;
        this.readSetting();
        this.changed();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed()),
      vscode.workspace.onDidSaveTextDocument((document) => {
        // Saved in the editor: noticed here even when the file watcher misses it (code-server's
        // watcher can miss files of a folder created a moment before).
        const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
        if (name === PROJECT_CONFIG_FILE || name === LEXICON_FILE_NAME) this.changed();
      }),
    );
    this.readSetting();
    this.ready = Promise.resolve();
  }

  /** The setting's lexicon alone (for a file whose own lexicon is not known yet). */
  get settingLexicon(): Lexicon {
    return this.setting;
  }

  /** The lexicon of a seed file: the setting < its nearest project file's `lexicon` < its nearest lexicon file. */
  forFile(uri: vscode.Uri): Promise<ScopedLexicon> {
    const text = uri.toString();
    const folder = text.slice(0, text.lastIndexOf('/'));
    let pending = this.byFolder.get(folder);
    if (!pending) {
      pending = this.resolve(text);
      this.byFolder.set(folder, pending);
    }
    return pending;
  }

  /** Forgets every file read and tells the listeners (a lexicon file or the setting changed). */
  private changed(): void {
    this.generation++;
    this.projectFiles.clear();
    this.lexiconFiles.clear();
    this.parsed.clear();
    this.byFolder.clear();
    this.diagnostics.clear();
    this.emitter.fire();
  }

  private async resolve(file: string): Promise<ScopedLexicon> {
    const generation = this.generation;
    const lexicons = [this.setting];
    const [project, lexiconFile] = await Promise.all([this.projectFiles.forFile(file), this.lexiconFiles.forFile(file)]).catch(() => [undefined, undefined]);
    if (project) {
      const fromProject = this.parse(project.location, generation, () => this.readProjectFile(project.location, project.bytes));
      if (fromProject) lexicons.push(fromProject);
    }
    if (lexiconFile) {
      const fromFile = this.parse(lexiconFile.location, generation, () => this.readFile(lexiconFile.location, lexiconFile.bytes));
      if (fromFile) lexicons.push(fromFile);
    }
    const merged = lexicons.length === 1 ? this.setting : mergeLexicons(...lexicons);
    const fingerprint = lexiconFingerprint(merged);
    let key = this.keys.get(fingerprint);
    if (key === undefined) {
      key = `lexicon-${this.keys.size + 1}`;
      this.keys.set(fingerprint, key);
      this.log.info(`Entity lexicon ${key} (${file}): ${merged.entities.length} entit${merged.entities.length === 1 ? 'y' : 'ies'}, ${merged.ignore.length} ignored, ${Object.keys(merged.types).length} forced type(s)`);
    }
    return { key, lexicon: merged };
  }

  /** A file's lexicon, parsed (and its problems reported) once per generation. */
  private parse(location: string, generation: number, read: () => Lexicon | undefined): Lexicon | undefined {
    if (this.parsed.has(location)) return this.parsed.get(location);
    const lexicon = read();
    // A change since this file was read: its problems and result belong to the old state.
    if (generation === this.generation) this.parsed.set(location, lexicon);
    return lexicon;
  }

  private readSetting(): void {
    const raw = vscode.workspace.getConfiguration().get<unknown>(SETTING);
    const fromSetting = parseLexicon(raw, `setting ${SETTING}`);
    this.reportSettingErrors(fromSetting.errors);
    this.setting = fromSetting.lexicon;
  }

  /**
   * The `lexicon` of a project file. Its syntax errors are reported on the file by ProjectConfigs
   * (the project file is then not used at all); invalid lexicon entries here, as for the lexicon file.
   */
  private readProjectFile(location: string, bytes: Uint8Array | undefined): Lexicon | undefined {
    if (!bytes) return undefined;
    const text = new TextDecoder('utf-8').decode(bytes);
    const uri = vscode.Uri.parse(location, true);
    const { config } = parseProjectConfig(text, location);
    if (config?.lexicon === undefined) return undefined;
    const { lexicon, errors } = parseLexicon(config.lexicon, `${PROJECT_CONFIG_FILE} lexicon`);
    this.reportSkippedEntries(uri, text, errors);
    return lexicon;
  }

  /** Invalid entries of a lexicon: a diagnostic each on the file, and a line in the log. */
  private reportSkippedEntries(uri: vscode.Uri, text: string, errors: readonly string[]): void {
    if (errors.length === 0) return;
    this.diagnostics.set(uri, errors.map((e) => diagnostic(locate(text, e), `${e} (this entry is skipped; the rest applies)`)));
    for (const e of errors) this.log.warn(`${uri.fsPath}: ${e}`);
  }

  private readFile(location: string, bytes: Uint8Array | undefined): Lexicon | undefined {
    const uri = vscode.Uri.parse(location, true);
    if (!bytes) return undefined;
    const text = new TextDecoder('utf-8').decode(bytes);
    const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    let json: unknown;
    try {
      json = JSON.parse(withoutBom);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const at = positionAt(text, syntaxErrorOffset(withoutBom, message));
      this.diagnostics.set(uri, [diagnostic(new vscode.Range(at, at.translate(0, 1)), `Invalid JSON, so this lexicon is not used: ${message}`)]);
      this.log.warn(`${uri.fsPath}: invalid JSON: ${message}`);
      return undefined;
    }
    const { lexicon, errors } = parseLexicon(json, LEXICON_FILE_NAME);
    this.reportSkippedEntries(uri, text, errors);
    return lexicon;
  }

  private reportSettingErrors(errors: string[]): void {
    const joined = errors.join('\n');
    if (joined === this.lastSettingErrors) return;
    this.lastSettingErrors = joined;
    if (errors.length === 0) return;
    for (const e of errors) this.log.warn(e);
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more, see the log)` : '';
    void vscode.window.showWarningMessage(`Seed Review: ${errors[0]}${more}. The valid entries still apply.`, 'Open Settings').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', SETTING);
    });
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
  }
}

function diagnostic(range: vscode.Range, message: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
  d.source = 'seed-review';
  return d;
}

/**
 * Where JSON.parse failed. Newer engines say ("at position N"); Node 20's often does not, so the
 * longest prefix that is still a valid beginning of JSON is searched (binary search, a few parses).
 */
function syntaxErrorOffset(text: string, message: string): number {
  const stated = /position (\d+)/.exec(message);
  if (stated) return Number(stated[1]);
  const validPrefix = (n: number): boolean => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (error) {
      return /Unexpected end|Unterminated string/.test(error instanceof Error ? error.message : '');
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (validPrefix(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function positionAt(text: string, offset: number): vscode.Position {
  let line = 0;
  let start = 0;
  for (let i = 0; i < Math.min(offset, text.length); i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return new vscode.Position(line, Math.max(0, Math.min(offset, text.length) - start));
}

/**
 * Where a validation message points in the file: the quoted text it names ("Kharkiv"), else the
 * key it names (entities, ignore, types), else the start. Messages carry no offsets, and a close
 * guess beats a squiggle on line 1.
 */
function locate(text: string, message: string): vscode.Range {
  const afterSource = message.slice(message.indexOf(':') + 1);
  const candidates = [...afterSource.matchAll(/\("([^"]+)"\)|\["([^"]+)"\]/g)].map((m) => m[1] ?? m[2]);
  const key = /"(entities|ignore|types)"|(entities|ignore|types)\[/.exec(afterSource);
  if (key) candidates.push(key[1] ?? key[2]);
  for (const c of candidates) {
    const i = text.indexOf(JSON.stringify(c));
    if (i >= 0) return new vscode.Range(positionAt(text, i), positionAt(text, i + JSON.stringify(c).length));
  }
  return new vscode.Range(0, 0, 0, 1);
}
