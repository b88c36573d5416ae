import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isBareSeedFileName } from '../core/parser';
import { UsageError } from './io';
import { decodeSeedText } from '../core/host/seed-text';
import { describeFileError } from '../core/host/file-system';
import { nodeFileSystem } from '../node/node-file-system';

/** Whether a file name is one the checker reads: a `.seed` corpus or a bare seed file. */
export function isSeedFileName(name: string): boolean {
  return name.endsWith('.seed') || isBareSeedFileName(name);
}

/**
 * Expands the command line's paths: files are taken as given (so a command can say why one is
 * not what it wants), folders are searched recursively for files whose name `accepts` (sorted,
 * so output is stable; dot-folders and node_modules skipped). A folder without such files is
 * an error that says what was `expected`.
 */
export async function collectFiles(
  paths: string[], cwd: string,
  accepts: (name: string) => boolean = isSeedFileName,
  expected: { what: string; names: string } = { what: 'seed files', names: '*.seed or NNN_<16 hex digits>.txt files' },
): Promise<string[]> {
  const found: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      throw new UsageError(`${given}: ${describeFsError(error)}`);
    }
    if (stat.isDirectory()) {
      const before = found.length;
      await walk(absolute, found, accepts);
      if (found.length === before) throw new UsageError(`${given}: no ${expected.what} here (expected ${expected.names})`);
    } else {
      found.push(absolute);
    }
  }
  return found;
}

/** collectFiles for seed files of either kind: what `check` reads. */
export function collectSeedFiles(paths: string[], cwd: string): Promise<string[]> {
  return collectFiles(paths, cwd);
}

async function walk(folder: string, found: string[], accepts: (name: string) => boolean): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`${folder}: ${describeFsError(error)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(full, found, accepts);
    } else if (entry.isFile() && accepts(entry.name)) {
      found.push(full);
    }
  }
}

/**
 * Reads a seed file as UTF-8 text. Binary files (a NUL byte) and invalid UTF-8 are refused
 * with a one-line reason, because guessing an encoding would silently corrupt offsets.
 */
export async function readSeedText(file: string, shownAs: string): Promise<string> {
  let bytes: Uint8Array;
  try {
    bytes = await nodeFileSystem.readFile(file);
  } catch (error) {
    throw new UsageError(`${shownAs}: ${describeFileError(error)}`);
  }
  try {
    return decodeSeedText(bytes);
  } catch (error) {
    throw new UsageError(`${shownAs}: ${(error as Error).message}`);
  }
}

/** Turns a Node file-system error into words a user understands. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT': return 'no such file or folder';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'EISDIR': return 'is a folder, expected a file';
    case 'ENOTDIR': return 'a part of the path is not a folder';
    case 'EEXIST': return 'already exists';
    case 'ENOSPC': return 'no space left on the device';
    case 'EROFS': return 'read-only file system';
    default: return error instanceof Error ? error.message : String(error);
  }
}

/** The path as the user should see it: relative to the working folder when inside it. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}
