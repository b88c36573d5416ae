/**
 * The entity index's host in the Node extension host (desktop, remote, code-server): the model
 * file read with fs, worker threads at a lowered priority, the cache written synchronously at
 * shutdown.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { useEntityModelFile } from '../entity-model-file';
import { nodeEntityWorkers } from '../entity-worker-node';
import type { EntityHost } from '../features/entities/entity-host';
import { vscodeFileSystem } from '../features/host/vscode-file-system';
import { nodeScheduler } from './node-scheduler';

/** The Node extension host's EntityHost. */
export function nodeEntityHost(context: vscode.ExtensionContext): EntityHost {
  return {
    scheduler: nodeScheduler,
    files: vscodeFileSystem,
    cores: os.cpus().length,
    // Registers the file as the model's source at once (synchronously); it is read on first use.
    loadModel: async () => useEntityModelFile(),
    // Background threads: on Linux each lowers its own priority by 10 (src/node/entity-worker-main.ts),
    // so with as many workers as cores the extension host's thread (hovers, typing) still wins the CPU.
    entityWorkers: async () => ({
      create: nodeEntityWorkers(context.asAbsolutePath(path.join('dist', 'entity-worker.js')), undefined, { background: true }),
      where: 'worker thread(s)',
    }),
    writeFileNow(location, data) {
      const file = vscode.Uri.parse(location).fsPath;
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Aside, then renamed: a crash mid-write must not leave half a cache.
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, data);
      fs.renameSync(temp, file);
    },
  };
}
