import type * as vscode from 'vscode';
import type { HostScheduler } from '../../core/host/scheduler';
import type { EntityFeatures } from '../entities';
import type { ParseCache } from '../parse-cache';
import type { ProjectConfigs } from '../project-config';
import type { WorkspaceSeedIndex } from '../workspace-index';

/** What the entity features need from the wiring. */
export interface EntityFeatureDeps {
  parseCache: ParseCache;
  workspaceIndex: WorkspaceSeedIndex;
  log: vscode.LogOutputChannel;
  /** The project files' one reader: the lexicon takes their `lexicon` from it. */
  projectConfigs: ProjectConfigs;
}

/**
 * What differs between the extension hosts the extension runs in (Node on the desktop and on a
 * server, a Web Worker in the browser). The entry points (src/extension.ts, src/web/extension.ts)
 * each build one and hand it to activateWith(); nothing else in src/features knows which host it
 * is in, so one code base serves both.
 */
export interface SeedReviewHost {
  /** 'node': the desktop or server extension host; 'web': the browser's web worker extension host. */
  readonly kind: 'node' | 'web';
  /** Timers and yielding for work done in slices in the extension host. */
  readonly scheduler: HostScheduler;
  /**
   * Registers the named-entity features, or is absent where they cannot run in this host yet;
   * activation then says so once, and every other feature works.
   */
  readonly registerEntities?: (context: vscode.ExtensionContext, deps: EntityFeatureDeps) => EntityFeatures;
  /** One sentence for the user about what this host cannot do, shown once (absent: nothing missing). */
  readonly limitation?: string;
  /**
   * Reads a file of the workspace for the index, where the host can do it faster than
   * `workspace.fs` (absent, or undefined for a URI: `workspace.fs`). The Node host reads `file:` URIs with Node's fs:
   * `workspace.fs` is a message to the workbench and back per file (over a compressed socket in
   * code-server), which made reading 10,000 files several times slower than the parsing.
   */
  readonly readWorkspaceFile?: (uri: vscode.Uri) => Promise<Uint8Array> | undefined;
  /**
   * A cheap, synchronous version stamp of a workspace file on disk (modification time and size),
   * undefined when the host cannot take one or the file is gone. Where present, the index's
   * relisting also finds files changed on disk that the file watcher did not report.
   */
  readonly stampWorkspaceFile?: (uri: vscode.Uri) => string | undefined;
}
