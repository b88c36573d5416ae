/**
 * The nearest file of a name above a file (its own folder first, then each folder above it), found
 * through the host's file system, so the editor finds what the command line finds: the project file
 * (project-config.ts) and the lexicon files. Each folder is asked once (cached); `clear` forgets
 * everything.
 */
import { HostFileError, joinLocation, parentLocation, type HostFileSystem } from '../host/file-system';

/** The folder above a location, or undefined at the top (a path's '/', a URI's authority root). */
export function folderAbove(location: string): string | undefined {
  if (location === '/' || location === '.' || location === '') return undefined;
  if (/^[a-z][\w+.-]*:\/\/[^/]*\/?$/i.test(location)) return undefined;
  const parent = parentLocation(location);
  if (parent === location || parent === '.') return undefined;
  return /^[a-z][\w+.-]*:\/\/[^/]*$/i.test(parent) ? `${parent}/` : parent;
}

/** A file found: its bytes, or why it could not be read (it exists, so it is still the nearest). */
export interface NearestFile {
  location: string;
  bytes?: Uint8Array;
  error?: string;
}

/** Finds the nearest file named `name` above seed files. */
export class NearestFileFinder {
  private readonly folders = new Map<string, Promise<NearestFile | undefined>>();

  constructor(private readonly fs: HostFileSystem, readonly name: string) {}

  /** The nearest file above `file` (a location: a path or a URI), or undefined when there is none. */
  async forFile(file: string): Promise<NearestFile | undefined> {
    for (let folder = folderAbove(file); folder !== undefined; folder = folderAbove(folder)) {
      const found = await this.inFolder(folder);
      if (found) return found;
    }
    return undefined;
  }

  /** Forgets what was read (after such a file was created, changed or deleted). */
  clear(): void {
    this.folders.clear();
  }

  /**
   * Reads again, once each, the folders looked in so far (the only ones an answer depends on):
   * what each held before and holds now. Later walks get the new reads.
   */
  async rereadAll(): Promise<{ before?: NearestFile; after?: NearestFile }[]> {
    return Promise.all([...this.folders].map(async ([folder, previous]) => {
      const before = await previous;
      const pending = this.read(joinLocation(folder, this.name));
      // Unless a clear() or another re-read came meanwhile: theirs is newer.
      if (this.folders.get(folder) === previous) this.folders.set(folder, pending);
      return { before, after: await pending };
    }));
  }

  private inFolder(folder: string): Promise<NearestFile | undefined> {
    let pending = this.folders.get(folder);
    if (!pending) {
      pending = this.read(joinLocation(folder, this.name));
      this.folders.set(folder, pending);
    }
    return pending;
  }

  private async read(location: string): Promise<NearestFile | undefined> {
    try {
      return { location, bytes: await this.fs.readFile(location) };
    } catch (error) {
      if (error instanceof HostFileError && (error.code === 'not-found' || error.code === 'not-directory')) return undefined;
      return { location, error: error instanceof Error ? error.message : String(error) };
    }
  }
}
