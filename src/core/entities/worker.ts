/**
 * Entity extraction worker (node:worker_threads). Bundled to dist/entity-worker.js for the
 * extension; tsc compiles it to out/src/core/entities/worker.js for the CLI and tests.
 *
 * Protocol: receives { batch, docs: [{ key, lines }] }, answers { batch, results: [{ key,
 * extraction } | { key, error }] } once per batch.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { extractDocument } from './extract';
import { useEntityModelFile } from '../../entity-model-file';
import { setEntityModelSource } from './ner/runtime';
import type { WorkerRequest, WorkerResponse } from './worker-protocol';

// The pool may name the model file (tests, a relocated worker); else the package's own, read on first use.
const modelPath = (workerData as { modelPath?: unknown } | null)?.modelPath;
if (typeof modelPath === 'string') setEntityModelSource(() => readFileSync(modelPath));
else useEntityModelFile();

parentPort?.on('message', (msg: WorkerRequest) => {
  const results: WorkerResponse['results'] = msg.docs.map((doc) => {
    try {
      return { key: doc.key, extraction: extractDocument(doc.lines) };
    } catch (e) {
      return { key: doc.key, error: e instanceof Error ? e.message : String(e) };
    }
  });
  const response: WorkerResponse = { batch: msg.batch, results };
  parentPort?.postMessage(response);
});
