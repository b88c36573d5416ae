/**
 * Background workers, which differ between hosts: worker_threads in Node, Web Workers in a
 * browser, none where the host refuses them (VS Code Server serving a web extension). Core code
 * that wants work off the host's thread asks a factory, and runs the work in slices on the host's
 * thread itself when the factory has none to give.
 */

/** A running worker: messages in, messages out. */
export interface HostWorker {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the worker fails or exits unexpectedly, with a one-line reason. */
  onError(listener: (reason: string) => void): void;
  terminate(): Promise<void>;
}

/** Makes workers of one script. */
export interface HostWorkerFactory {
  /** A new worker, or undefined when this host cannot create one (the caller works in slices). */
  create(): HostWorker | undefined;
}
