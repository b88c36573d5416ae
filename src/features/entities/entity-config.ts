import * as vscode from 'vscode';
import { automaticWorkerCount } from '../../core/worker-count';

/** The `seedReview.entities.*` settings, typed. */
export interface EntityConfig {
  enabled: boolean;
  workers: number;
  semanticHighlighting: boolean;
}

/**
 * Reads the entity settings, falling back to defaults for values of the wrong shape. `cores`
 * (the host's logical processors: os.cpus() in Node, navigator.hardwareConcurrency in a browser)
 * sets the automatic worker count.
 */
export function readEntityConfig(cores = 2): EntityConfig {
  const section = vscode.workspace.getConfiguration('seedReview.entities');
  const workers = section.get<number>('workers', 0);
  return {
    enabled: section.get<boolean>('enabled', true) !== false,
    workers: typeof workers === 'number' && workers >= 1 ? Math.min(Math.floor(workers), 16) : automaticWorkerCount(cores),
    semanticHighlighting: section.get<boolean>('semanticHighlighting', false) === true,
  };
}
