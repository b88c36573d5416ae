/**
 * The entity worker as a browser Web Worker (bundled to dist/web/entity-worker.js). It has no file
 * access: the extension host sends the model's bytes first (WorkerInit), read through
 * vscode.workspace.fs from the extension's own folder.
 */
import { serveEntityWorker } from '../core/entities/worker';

/** The worker's global scope, as much of it as is used (the project compiles without the DOM library). */
const scope = globalThis as unknown as {
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
};

serveEntityWorker({
  onMessage: (listener) => scope.addEventListener('message', (event) => listener(event.data)),
  postMessage: (message) => scope.postMessage(message),
});
