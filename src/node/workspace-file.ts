import { readFileSync, statSync } from 'fs';
import type * as vscode from 'vscode';

/**
 * How the Node extension host reads a workspace file for the index (SeedReviewHost.readWorkspaceFile):
 * `file:` URIs with Node's fs, others (undefined) through `workspace.fs`.
 *
 * Synchronous on purpose: for the small files of a workspace scan it costs a sixth of the CPU of
 * fs.promises.readFile (10,000 files of 1 KB on the 2-core test machine: 70-120 ms against
 * 650-730 ms; the callback fs.readFile 420-480 ms), and on a shared 2-core machine CPU is what
 * limits the scan. The parse that follows each read is synchronous too and costs more than the
 * read, so this adds less to any stretch of blocking than the parse already does.
 */
export function readWorkspaceFileSync(uri: vscode.Uri): Promise<Uint8Array> | undefined {
  if (uri.scheme !== 'file') return undefined;
  try {
    return Promise.resolve(readFileSync(uri.fsPath));
  } catch (error) {
    return Promise.reject(error);
  }
}

/**
 * The Node host's version stamp of a `file:` URI (SeedReviewHost.stampWorkspaceFile): modification
 * time and size from a synchronous stat (about 5 µs a file here, so 10,000 files cost ~50 ms,
 * taken in slices by the index's relisting); undefined for other schemes or when the file is gone.
 */
export function stampWorkspaceFileSync(uri: vscode.Uri): string | undefined {
  if (uri.scheme !== 'file') return undefined;
  const stat = statSync(uri.fsPath, { throwIfNoEntry: false });
  return stat ? `${stat.mtimeMs}:${stat.size}` : undefined;
}
