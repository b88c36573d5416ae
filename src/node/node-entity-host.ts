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
    entityWorkers: async () => ({ create: nodeEntityWorkers(workerScript(context)), where: 'worker thread(s)' }),
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

/**
 * The worker script. On Linux a small bootstrap lowers each worker thread's scheduling priority
 * (nice 10) before loading the real worker: with as many workers as cores, the extension host's
 * own thread (hovers, typing) must still win the CPU. Elsewhere, or if anything fails, the
 * bundled worker as is.
 */
function workerScript(context: vscode.ExtensionContext): string {
  const real = context.asAbsolutePath(path.join('dist', 'entity-worker.js'));
  if (process.platform !== 'linux') return real;
  try {
    const dir = context.globalStorageUri.fsPath;
    const file = path.join(dir, 'entity-worker-low-priority.js');
    const code = [
      '// Written by Seed Review: lowers this worker thread\'s priority, then runs the entity worker.',
      'try {',
      "  const tid = Number(require('fs').readlinkSync('/proc/thread-self').split('/').pop());",
      "  if (tid > 0) require('os').setPriority(tid, 10);",
      '} catch {}',
      `require(${JSON.stringify(real)});`,
      '',
    ].join('\n');
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== code) fs.writeFileSync(file, code);
    return file;
  } catch {
    return real;
  }
}
