import type { HostFileSystem } from '../../core/host/file-system';
import type { HostScheduler } from '../../core/host/scheduler';
import type { EntityWorkerSupply } from '../../core/entities/bulk-extraction';

/** Workers this host can give the entity index, or why it cannot (core/entities/bulk-extraction.ts). */
export type { EntityWorkerSupply };

/**
 * What the entity index needs from the extension host it runs in, so that one EntityService
 * serves the Node host (worker threads, the model file read with fs) and the browser's web worker
 * host (Web Workers where the host allows them, the model read through vscode.workspace.fs).
 * Built by the entry points: src/node/node-entity-host.ts and src/web/web-entity-host.ts.
 */
export interface EntityHost {
  /** Yielding between slices of work, timers. */
  readonly scheduler: HostScheduler;
  /** Where the extraction cache is read and written (locations are URI strings). */
  readonly files: HostFileSystem;
  /** Logical processors, for the automatic worker count. */
  readonly cores: number;
  /**
   * Makes the entity model available to extractDocument (setEntityModelSource); called on the
   * first need only (activation reads no model). Resolves when extraction may run.
   */
  loadModel(): Promise<void>;
  /** Asked once, on the first bulk extraction: workers of this host, or why there are none. */
  entityWorkers(): Promise<EntityWorkerSupply>;
  /**
   * Writes a file before returning, for the cache at shutdown (VS Code does not wait for an
   * asynchronous write there). Absent where the host cannot (the browser): a last asynchronous
   * write is attempted, and the debounced writes made during the session stand.
   */
  writeFileNow?(location: string, data: Uint8Array): void;
}
