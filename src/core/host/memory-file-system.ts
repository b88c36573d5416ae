import {
  HostFileError, parentLocation, baseName, type DirectoryEntry, type FileStat, type HostFileSystem, type WriteOptions,
} from './file-system';

/**
 * A HostFileSystem held in memory, for unit tests of code that reads and writes files: every
 * operation behaves as the real hosts do (atomic replace, errors with codes), and a test can make
 * the next writes fail to prove that a failed write leaves the target untouched.
 */
export class MemoryFileSystem implements HostFileSystem {
  private readonly files = new Map<string, { data: Uint8Array; mtimeMs: number }>();
  private readonly folders = new Set<string>(['/']);
  private clock = 1;
  /** When set, writes fail with this code (for example 'no-space') after writing this many bytes. */
  failWrites: { code: 'no-space' | 'permission' | 'read-only'; afterBytes: number } | undefined;
  /** Every location written, in order: tests assert that files without changes are not written. */
  readonly writes: string[] = [];

  /** A file system holding `files` (location -> text or bytes); their folders are created. */
  static from(files: Record<string, string | Uint8Array>): MemoryFileSystem {
    const fs = new MemoryFileSystem();
    for (const [location, content] of Object.entries(files)) {
      fs.addFolder(parentLocation(location));
      fs.files.set(location, { data: typeof content === 'string' ? new TextEncoder().encode(content) : content, mtimeMs: fs.clock++ });
    }
    return fs;
  }

  /** The text of a file, or undefined when there is none. */
  text(location: string): string | undefined {
    const file = this.files.get(location);
    return file && new TextDecoder().decode(file.data);
  }

  /** Every file location, sorted. */
  list(): string[] {
    return [...this.files.keys()].sort();
  }

  async readFile(location: string): Promise<Uint8Array> {
    const file = this.files.get(location);
    if (!file) throw new HostFileError(this.folders.has(location) ? 'is-directory' : 'not-found', location);
    return file.data.slice();
  }

  async writeFileAtomic(location: string, data: Uint8Array, options?: WriteOptions): Promise<void> {
    const folder = parentLocation(location);
    if (!this.folders.has(folder)) throw new HostFileError('not-found', location);
    if (this.folders.has(location)) throw new HostFileError('is-directory', location);
    if (options?.overwrite === false && this.files.has(location)) throw new HostFileError('exists', location);
    if (this.failWrites) {
      // The temporary sibling would hold a partial copy; the real hosts remove it, and so do we.
      throw new HostFileError(this.failWrites.code, location);
    }
    this.writes.push(location);
    this.files.set(location, { data: data.slice(), mtimeMs: this.clock++ });
  }

  async stat(location: string): Promise<FileStat | undefined> {
    const file = this.files.get(location);
    if (file) return { kind: 'file', size: file.data.length, mtimeMs: file.mtimeMs };
    if (this.folders.has(location)) return { kind: 'directory', size: 0, mtimeMs: 0 };
    return undefined;
  }

  async readDirectory(location: string): Promise<DirectoryEntry[]> {
    if (!this.folders.has(location)) throw new HostFileError(this.files.has(location) ? 'not-directory' : 'not-found', location);
    const entries: DirectoryEntry[] = [];
    for (const file of this.files.keys()) if (parentLocation(file) === location) entries.push({ name: baseName(file), kind: 'file' });
    for (const folder of this.folders) if (folder !== location && parentLocation(folder) === location) entries.push({ name: baseName(folder), kind: 'directory' });
    return entries;
  }

  async createDirectory(location: string): Promise<void> {
    if (this.files.has(location)) throw new HostFileError('exists', location);
    this.addFolder(location);
  }

  async delete(location: string): Promise<void> {
    this.files.delete(location);
  }

  private addFolder(location: string): void {
    for (let folder = location; !this.folders.has(folder); folder = parentLocation(folder)) {
      this.folders.add(folder);
      if (folder === '/' || folder === '.') break;
    }
  }
}

