// Copies the latest fixtures into test/workspace (see prepareWorkspace in common.mjs). The runners do
// this themselves; this script is for F5 in VS Code (.vscode/tasks.json) and for by-hand use.
import { log, prepareWorkspace, runMain, workspaceDir } from './common.mjs';

runMain(async () => {
  const copied = prepareWorkspace();
  log(`workspace ${workspaceDir} (fixtures copied: ${copied.join(', ') || 'none'})`);
  return 0;
});
