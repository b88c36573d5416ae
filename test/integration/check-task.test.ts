// seed-review check as a task: a `seed-review` task in tasks.json (and any task with the
// `$seed-review` problem matcher) lands the command line's findings in the Problems panel,
// line, column, severity, code and message as `check` prints them. And the workspace scope of
// the Problems panel follows files as they change on disk, without opening them.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi, repoRoot, waitFor, workspaceRoot } from './helpers';

const SEVERITY: Record<string, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  // The matcher has no hint: VS Code's problem matchers know error, warning and info.
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Information,
};

/** `check`'s text lines as the Problems panel should show them: "file:line:col severity code message". */
function cliFindings(cwd: string, paths: string[]): string[] {
  const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'seed-review.js'), 'check', ...paths], { cwd, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  return cli.stdout.split('\n').flatMap((line) => {
    const m = /^(.+?):(\d+):(\d+): (error|warning|information|hint) (SEED\d{3}) (.*)$/.exec(line);
    return m ? [`${m[1]}:${m[2]}:${m[3]} ${SEVERITY[m[4]]} ${m[5]} ${m[6]}`] : [];
  }).sort();
}

/** What the Problems panel holds for these files, in the same shape (the matcher's markers start where check says). */
function panelFindings(root: string, files: string[]): string[] {
  return files.flatMap((file) => vscode.languages.getDiagnostics(vscode.Uri.file(path.join(root, file))).map((d) => {
    const code = typeof d.code === 'object' ? String(d.code.value) : String(d.code);
    return `${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${code} ${d.message}`;
  })).sort();
}

async function runTask(task: vscode.Task): Promise<number | undefined> {
  const ended = new Promise<number | undefined>((resolve) => {
    const listener = vscode.tasks.onDidEndTaskProcess((event) => {
      if (event.execution.task.name !== task.name || event.execution.task.source !== task.source) return;
      listener.dispose();
      resolve(event.exitCode);
    });
  });
  await vscode.tasks.executeTask(task);
  return ended;
}

