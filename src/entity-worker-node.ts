/**
 * Entity workers as Node worker threads, behind the pool's EntityWorkerLike interface (the pool
 * itself, in core, knows no Node API; a browser host would pass Web Workers instead).
 */
import { Worker } from 'node:worker_threads';
import type { EntityWorkerLike } from './core/entities/worker-pool';
import type { WorkerResponse } from './core/entities/worker-protocol';

/**
 * A factory of worker threads running `script` (dist/entity-worker.js, or a bundle of
 * src/node/entity-worker-main.ts); `modelPath` names the model file when it is not the package's.
 * `background`: the threads run at a lower priority (niceness + 10, Linux only), so that the
 * thread that made them (the extension host answering hovers) comes first on a busy machine.
 * Each worker shares a pause flag with the pool (setPaused stops it between two documents).
 */
export function nodeEntityWorkers(script: string, modelPath?: string, options: { background?: boolean } = {}): () => EntityWorkerLike {
  return () => {
    // The pause flag the worker checks between documents (src/core/entities/worker.ts pauseGate).
    const pause = new SharedArrayBuffer(4);
    const flag = new Int32Array(pause);
    const worker = new Worker(script, { workerData: { modelPath, background: options.background === true, pause } });
    return {
      postMessage: (request) => worker.postMessage(request),
      onMessage: (listener) => {
        worker.on('message', (msg: WorkerResponse) => listener(msg));
      },
      onError: (listener) => {
        worker.on('error', listener);
        worker.on('exit', (code) => {
          if (code !== 0) listener(new Error(`entity worker exited with code ${code}`));
        });
      },
      terminate: () => worker.terminate(),
      setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
      setPaused: (paused) => {
        Atomics.store(flag, 0, paused ? 1 : 0);
        if (!paused) Atomics.notify(flag, 0);
      },
    };
  };
}
