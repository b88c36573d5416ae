/**
 * What an entity worker does, whatever runs it: a Node worker thread (src/node/entity-worker-main.ts,
 * bundled to dist/entity-worker.js) or a browser Web Worker (src/web/entity-worker.ts, bundled to
 * dist/web/entity-worker.js). The entries only connect their message port and say where the
 * model's bytes come from; no Node and no DOM here.
 *
 * Protocol: an optional WorkerInit (the model's bytes) answered by WorkerReady; then
 * { batch, docs: [{ key, lines }] } answered by { batch, results: [{ key, extraction } | { key, error }] }
 * once per batch.
 */
import { extractDocument } from './extract';
import { entityModel, setEntityModelSource } from './ner/runtime';
import type { WorkerInit, WorkerReady, WorkerRequest, WorkerResponse } from './worker-protocol';

/** A worker's side of its message channel. */
export interface WorkerPort {
  onMessage(listener: (message: unknown) => void): void;
  postMessage(message: WorkerResponse | WorkerReady): void;
}

/** The results of one batch: every document extracted, a failing one reported alone. */
export function answerBatch(request: WorkerRequest): WorkerResponse {
  const results: WorkerResponse['results'] = request.docs.map((doc) => {
    try {
      return { key: doc.key, extraction: extractDocument(doc.lines) };
    } catch (e) {
      return { key: doc.key, error: e instanceof Error ? e.message : String(e) };
    }
  });
  return { batch: request.batch, results };
}

/** Serves extraction requests on `port` until the worker ends. */
export function serveEntityWorker(port: WorkerPort): void {
  port.onMessage((message) => {
    const init = (message as Partial<WorkerInit>).init;
    if (init) {
      const bytes = init.model;
      setEntityModelSource(() => bytes);
      try {
        entityModel();
        port.postMessage({ ready: true });
      } catch (e) {
        port.postMessage({ ready: true, error: e instanceof Error ? e.message : String(e) });
      }
      return;
    }
    port.postMessage(answerBatch(message as WorkerRequest));
  });
}
