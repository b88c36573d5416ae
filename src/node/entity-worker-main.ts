/**
 * The entity worker as a Node worker thread (bundled to dist/entity-worker.js; tsc compiles it to
 * out/src/node/entity-worker-main.js for the benchmarks): connects parentPort to the core worker
 * and reads the model file itself, lazily, on the first batch.
 */
import { readFileSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { useEntityModelFile } from '../entity-model-file';
import { setEntityModelSource } from '../core/entities/ner/runtime';
import { serveEntityWorker } from '../core/entities/worker';

const data = workerData as { modelPath?: unknown; background?: unknown; pause?: unknown } | null;

// A background worker (the extension's index build) yields the CPU to the extension host: on
// Linux, setpriority on id 0 changes the calling thread only, so the host thread keeps its
// priority and answers hovers while the index builds. Elsewhere it would lower the whole
// process, so it is left alone there; a failure (a limit on niceness) changes nothing.
if (data?.background === true && process.platform === 'linux') {
  try {
    setPriority(Math.min(19, getPriority() + 10));
  } catch {
    // Keep the inherited priority.
  }
}

// The pool may name the model file (tests, a relocated worker); else the package's own, read on first use.
const modelPath = data?.modelPath;
if (typeof modelPath === 'string') setEntityModelSource(() => readFileSync(modelPath));
else useEntityModelFile();

if (parentPort) {
  const port = parentPort;
  // The pool's pause flag (src/entity-worker-node.ts): the worker stops between documents while it is set.
  const pause = data?.pause instanceof SharedArrayBuffer ? data.pause : undefined;
  serveEntityWorker({ onMessage: (listener) => port.on('message', listener), postMessage: (message) => port.postMessage(message) }, pause);
}
