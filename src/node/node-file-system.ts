import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import {
  HostFileError, temporarySibling, type DirectoryEntry, type FileErrorCode, type FileKind, type FileStat, type HostFileSystem,
} from '../core/host/file-system';

/** Node's error codes in the host interface's terms. */
function codeOf(error: unknown): FileErrorCode {
  switch ((error as NodeJS.ErrnoException | undefined)?.code) {
    case 'ENOENT': return 'not-found';
    case 'EACCES': case 'EPERM': return 'permission';
    case 'EEXIST': case 'ENOTEMPTY': return 'exists';
    case 'ENOSPC': case 'EDQUOT': return 'no-space';
    case 'EROFS': return 'read-only';
    case 'EISDIR': return 'is-directory';
    case 'ENOTDIR': return 'not-directory';
    default: return 'other';
  }
}

/** A Node error as a HostFileError, keeping the message of errors the interface has no code for. */
export function toHostFileError(error: unknown, location: string): HostFileError {
  if (error instanceof HostFileError) return error;
  const code = codeOf(error);
  return new HostFileError(code, location, code === 'other' && error instanceof Error ? error.message : undefined);
}

function kindOf(stat: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean }): FileKind {
  if (stat.isSymbolicLink()) return 'symlink';
  if (stat.isFile()) return 'file';
  if (stat.isDirectory()) return 'directory';
  return 'other';
}

/** The HostFileSystem of the CLI and the Node extension host: locations are file paths. */
export const nodeFileSystem: HostFileSystem = {
  async readFile(location) {
    try {
      return await fs.readFile(location);
    } catch (error) {
      throw toHostFileError(error, location);
    }
  },

  async writeFileAtomic(location, data, options) {
    const temporary = temporarySibling(location, randomBytes(6).toString('hex'));
    let handle: fs.FileHandle | undefined;
    try {
      // 'wx': never reuse or follow something already at the temporary name.
      handle = await fs.open(temporary, 'wx', await modeToKeep(location));
      await handle.writeFile(data);
      // The rename must not publish bytes the disk has not got yet (a crash would leave an empty file).
      await handle.sync();
      await handle.close();
      handle = undefined;
      if (options?.overwrite === false) {
        // link() refuses an existing target atomically, where a check before rename() would race.
        await fs.link(temporary, location);
        await fs.rm(temporary, { force: true });
      } else {
        await fs.rename(temporary, location);
      }
    } catch (error) {
      await handle?.close().catch(() => undefined);
      await fs.rm(temporary, { force: true }).catch(() => undefined);
      throw toHostFileError(error, location);
    }
  },

  async stat(location) {
    try {
      const stat = await fs.lstat(location);
      return { kind: kindOf(stat), size: stat.size, mtimeMs: stat.mtimeMs } satisfies FileStat;
    } catch (error) {
      if (codeOf(error) === 'not-found') return undefined;
      throw toHostFileError(error, location);
    }
  },

  async readDirectory(location) {
    try {
      const entries = await fs.readdir(location, { withFileTypes: true });
      return entries.map((entry): DirectoryEntry => ({ name: entry.name, kind: kindOf(entry) }));
    } catch (error) {
      throw toHostFileError(error, location);
    }
  },

  async createDirectory(location) {
    // Not fs.mkdir's `recursive`: on a read-only file system it reports ENOENT (it stats the path
    // after EROFS), and a user told "no such file or folder" looks for a typo. Each missing level
    // is made on its own, so the error is the one the file system gave for that level.
    const missing: string[] = [];
    let folder = path.resolve(location);
    for (;;) {
      let stat;
      try {
        stat = await fs.stat(folder);
      } catch (error) {
        if (codeOf(error) !== 'not-found') throw toHostFileError(error, location);
      }
      if (stat) {
        if (!stat.isDirectory()) throw new HostFileError('not-directory', location);
        break;
      }
      missing.push(folder);
      const parent = path.dirname(folder);
      if (parent === folder) break;
      folder = parent;
    }
    for (const level of missing.reverse()) {
      try {
        await fs.mkdir(level);
      } catch (error) {
        // Another process may have made it meanwhile: that is what was wanted.
        if (codeOf(error) === 'exists' && (await fs.stat(level).catch(() => undefined))?.isDirectory()) continue;
        throw toHostFileError(error, location);
      }
    }
  },

  async delete(location) {
    try {
      await fs.rm(location, { force: true });
    } catch (error) {
      throw toHostFileError(error, location);
    }
  },
};

/** The permission bits of the file being replaced, so a rewrite does not change who may read it. */
async function modeToKeep(location: string): Promise<number> {
  try {
    return (await fs.stat(location)).mode & 0o7777;
  } catch {
    return 0o666;
  }
}
