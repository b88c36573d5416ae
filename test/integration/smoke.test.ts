// First integration tests: the extension loads in a real VS Code and owns the seed language.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, EXTENSION_ID, openWorkspaceFile, workspaceFiles } from './helpers';

describe('smoke', () => {
  afterEach(closeAllEditors);

  it('the extension is active', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.strictEqual(extension.isActive, true);
  });

  it('opening a .seed corpus of the workspace sets languageId seed', async () => {
    const corpora = workspaceFiles(/\.seed$/);
    assert.ok(corpora.length > 0, 'test/workspace holds no .seed file');
    for (const name of corpora) {
      const document = await openWorkspaceFile(name);
      assert.strictEqual(document.languageId, 'seed', name);
    }
  });

  it('opening a bare seed file NNN_<16 hex>.txt sets languageId seed', async () => {
    const bare = workspaceFiles(/^[0-9]{3,}_[0-9a-f]{16}\.txt$/);
    assert.ok(bare.includes('000_0f5d7b9424756893.txt'), `the real seed is missing from test/workspace (found: ${bare.join(', ')})`);
    const document = await openWorkspaceFile('000_0f5d7b9424756893.txt');
    assert.strictEqual(document.languageId, 'seed');
  });

  it('a plain .txt file that is not a seed name stays plaintext', async () => {
    const document = await openWorkspaceFile('README.txt');
    assert.strictEqual(document.languageId, 'plaintext');
  });
});
