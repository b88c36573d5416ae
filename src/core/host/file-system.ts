/**
 * File access as the language service needs it, behind one small interface with an
 * implementation per host: Node's `fs` for the CLI and the Node extension host
 * (src/node/node-file-system.ts), `vscode.workspace.fs` for the editor in any host, the web
 * worker one included (src/features/host/vscode-file-system.ts), and memory for tests
 * (memory-file-system.ts). Core code that reads or writes a user's file goes through it, so
 * atomic writes and error wording are decided once.
 *
 * A location is a '/'-separated string: a file path in the CLI, a URI string in the editor.
 * The path helpers below work on both, because both keep the path in the last part.
 */

/** What a location names. A symbolic link is reported as such, never silently followed. */
export type FileKind = 'file' | 'directory' | 'symlink' | 'other';

/** What `stat` tells about a location. */
export interface FileStat {
  kind: FileKind;
  size: number;
  /** Modification time in milliseconds since the epoch. */
  mtimeMs: number;
}

/** One entry of a folder listing: its name (not a full location) and kind. */
export interface DirectoryEntry {
  name: string;
  kind: FileKind;
}

/** Why a file operation failed, in terms every host can map its own errors to. */
export type FileErrorCode =
  | 'not-found' | 'permission' | 'exists' | 'no-space' | 'read-only' | 'is-directory' | 'not-directory' | 'other';

/** A file operation's failure, with a code the caller can act on and words a user understands. */
export class HostFileError extends Error {
  constructor(readonly code: FileErrorCode, readonly location: string, detail?: string) {
    super(detail ?? describeFileErrorCode(code));
  }
}

/** How writeFileAtomic treats an existing target. */
export interface WriteOptions {
  /** Default true: replace it. False: fail with 'exists' and leave it alone. */
  overwrite?: boolean;
}

/** The host's file system, as the language service uses it. */
export interface HostFileSystem {
  /** The file's bytes. Rejects with HostFileError. */
  readFile(location: string): Promise<Uint8Array>;
  /**
   * Replaces (or creates) a file atomically: the bytes go to a temporary file in the same folder,
   * which is renamed over the target only when complete. On failure the target is untouched and
   * the temporary file removed. A symbolic link at the target is replaced, never written through.
   * With `overwrite: false` an existing target is left alone and the write fails with 'exists'
   * (decided at the moment of publishing, so a file created meanwhile is not replaced either).
   */
  writeFileAtomic(location: string, data: Uint8Array, options?: WriteOptions): Promise<void>;
  /** What the location is, or undefined when nothing is there. Does not follow a final symlink. */
  stat(location: string): Promise<FileStat | undefined>;
  /** The folder's entries, in no particular order. */
  readDirectory(location: string): Promise<DirectoryEntry[]>;
  /** Creates a folder and its missing parents. */
  createDirectory(location: string): Promise<void>;
  /** Removes a file; nothing when it is already gone. */
  delete(location: string): Promise<void>;
}

/** Words for a failure code, as the CLI prints them after the path. */
export function describeFileErrorCode(code: FileErrorCode): string {
  switch (code) {
    case 'not-found': return 'no such file or folder';
    case 'permission': return 'permission denied';
    case 'exists': return 'already exists';
    case 'no-space': return 'no space left on the device';
    case 'read-only': return 'read-only file system';
    case 'is-directory': return 'is a folder, expected a file';
    case 'not-directory': return 'a part of the path is not a folder';
    default: return 'the file system refused the operation';
  }
}

/** The words for any error a file operation threw: a HostFileError's own, else its message. */
export function describeFileError(error: unknown): string {
  if (error instanceof HostFileError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** `location` with `names` appended, one '/' between each. */
export function joinLocation(location: string, ...names: string[]): string {
  let result = location;
  for (const name of names) result = result.endsWith('/') ? result + name : `${result}/${name}`;
  return result;
}

/** The last segment of a location (its file or folder name). */
export function baseName(location: string): string {
  const trimmed = location.endsWith('/') ? location.slice(0, -1) : location;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** The location of the folder that holds `location`. */
export function parentLocation(location: string): string {
  const trimmed = location.endsWith('/') && location.length > 1 ? location.slice(0, -1) : location;
  const slash = trimmed.lastIndexOf('/');
  if (slash < 0) return '.';
  if (slash === 0) return '/';
  return trimmed.slice(0, slash);
}

/**
 * The name of the temporary file an atomic write of `location` uses: hidden, in the same folder
 * (so the rename never crosses a device), unique enough that two writers never share one.
 */
export function temporarySibling(location: string, unique: string): string {
  return joinLocation(parentLocation(location), `.${baseName(location)}.${unique}.tmp`);
}
