import * as vscode from 'vscode';
import { NearestFileFinder } from '../../core/config/nearest-file';
import { PROJECT_CONFIG_FILE, type ConfigProblem, type ProjectConfigResult } from '../../core/config/project-config';
import type { ScopedLexicon } from '../../core/entities/feeder';
import { emptyLexicon, Lexicon, lexiconFingerprint, mergeLexicons, parseLexicon } from '../../core/entities/lexicon';
import { locateLexiconProblem, projectFileLexicon, syntaxErrorOffset } from '../../core/entities/lexicon-files';
import { offsetToPosition } from '../../core/text-edits';
import { toVsRange } from '../convert';
import { vscodeFileSystem } from '../host/vscode-file-system';
import type { ProjectConfigs } from '../project-config';

/** The file that carries a corpus's lexicon (next to the corpus; the nearest one above a seed file applies). */
export const LEXICON_FILE_NAME = '.seed-entities.json';
const SETTING = 'seedReview.entities.lexicon';

/** The lexicon of a seed file, and its scope's key (core/entities/feeder.ts). */
export type { ScopedLexicon };

/**
 * The user lexicon of each seed file, as `seed-review entities` reads it: the
 * `seedReview.entities.lexicon` setting, then the `lexicon` of the nearest `.seed-review.json`,
 * then the nearest `.seed-entities.json` (each found walking up from the file; later ones win:
 * the files travel with the corpus). Two subfolders with their own project files get their own
 * lexicons. A lexicon's key is its content (interned), so the entity index keeps one set of
 * lexicon decisions per distinct lexicon, and a file whose lexicon did not change keeps its key.
 *
 * The project files are read once for the settings and the lexicon, by ProjectConfigs (which
 * watches them and follows their saves); the lexicon files are watched here and their saves
 * followed. Any change forgets the lexicons and fires `onDidChange`, and the entity index then
 * asks again for every file. Syntax and validation errors are diagnostics on the file that has
 * them, the setting's a warning message. Valid parts always apply, so one typo does not disable
 * the whole lexicon.
 */
export class LexiconSource implements vscode.Disposable {
  private setting: Lexicon = emptyLexicon();
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

  constructor(private readonly log: vscode.LogOutputChannel, private readonly projects: ProjectConfigs) {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${LEXICON_FILE_NAME}`);
    const changed = () => this.changed(true);
    this.disposables.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
    this.disposables.push(
      projects.onDidChange(() => this.changed(false)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(SETTING)) return;
        this.readSetting();
        this.changed(true);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.changed(true)),
      vscode.workspace.onDidSaveTextDocument((document) => {
        // Saved in the editor: noticed here even when the file watcher misses it (code-server's
        // watcher can miss files of a folder created a moment before).
        // (A project file's save is followed by ProjectConfigs, which fires onDidChange when it differs.)
        const name = document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1);
        if (name === LEXICON_FILE_NAME) this.changed(true);
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
      pending = this.resolve(uri);
      this.byFolder.set(folder, pending);
    }
    return pending;
  }

  /**
   * Forgets every lexicon read and tells the listeners (a lexicon file, the setting or a project
   * file changed). On a change of its own (`recheckProjects`), the project files are read again
   * too (ProjectConfigs.recheck, once for every consumer), as they were when this class read them
   * itself: a project file above every workspace folder is not watched, and is noticed then; one
   * that differs fires ProjectConfigs.onDidChange, and this again.
   */
  private changed(recheckProjects: boolean): void {
    if (recheckProjects) void this.projects.recheck();
    this.generation++;
    this.lexiconFiles.clear();
    this.parsed.clear();
    this.byFolder.clear();
    this.diagnostics.clear();
    this.emitter.fire();
  }

  private async resolve(uri: vscode.Uri): Promise<ScopedLexicon> {
    const file = uri.toString();
    const generation = this.generation;
    const lexicons = [this.setting];
    const [project, lexiconFile] = await Promise.all([this.projects.projectFileFor(uri), this.lexiconFiles.forFile(file)]).catch(() => [undefined, undefined]);
    if (project) {
      const fromProject = this.parse(project.location, generation, () => this.projectFileLexicon(project));
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
   * The `lexicon` of a project file, as ProjectConfigs read it (not read again here). Its syntax
   * errors are reported on the file by ProjectConfigs (the project file is then not used at all);
   * invalid lexicon entries here, as for the lexicon file.
   */
  private projectFileLexicon(project: ProjectConfigResult): Lexicon | undefined {
    const { lexicon, problems } = projectFileLexicon(project, `${PROJECT_CONFIG_FILE} lexicon`);
    this.reportSkippedEntries(vscode.Uri.parse(project.location, true), problems);
    return lexicon;
  }

  /** Invalid entries of a lexicon: a diagnostic each on the file, and a line in the log. */
  private reportSkippedEntries(uri: vscode.Uri, problems: readonly Pick<ConfigProblem, 'range' | 'message'>[]): void {
    if (problems.length === 0) return;
    this.diagnostics.set(uri, problems.map((p) => diagnostic(toVsRange(p.range), `${p.message} (this entry is skipped; the rest applies)`)));
    for (const p of problems) this.log.warn(`${uri.fsPath}: ${p.message}`);
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
      const at = offsetToPosition(withoutBom, syntaxErrorOffset(withoutBom, message));
      this.diagnostics.set(uri, [diagnostic(new vscode.Range(at.line, at.character, at.line, at.character + 1), `Invalid JSON, so this lexicon is not used: ${message}`)]);
      this.log.warn(`${uri.fsPath}: invalid JSON: ${message}`);
      return undefined;
    }
    const { lexicon, errors } = parseLexicon(json, LEXICON_FILE_NAME);
    this.reportSkippedEntries(uri, errors.map((message) => ({ message, range: locateLexiconProblem(text, message) })));
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
