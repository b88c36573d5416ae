/**
 * The entity worker as a Node worker thread (bundled to dist/entity-worker.js; tsc compiles it to
 * out/src/node/entity-worker-main.js for the benchmarks): connects parentPort to the core worker
 * and reads the model file itself, lazily, on the first batch.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { useEntityModelFile } from '../entity-model-file';
import { setEntityModelSource } from '../core/entities/ner/runtime';
import { serveEntityWorker } from '../core/entities/worker';

// The pool may name the model file (tests, a relocated worker); else the package's own, read on first use.
const modelPath = (workerData as { modelPath?: unknown } | null)?.modelPath;
if (typeof modelPath === 'string') setEntityModelSource(() => readFileSync(modelPath));
else useEntityModelFile();

if (parentPort) {
  const port = parentPort;
  serveEntityWorker({ onMessage: (listener) => port.on('message', listener), postMessage: (message) => port.postMessage(message) });
}