describe('seed-review check as a task', function () {
  this.timeout(120_000);
  const folderName = `task-${process.pid}`;
  let root = '';
  let folder = '';
  const tasksJson = () => path.join(root, '.vscode', 'tasks.json');
  const files = [`${folderName}/bad.seed`, `${folderName}/other.seed`];

  before(() => {
    root = workspaceRoot();
    folder = path.join(root, folderName);
    fs.mkdirSync(folder, { recursive: true });
    // Unique ids (the pid), so nothing else in the workspace adds cross-file findings; never opened.
    const id = (n: number) => `${String(n).padStart(3, '0')}_${(process.pid % 65536).toString(16).padStart(4, '0')}c0ffeec0ffee`;
    fs.writeFileSync(path.join(folder, 'bad.seed'), [
      `<<< ${id(901)} date=2024-02-30`,
      'A headline with é and 😀',
      `>>> ${id(901)}`,
      'stray text',
      `<<< ${id(902).toUpperCase()}`,
      'Unclosed',
    ].join('\n'));
    fs.writeFileSync(path.join(folder, 'other.seed'), `<<< ${id(903)}\n\n>>> ${id(903)}\n`);
  });

  after(async () => {
    fs.rmSync(tasksJson(), { force: true });
    fs.rmSync(folder, { recursive: true, force: true });
    await vscode.workspace.getConfiguration('seedReview').update('diagnostics.scope', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('the extension provides a check task per workspace folder, with the $seed-review matcher', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'seed-review' });
    const provided = tasks.filter((task) => task.source === 'seed-review');
    assert.strictEqual(provided.length, vscode.workspace.workspaceFolders?.length, provided.map((t) => t.name).join(', '));
    assert.strictEqual(provided[0].name, 'check');
    assert.deepStrictEqual(provided[0].problemMatchers, ['$seed-review']);
  });

  it('a seed-review task in tasks.json puts what check prints into the Problems panel, for files never opened', async () => {
    const expected = cliFindings(root, [folderName]);
    assert.ok(expected.length >= 4, `check found:\n${expected.join('\n')}`);
    fs.mkdirSync(path.dirname(tasksJson()), { recursive: true });
    fs.writeFileSync(tasksJson(), JSON.stringify({
      version: '2.0.0',
      tasks: [{ type: 'seed-review', label: 'check the task corpus', paths: [folderName] }],
    }, null, 2));
    const task = await waitFor('tasks.json to list the task', async () => (await vscode.tasks.fetchTasks({ type: 'seed-review' })).find((t) => t.name === 'check the task corpus'), 30_000);
    assert.deepStrictEqual(panelFindings(root, files), [], 'nothing in the Problems panel before the task runs (the files are not open)');
    const exitCode = await runTask(task);
    assert.strictEqual(exitCode, 1, 'check exits 1 when errors are found');
    const found = await waitFor('the matcher\'s problems', () => {
      const now = panelFindings(root, files);
      return now.join('\n') === expected.join('\n') ? now : undefined;
    }, 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\ncheck:\n${expected.join('\n')}\npanel:\n${panelFindings(root, files).join('\n')}`);
    });
    assert.deepStrictEqual(found, expected);
    assert.ok(vscode.languages.getDiagnostics(vscode.Uri.file(path.join(root, files[0]))).every((d) => d.source === 'seed'));
  });

  it('any task with "problemMatcher": "$seed-review" reads check\'s text output the same way', async () => {
    const expected = cliFindings(root, [files[1]]);
    assert.strictEqual(expected.length, 1, expected.join('\n'));
    const workspaceFolder = vscode.workspace.workspaceFolders![0];
    const execution = new vscode.ProcessExecution(process.execPath, [path.join(repoRoot, 'bin', 'seed-review.js'), 'check', files[1]], { cwd: root, env: { ELECTRON_RUN_AS_NODE: '1' } });
    const task = new vscode.Task({ type: 'process' }, workspaceFolder, 'plain check', 'seed-tests', execution, '$seed-review');
    assert.strictEqual(await runTask(task), 0, 'a warning alone exits 0');
    await waitFor('the warning in the Problems panel', () => {
      const now = panelFindings(root, [files[1]]);
      return now.includes(expected[0]) ? now : undefined;
    }, 30_000);
  });

  it('with the workspace scope, a file written, changed and deleted on disk gets, changes and loses its problems unopened', async () => {
    await vscode.workspace.getConfiguration('seedReview').update('diagnostics.scope', 'workspace', vscode.ConfigurationTarget.Workspace);
    const api = extensionApi();
    const file = path.join(folder, 'on-disk.seed');
    const uri = vscode.Uri.file(file);
    const own = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'seed');
    const codes = async () => {
      await api.diagnostics.settled();
      return own().map((d) => `${d.range.start.line + 1}:${typeof d.code === 'object' ? String(d.code.value) : String(d.code)}`).sort().join(' ');
    };
    fs.writeFileSync(file, 'text before any document\n<<< 904_0123456789abcdef\nA headline\n>>> 904_0123456789abcdef\n');
    await waitFor('SEED007 on the new file', async () => ((await codes()) === '1:SEED007' ? true : undefined), 30_000);
    fs.writeFileSync(file, '<<< 904_0123456789abcdef\nA headline\n');
    await waitFor('SEED001 after the change', async () => ((await codes()) === '1:SEED001' ? true : undefined), 30_000);
    fs.writeFileSync(file, '<<< 904_0123456789abcdef\nA headline\n>>> 904_0123456789abcdef\n');
    await waitFor('no problems once fixed on disk', async () => ((await codes()) === '' ? true : undefined), 30_000);
    fs.writeFileSync(file, '<<< 904_0123456789abcdef\n');
    await waitFor('problems again', async () => ((await codes()) !== '' ? true : undefined), 30_000);
    fs.rmSync(file);
    await waitFor('no problems once deleted', async () => ((await codes()) === '' ? true : undefined), 30_000);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file was never opened');
  });
});
