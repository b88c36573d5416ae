import * as vscode from 'vscode';
import { outlineParagraphsValue } from './config';
import { OUTLINE_PARAGRAPHS_AUTO_LIMIT } from './document-symbols';

const SETTING = 'outline.paragraphs';

/** Where a value of the old boolean setting was found and what it became. */
export interface OutlineMigration {
  /** `user`, `workspace` or `folder NAME`. */
  where: string;
  from: boolean;
  to: 'always' | 'never';
}

/** The state the migration keeps so that it rewrites each settings file once. */
export interface MigrationState {
  /** For the user settings (machine-wide). */
  global: vscode.Memento;
  /** For the workspace and folder settings. */
  workspace: vscode.Memento;
}

const DONE_KEY = 'seedReview.migrated.outlineParagraphs';

/**
 * Rewrites the old boolean `seedReview.outline.paragraphs` as `"always"` / `"never"` in the user,
 * workspace and folder settings, once per target (a boolean that comes back later, from a
 * settings file synced from a machine with an older version, is read as before and left alone:
 * see outlineParagraphsValue). `true` becomes `"always"`, not `"auto"`: the old default already
 * gave paragraphs and the settings editor does not write a default value, so a `true` was written
 * on purpose, possibly to override a `false` at another level; `"always"` keeps what everyone sees.
 * Returns what it changed and tells the user with `notify` when it changed anything. A target it
 * cannot write is logged and tried again on the next start.
 */
export async function migrateOutlineParagraphs(
  state: MigrationState,
  notify: (message: string) => void,
  log?: vscode.LogOutputChannel,
): Promise<OutlineMigration[]> {
  const targets: { where: string; target: vscode.ConfigurationTarget; scope?: vscode.Uri; memento: vscode.Memento; key: string }[] = [
    { where: 'user', target: vscode.ConfigurationTarget.Global, memento: state.global, key: DONE_KEY },
    { where: 'workspace', target: vscode.ConfigurationTarget.Workspace, memento: state.workspace, key: DONE_KEY },
  ];
  // In a single-folder window the folder's settings are the workspace's; only a multi-root
  // workspace (a .code-workspace file) has folder settings of its own.
  if (vscode.workspace.workspaceFile) {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      targets.push({ where: `folder ${folder.name}`, target: vscode.ConfigurationTarget.WorkspaceFolder, scope: folder.uri, memento: state.workspace, key: `${DONE_KEY}:${folder.uri.toString()}` });
    }
  }
  const changed: OutlineMigration[] = [];
  for (const { where, target, scope, memento, key } of targets) {
    if (memento.get<boolean>(key)) continue;
    const section = vscode.workspace.getConfiguration('seedReview', scope);
    const inspected = section.inspect<unknown>(SETTING);
    const value = target === vscode.ConfigurationTarget.Global ? inspected?.globalValue
      : target === vscode.ConfigurationTarget.Workspace ? inspected?.workspaceValue
        : inspected?.workspaceFolderValue;
    if (typeof value === 'boolean') {
      const to = outlineParagraphsValue(value) as 'always' | 'never';
      try {
        await section.update(SETTING, to, target);
      } catch (error) {
        log?.warn(`Could not rewrite seedReview.${SETTING} in the ${where} settings (it is still read as "${to}"): ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      changed.push({ where, from: value, to });
    }
    await memento.update(key, true);
  }
  if (changed.length) {
    const what = changed.map((change) => `${change.from} became "${change.to}" in your ${change.where} settings`).join('; ');
    notify(`Seed Review: seedReview.outline.paragraphs is now "auto", "always" or "never": ${what}, which shows the outline as before. `
      + `Remove the setting to use the new default, "auto": paragraphs for files of up to ${OUTLINE_PARAGRAPHS_AUTO_LIMIT.toLocaleString('en')} documents, one entry per document above.`);
  }
  return changed;
}
