/**
 * The entity index's host in the browser's web worker extension host (vscode.dev, github.dev,
 * code-server's web host): the model read from the extension's own folder through
 * vscode.workspace.fs (lazily, on the first need), extraction in Web Workers where the host lets
 * the extension create them, else in slices on the extension host (the service's fallback).
 */
import * as vscode from 'vscode';
import { setEntityModelSource } from '../core/entities/ner/runtime';
import type { EntityWorkerLike } from '../core/entities/worker-pool';
import type { WorkerReady, WorkerResponse } from '../core/entities/worker-protocol';
import type { HostScheduler } from '../core/host/scheduler';
import type { EntityHost, EntityWorkerSupply } from '../features/entities/entity-host';
import { vscodeFileSystem } from '../features/host/vscode-file-system';

/** A browser Worker, as much of it as is used (the project compiles without the DOM library). */
interface BrowserWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null;
}
type WorkerConstructor = new (url: string, options?: { name?: string }) => BrowserWorker;

/** How long a new worker may take to load its script and decode the model before the host is deemed to give none. */
const WORKER_READY_TIMEOUT_MS = 15_000;

/** The browser host's EntityHost. */
export function webEntityHost(context: vscode.ExtensionContext, scheduler: HostScheduler): EntityHost {
  let model: Promise<Uint8Array> | undefined;
  const readModel = (): Promise<Uint8Array> => {
    model ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'models', 'entity-model.bin'))).catch((error) => {
      model = undefined;
      throw new Error(`entity model: models/entity-model.bin of the extension could not be read (${error instanceof Error ? error.message : String(error)})`);
    });
    return model;
  };
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency;
  return {
    scheduler,
    files: vscodeFileSystem,
    cores: typeof cores === 'number' && cores > 0 ? cores : 2,
    async loadModel() {
      const bytes = await readModel();
      setEntityModelSource(() => bytes);
    },
    entityWorkers: () => webWorkers(context, readModel),
  };
}

/**
 * Web Workers of dist/web/entity-worker.js, if this host allows them. First from the extension's
 * URI (what vscode.dev and github.dev serve); VS Code Server refuses that for the web extensions
 * it serves ("Creating workers from remote extensions is currently not supported"), so then from a
 * blob of the same script read through workspace.fs. Each candidate is proved by a worker that
 * loads the script and decodes the model; when none is, the answer says why.
 */
async function webWorkers(context: vscode.ExtensionContext, readModel: () => Promise<Uint8Array>): Promise<EntityWorkerSupply> {
  const Worker = (globalThis as { Worker?: WorkerConstructor }).Worker;
  if (typeof Worker !== 'function') return { unavailable: 'this extension host has no Worker' };
  let bytes: Uint8Array;
  try {
    bytes = await readModel();
  } catch (error) {
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'entity-worker.js');
  const reasons: string[] = [];
  const candidates: { where: string; url: () => Promise<string> }[] = [
    { where: 'Web Worker(s) from the extension\'s URI', url: async () => script.toString(true) },
    {
      where: 'Web Worker(s) from a blob of the worker script (the host refused the extension\'s URI)',
      url: async () => URL.createObjectURL(new Blob([await vscode.workspace.fs.readFile(script)], { type: 'text/javascript' })),
    },
  ];
  for (const candidate of candidates) {
    try {
      const url = await candidate.url();
      const probe = startWorker(Worker, url, bytes);
      await probe.ready;
      void probe.worker.terminate();
      return { where: candidate.where, create: () => startWorker(Worker, url, bytes).worker };
    } catch (error) {
      reasons.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { unavailable: reasons.join('; ') };
}

/** Starts one worker, sends it the model, and wraps it as the pool's EntityWorkerLike. */
function startWorker(Worker: WorkerConstructor, url: string, model: Uint8Array): { worker: EntityWorkerLike; ready: Promise<void> } {
  const worker = new Worker(url, { name: 'Seed Review entities' });
  const messageListeners: ((response: WorkerResponse) => void)[] = [];
  const errorListeners: ((error: unknown) => void)[] = [];
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const timer = setTimeout(() => settle?.reject(new Error(`the entity worker did not start within ${WORKER_READY_TIMEOUT_MS / 1000} s`)), WORKER_READY_TIMEOUT_MS);
  const finish = (error?: Error): void => {
    clearTimeout(timer);
    if (error) settle?.reject(error);
    else settle?.resolve();
    settle = undefined;
  };
  worker.onmessage = (event) => {
    const data = event.data as Partial<WorkerReady> | WorkerResponse;
    if ('ready' in data && data.ready) {
      finish(data.error ? new Error(data.error) : undefined);
      return;
    }
    for (const listener of messageListeners) listener(data as WorkerResponse);
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    const error = new Error(`entity worker failed: ${event.message ?? 'the script could not be loaded'}`);
    finish(error);
    for (const listener of errorListeners) listener(error);
  };
  // A pause flag shared with the worker where the page may share memory (cross-origin isolated):
  // the worker then stops between two documents; elsewhere a paused pool only stops feeding it.
  const pause = sharedPauseFlag();
  worker.postMessage({ init: pause ? { model, pause: pause.buffer } : { model } });
  return {
    ready,
    worker: {
      postMessage: (request) => worker.postMessage(request),
      onMessage: (listener) => messageListeners.push(listener),
      onError: (listener) => errorListeners.push(listener),
      terminate: () => {
        clearTimeout(timer);
        worker.terminate();
      },
      setPaused: pause
        ? (paused) => {
          Atomics.store(pause.flag, 0, paused ? 1 : 0);
          if (!paused) Atomics.notify(pause.flag, 0);
        }
        : undefined,
    },
  };
}

/** A SharedArrayBuffer for a pause flag, where this host may post one to a worker (cross-origin isolation); else undefined. */
function sharedPauseFlag(): { buffer: SharedArrayBuffer; flag: Int32Array } | undefined {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  if (!isolated || typeof SharedArrayBuffer !== 'function') return undefined;
  const buffer = new SharedArrayBuffer(4);
  return { buffer, flag: new Int32Array(buffer) };
}
