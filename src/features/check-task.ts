import * as vscode from 'vscode';

/** The task type of `seed-review check` tasks (tasks.json: `{ "type": "seed-review", "paths": ["."] }`). */
export const CHECK_TASK_TYPE = 'seed-review';

/** What a `seed-review` task in tasks.json may say. */
interface CheckTaskDefinition extends vscode.TaskDefinition {
  /** Files or folders to check, relative to the workspace folder; default: the whole folder. */
  paths?: string[];
  /** More arguments for `seed-review check`, for example ["--max-warnings", "0"]. */
  args?: string[];
}

/**
 * A `seed-review check` task per workspace folder, with the `$seed-review` problem matcher, so
 * the command line's findings land in the Problems panel like `$eslint-stylish` does. It runs
 * the command line bundled in the extension with VS Code's own runtime (no Node install needed);
 * only where the extension lives on disk (not in the browser host, which runs no processes).
 */
export function registerCheckTasks(context: vscode.ExtensionContext): vscode.Disposable {
  const cli = vscode.Uri.joinPath(context.extensionUri, 'dist', 'cli.js');
  const build = (definition: CheckTaskDefinition, scope: vscode.WorkspaceFolder): vscode.Task => {
    const args = [cli.fsPath, 'check', ...(definition.paths?.length ? definition.paths : ['.']), ...(definition.args ?? [])];
    const execution = new vscode.ProcessExecution(process.execPath, args, { cwd: scope.uri.fsPath, env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new vscode.Task(definition, scope, 'check', 'seed-review', execution, '$seed-review');
    task.group = vscode.TaskGroup.Test;
    task.detail = `seed-review ${args.slice(1).join(' ')}`;
    return task;
  };
  return vscode.tasks.registerTaskProvider(CHECK_TASK_TYPE, {
    provideTasks() {
      if (context.extensionUri.scheme !== 'file') return [];
      return (vscode.workspace.workspaceFolders ?? [])
        .filter((folder) => folder.uri.scheme === 'file')
        .map((folder) => build({ type: CHECK_TASK_TYPE }, folder));
    },
    resolveTask(task) {
      const scope = task.scope;
      if (context.extensionUri.scheme !== 'file' || !scope || typeof scope === 'number') return undefined;
      return build(task.definition as CheckTaskDefinition, scope);
    },
  });
}
