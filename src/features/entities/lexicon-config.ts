import * as vscode from 'vscode';
import { parseProjectConfig, PROJECT_CONFIG_FILE } from '../../core/config/project-config';
import { emptyLexicon, Lexicon, lexiconFingerprint, mergeLexicons, parseLexicon } from '../../core/entities/lexicon';

/** The workspace file that carries a corpus's lexicon (next to the corpus, in each workspace folder's root). */
export const LEXICON_FILE_NAME = '.seed-entities.json';
const SETTING = 'seedReview.entities.lexicon';

/**
 * The user lexicon, merged from the `seedReview.entities.lexicon` setting, the `lexicon` of each
 * workspace folder's `.seed-review.json` and each folder's `.seed-entities.json` (later ones win:
 * the files travel with the corpus; `seed-review entities` merges the same files, found walking
 * up from the file it reads). The entity index is one for the workspace, so one lexicon: the
 * files at the folders' roots, not a project file in a subfolder. The files are
 * watched; their syntax and validation errors are diagnostics on the file, the setting's errors a
 * warning message. Valid parts always apply, so one typo does not disable the whole lexicon.
 */
export class LexiconSource implements vscode.Disposable {
  private current: Lexicon = emptyLexicon();
  private fingerprint = lexiconFingerprint(this.current);
  private readonly emitter = new vscode.EventEmitter<Lexicon>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('seed-entities');
  private readonly disposables: vscode.Disposable[] = [this.emitter, this.diagnostics];
  private watchers: vscode.Disposable[] = [];
  private lastSettingErrors = '';
  private reloading: Promise<void> = Promise.resolve();
  /** Fires with the merged lexicon when it changed. */
  readonly onDidChange = this.emitter.event;
  /** Resolves when the first read has finished. */
  readonly ready: Promise<void>;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.watchFolders();
    this.disposables.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.watchFolders();
        void this.reload();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(SETTING)) void this.reload();
      }),
    );
    this.ready = this.reload();
  }

  /** The merged lexicon in force. */
  get lexicon(): Lexicon {
    return this.current;
  }

  /** Re-reads the setting and the files; resolves when the new lexicon is in force. */
  reload(): Promise<void> {
    // Serialised: two quick saves must not apply out of order.
    this.reloading = this.reloading.then(() => this.read(), () => this.read());
    return this.reloading;
  }

  private watchFolders(): void {
    this.watchers.forEach((d) => d.dispose());
    this.watchers = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const name of [PROJECT_CONFIG_FILE, LEXICON_FILE_NAME]) {
        const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, name));
        const changed = () => void this.reload();
        this.watchers.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
      }
    }
  }

  private async read(): Promise<void> {
    const raw = vscode.workspace.getConfiguration().get<unknown>(SETTING);
    const fromSetting = parseLexicon(raw, `setting ${SETTING}`);
    this.reportSettingErrors(fromSetting.errors);
    const lexicons = [fromSetting.lexicon];
    this.diagnostics.clear();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const fromProject = await this.readProjectFile(vscode.Uri.joinPath(folder.uri, PROJECT_CONFIG_FILE));
      if (fromProject) lexicons.push(fromProject);
      const uri = vscode.Uri.joinPath(folder.uri, LEXICON_FILE_NAME);
      const fromFile = await this.readFile(uri);
      if (fromFile) lexicons.push(fromFile);
    }
    const merged = mergeLexicons(...lexicons);
    const fingerprint = lexiconFingerprint(merged);
    if (fingerprint === this.fingerprint) return;
    this.current = merged;
    this.fingerprint = fingerprint;
    this.log.info(`Entity lexicon: ${merged.entities.length} entit${merged.entities.length === 1 ? 'y' : 'ies'}, ${merged.ignore.length} ignored, ${Object.keys(merged.types).length} forced type(s)`);
    this.emitter.fire(merged);
  }

  /**
   * The `lexicon` of a project file. Its syntax errors are reported on the file by ProjectConfigs
   * (the project file is then not used at all); invalid lexicon entries here, as for the lexicon file.
   */
  private async readProjectFile(uri: vscode.Uri): Promise<Lexicon | undefined> {
    const text = await readText(uri);
    if (text === undefined) return undefined;
    const { config } = parseProjectConfig(text, uri.toString());
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

  private async readFile(uri: vscode.Uri): Promise<Lexicon | undefined> {
    const text = await readText(uri);
    if (text === undefined) return undefined;
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
    this.watchers.forEach((d) => d.dispose());
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

/** The file's text as UTF-8, or undefined when it cannot be read (gone, or a folder). */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
