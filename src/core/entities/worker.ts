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

/**
 * A pause flag shared with the host (Int32 0: run, anything else: paused), as a gate to call
 * between documents: it returns at once while the flag is 0, else blocks this worker's thread
 * (Atomics.wait: no CPU) until the host clears the flag. The host pauses extraction while the user
 * interacts (src/core/entities/interactive-yield.ts); waiting in slices of 100 ms keeps a lost
 * notification from stalling the worker for longer than that.
 */
export function pauseGate(flag: Int32Array): () => void {
  return () => {
    for (let state = Atomics.load(flag, 0); state !== 0; state = Atomics.load(flag, 0)) Atomics.wait(flag, 0, state, 100);
  };
}

/** The results of one batch: every document extracted, a failing one reported alone; `gate` runs before each document. */
export function answerBatch(request: WorkerRequest, gate?: () => void): WorkerResponse {
  const results: WorkerResponse['results'] = request.docs.map((doc) => {
    gate?.();
    try {
      return { key: doc.key, extraction: extractDocument(doc.lines) };
    } catch (e) {
      return { key: doc.key, error: e instanceof Error ? e.message : String(e) };
    }
  });
  return { batch: request.batch, results };
}

/**
 * Serves extraction requests on `port` until the worker ends. `pause`: a flag shared with the host
 * (see pauseGate); a Web Worker may get it in its WorkerInit instead.
 */
export function serveEntityWorker(port: WorkerPort, pause?: SharedArrayBuffer): void {
  let gate = pause ? pauseGate(new Int32Array(pause)) : undefined;
  port.onMessage((message) => {
    const init = (message as Partial<WorkerInit>).init;
    if (init) {
      if (init.pause) gate = pauseGate(new Int32Array(init.pause));
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
    port.postMessage(answerBatch(message as WorkerRequest, gate));
  });
}
