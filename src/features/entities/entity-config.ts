import * as os from 'node:os';
import * as vscode from 'vscode';

/** The `seedReview.entities.*` settings, typed. */
export interface EntityConfig {
  enabled: boolean;
  workers: number;
  semanticHighlighting: boolean;
}

/**
 * Workers when the setting says 0 (automatic): one core stays free for the extension host, so
 * hovers and typing never queue behind extraction; at most 4, past which consolidation, not
 * tagging, is the bottleneck.
 */
export function automaticWorkerCount(cores = os.cpus().length): number {
  return Math.max(1, Math.min(4, cores - 1));
}

/** Reads the entity settings, falling back to defaults for values of the wrong shape. */
export function readEntityConfig(): EntityConfig {
  const section = vscode.workspace.getConfiguration('seedReview.entities');
  const workers = section.get<number>('workers', 0);
  return {
    enabled: section.get<boolean>('enabled', true) !== false,
    workers: typeof workers === 'number' && workers >= 1 ? Math.min(Math.floor(workers), 16) : automaticWorkerCount(),
    semanticHighlighting: section.get<boolean>('semanticHighlighting', false) === true,
  };
}
