import * as vscode from 'vscode';
import {
  effectiveOptions, NOT_RESOLVED, PROJECT_CONFIG_FILE, ProjectConfigResolver, type ConfigProblem, type EffectiveOptions, type ProjectConfigResult,
} from '../core/config/project-config';
import { readConfig, type SeedReviewConfig } from './config';
import { toVsRange } from './convert';
import { vscodeFileSystem } from './host/vscode-file-system';

/**
 * The project file `.seed-review.json` in the editor: resolved per seed file by the same core code
 * as the command line (nearest file walking up, through `workspace.fs`, so every host can read it),
 * merged with the settings read for that file's resource (user, workspace and folder settings,
 * so each folder of a multi-root workspace gets its own). Its problems are diagnostics on the
 * file itself, at their exact position. The one reader of project files in the editor: the
 * lexicon (LexiconSource) takes its `lexicon` from `projectFileFor`, so each file is read and
 * parsed once. A change to a project file (watcher, or a save in the editor) reads again once what
 * was read and, when a file differs, fires `onDidChange`; only the files that differ are parsed again.
 */
export class ProjectConfigs implements vscode.Disposable {
  private readonly resolver = new ProjectConfigResolver(vscodeFileSystem);
  private readonly problems = vscode.languages.createDiagnosticCollection('seed-review-config');
  private readonly emitter = new vscode.EventEmitter<void>();
  /**
   * Settings per workspace folder: resource-scoped values differ by folder only, and reading them
   * for each of 10,000 files cost more than parsing the files. Dropped when a setting changes.
   */
  private readonly settings = new Map<string, SeedReviewConfig>();
  /** The same settings by the folder a file is in (a file's uri up to its last '/'). */
  private readonly byParent = new Map<string, SeedReviewConfig>();
  private readonly disposables: vscode.Disposable[] = [this.problems, this.emitter];
  private disposed = false;
  /** Fires when a project file was created, changed or deleted: every file's options (and lexicon) may differ. */
  readonly onDidChange = this.emitter.event;

  constructor() {
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${PROJECT_CONFIG_FILE}`);
    const changed = () => void this.recheck();
    this.disposables.push(watcher, watcher.onDidCreate(changed), watcher.onDidChange(changed), watcher.onDidDelete(changed));
    // Saved in the editor: noticed here even when the file watcher misses it (code-server's
    // watcher can miss files of a folder created a moment before). When the watcher does report
    // it too, the second read finds the same bytes and nothing fires twice.
    this.disposables.push(vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.uri.path.slice(document.uri.path.lastIndexOf('/') + 1) === PROJECT_CONFIG_FILE) changed();
    }));
    // Registered before the extension's own listener (made earlier in activation), which refreshes with the new values.
    this.disposables.push(vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('seedReview')) {
        this.settings.clear();
        this.byParent.clear();
      }
    }), vscode.workspace.onDidChangeWorkspaceFolders(() => {
      this.settings.clear();
      this.byParent.clear();
    }));
  }

  private settingsFor(uri: vscode.Uri): SeedReviewConfig {
    // Every file of a folder has the same workspace folder: looked up once per folder of files.
    const text = uri.toString();
    const parent = text.slice(0, text.lastIndexOf('/') + 1);
    let found = this.byParent.get(parent);
    if (found) return found;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const key = folder ? folder.uri.toString() : '';
    found = this.settings.get(key);
    if (!found) this.settings.set(key, (found = readConfig(folder?.uri ?? uri)));
    if (!uri.query && !uri.fragment) this.byParent.set(parent, found);
    return found;
  }

  /**
   * What applies to a seed file: its resource's settings (user, workspace, its folder's) overlaid
   * with its project file, and whether diagnostics are on for it at all.
   */
  async optionsFor(uri: vscode.Uri): Promise<EffectiveOptions & { enabled: boolean }> {
    const settings = this.settingsFor(uri);
    const project = await this.projectFileFor(uri);
    return {
      ...effectiveOptions(uri.toString(), project?.config, { severity: settings.severityOverrides, crossFileChecks: settings.crossFileChecks }),
      enabled: settings.diagnosticsEnabled,
    };
  }

  /**
   * Reads again what was read of the project files (once each; see ProjectConfigResolver.recheck)
   * and, when a file differs, drops its problems (shown again as files are resolved) and fires
   * onDidChange. Also for LexiconSource, whose changes used to re-read the project files: a file
   * above every workspace folder is not watched, and is noticed then.
   */
  async recheck(): Promise<void> {
    const differing = await this.resolver.recheck();
    if (differing.length === 0 || this.disposed) return;
    for (const location of differing) this.problems.delete(vscode.Uri.parse(location, true));
    this.emitter.fire();
  }

  /**
   * The project file that applies to a file (the nearest walking up), as read and parsed once for
   * every consumer, with its text for placing the problems of its lexicon; its problems are shown.
   * Undefined when there is none or the host cannot look (no file system for this scheme).
   */
  async projectFileFor(uri: vscode.Uri): Promise<ProjectConfigResult | undefined> {
    let project;
    try {
      project = await this.resolver.forFile(uri.toString());
    } catch {
      return undefined;
    }
    if (project) this.report(project.location, project.problems);
    return project;
  }

  /**
   * optionsFor's answer without waiting, when a file of the same folder was resolved before
   * (undefined otherwise: ask optionsFor). The thousands of files of a scan need no promise each.
   */
  optionsNow(uri: vscode.Uri): (EffectiveOptions & { enabled: boolean }) | undefined {
    const project = this.resolver.forFileNow(uri.toString());
    if (project === NOT_RESOLVED) return undefined;
    const settings = this.settingsFor(uri);
    return {
      ...effectiveOptions(uri.toString(), project?.config, { severity: settings.severityOverrides, crossFileChecks: settings.crossFileChecks }),
      enabled: settings.diagnosticsEnabled,
    };
  }

  /** Whether the cross-file checks leave a file out (`ignore`): at once when known, else when read. */
  ignored(uri: vscode.Uri): boolean | Promise<boolean> {
    return this.optionsNow(uri)?.ignored ?? this.optionsFor(uri).then((options) => options.ignored);
  }

  private report(location: string, problems: readonly ConfigProblem[]): void {
    const uri = vscode.Uri.parse(location, true);
    if (problems.length === 0) {
      this.problems.delete(uri);
      return;
    }
    this.problems.set(uri, problems.map((p) => {
      const diagnostic = new vscode.Diagnostic(
        toVsRange(p.range),
        p.message, vscode.DiagnosticSeverity.Error);
      diagnostic.source = 'seed-review';
      return diagnostic;
    }));
  }

  dispose(): void {
    this.disposed = true;
    this.disposables.forEach((d) => d.dispose());
  }
}
