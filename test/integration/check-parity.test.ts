// The editor and the command line give one answer: on the same folder with a .seed-review.json,
// the Problems panel (with the workspace scope, files never opened) and `seed-review check
// --format json` report the same diagnostics, code by code and range by range.
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi, repoRoot, waitFor, workspaceRoot } from './helpers';
import { cliCheck, editorDiagnostics, keys } from './parity';

describe('the editor and seed-review check agree', function () {
  this.timeout(120_000);
  const folderName = `parity-${process.pid}`;
  let folder = '';

  before(() => {
    folder = path.join(workspaceRoot(), folderName);
    fs.mkdirSync(path.join(folder, 'drafts'), { recursive: true });
    fs.mkdirSync(path.join(folder, 'team'), { recursive: true });
    fs.writeFileSync(path.join(folder, '.seed-review.json'), [
      '// shared by the team',
      '{',
      '  "severity": { "SEED011": "off", "SEED008": "error", "SEED010": "hint" },',
      '  "ignore": ["drafts/**"],',
      '}',
    ].join('\n'));
    fs.writeFileSync(path.join(folder, 'team', '.seed-review.json'), '{ "crossFileChecks": false, "severity": { "SEED001": "warning" } }');
    fs.writeFileSync(path.join(folder, 'a.seed'), [
      '<<< 802_8a8a8a8a8a8a8a8a date=2024-13-01',
      'A headline in the parity corpus',
      '>>> 802_8a8a8a8a8a8a8a8a',
      '<<< 801_8b8b8b8b8b8b8b8b',
      '>>> 801_8b8b8b8b8b8b8b8b',
      'stray text outside',
      '<<< 803_8C8C8C8C8C8C8C8C',
      'Unclosed 😀 document',
    ].join('\n'));
    fs.writeFileSync(path.join(folder, 'b.seed'), '<<< 802_8a8a8a8a8a8a8a8a\nThe same id in another file\n>>> 802_8a8a8a8a8a8a8a8a\n');
    fs.writeFileSync(path.join(folder, 'team', 'c.seed'), '<<< 802_8a8a8a8a8a8a8a8a\nThe same id, a folder that opts out\n<<< 804_8d8d8d8d8d8d8d8d\nH\n');
    fs.writeFileSync(path.join(folder, 'drafts', 'd.seed'), '<<< broken\n');
  });

  after(async () => {
    await vscode.workspace.getConfiguration('seedReview').update('diagnostics.scope', undefined, vscode.ConfigurationTarget.Workspace);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('reports the same diagnostics for every file, opened or not', async () => {
    const cli = cliCheck(folder);
    assert.strictEqual(cli.stderr, '', cli.stderr);
    const expected = keys(cli.diagnostics);
    assert.ok(expected.length >= 6, `the CLI found ${expected.length} diagnostics:\n${expected.join('\n')}`);
    assert.ok(!expected.some((line) => line.startsWith('drafts/')), 'the ignored folder is not checked');

    await vscode.workspace.getConfiguration('seedReview').update('diagnostics.scope', 'workspace', vscode.ConfigurationTarget.Workspace);
    const api = extensionApi();
    const files = ['a.seed', 'b.seed', path.join('team', 'c.seed'), path.join('drafts', 'd.seed')];
    const editor = async (): Promise<string[] | undefined> => {
      await api.workspaceIndex.ready;
      await api.diagnostics.settled();
      const found = keys(editorDiagnostics(folder, files));
      return found.join('\n') === expected.join('\n') ? found : undefined;
    };
    const found = await waitFor('the Problems panel to show what seed-review check reports', editor, 60_000).catch(async (error: Error) => {
      const now: string[] = [];
      for (const file of files) for (const d of vscode.languages.getDiagnostics(vscode.Uri.file(path.join(folder, file)))) now.push(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(typeof d.code === 'object' ? d.code.value : d.code)} ${d.message}`);
      throw new Error(`${error.message}\nCLI:\n${expected.join('\n')}\neditor:\n${now.sort().join('\n')}`);
    });
    assert.deepStrictEqual(found, expected);
  });
});

describe('the project file in the editor', function () {
  this.timeout(120_000);
  const folderName = `project-file-${process.pid}`;
  let folder = '';

  before(() => {
    folder = path.join(workspaceRoot(), folderName);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'c.seed'), 'stray text\n');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('a syntax error is a diagnostic at its exact position, where check prints it (1-based) and exits 2', async () => {
    const project = path.join(folder, '.seed-review.json');
    fs.writeFileSync(project, '{\n  "severity": { "SEED007": "warning" }\n  "ignore": []\n}\n');
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'seed-review.js'), 'check', '.'], { cwd: folder, encoding: 'utf8', env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
    assert.strictEqual(cli.status, 2);
    assert.match(cli.stderr, /^seed-review: \.seed-review\.json:3:3: invalid JSON: comma expected/);
    // Opening a seed file below it resolves its project file (the watcher may not report a folder this new).
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(folder, 'c.seed'))));
    const found = await waitFor('the project file\'s diagnostic', () => {
      const list = vscode.languages.getDiagnostics(vscode.Uri.file(project)).filter((d) => d.source === 'seed-review');
      return list.length > 0 ? list : undefined;
    }, 60_000);
    assert.strictEqual(found[0].severity, vscode.DiagnosticSeverity.Error);
    assert.deepStrictEqual([found[0].range.start.line + 1, found[0].range.start.character + 1], [3, 3], 'the same place check prints');
    assert.match(found[0].message, /invalid JSON: comma expected/);
  });

  it('the JSON schema checks the file in the editor (jsonValidation): an unknown severity is flagged', async () => {
    const project = path.join(folder, '.seed-review.json');
    fs.writeFileSync(project, '{ "severity": { "SEED007": "loud" } }\n');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(project));
    await vscode.window.showTextDocument(document);
    const found = await waitFor('a schema diagnostic from the JSON language service', () => {
      const list = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source !== 'seed-review' && /loud|Value is not accepted|enum/i.test(d.message));
      return list.length > 0 ? list : undefined;
    }, 60_000);
    assert.strictEqual(document.getText(found[0].range), '"loud"');
  });
});
