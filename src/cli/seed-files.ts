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

/** What a folder walk found: a file and the real file it names (the same unless reached through a link). */
interface Found {
  path: string;
  real: string;
  throughLink: boolean;
}

/**
 * Expands the command line's paths: files are taken as given (so a command can say why one is
 * not what it wants), folders are searched recursively for files whose name `accepts` (sorted,
 * so output is stable; dot-folders and node_modules skipped). A folder without such files is
 * an error that says what was `expected`.
 *
 * Symbolic links met in a folder are followed while they stay inside the folder's own tree (a
 * folder is walked once, so a link back up cannot loop); a link that leads outside it, or
 * nowhere, is skipped and `report` is told why. A file reached twice (a link to a file also
 * found directly, or a file given and inside a given folder) is read once, under its own name.
 */
export async function collectFiles(
  paths: string[], cwd: string,
  accepts: (name: string) => boolean = isSeedFileName,
  expected: { what: string; names: string } = { what: 'seed files', names: '*.seed or NNN_<16 hex digits>.txt files' },
  report: (line: string) => void = () => undefined,
): Promise<string[]> {
  const found: Found[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat;
    let real;
    try {
      stat = await fs.stat(absolute);
      real = await fs.realpath(absolute);
    } catch (error) {
      throw new UsageError(`${given}: ${describeFsError(error)}`);
    }
    if (stat.isDirectory()) {
      const before = found.length;
      await walk({ root: real, shownRoot: given, cwd, accepts, report, visited: new Set(), found }, absolute, real);
      if (found.length === before) throw new UsageError(`${given}: no ${expected.what} here (expected ${expected.names})`);
    } else {
      found.push({ path: absolute, real, throughLink: false });
    }
  }
  return uniqueFiles(found);
}

/** collectFiles for seed files of either kind: what `check` reads. */
export function collectSeedFiles(paths: string[], cwd: string, report?: (line: string) => void): Promise<string[]> {
  return collectFiles(paths, cwd, undefined, undefined, report);
}

interface Walk {
  /** The real path of the folder given on the command line: links may not lead out of it. */
  root: string;
  shownRoot: string;
  cwd: string;
  accepts: (name: string) => boolean;
  report: (line: string) => void;
  /** Real paths of the folders walked so far. */
  visited: Set<string>;
  found: Found[];
}

async function walk(state: Walk, folder: string, realFolder: string): Promise<void> {
  if (state.visited.has(realFolder)) return;
  state.visited.add(realFolder);
  let entries;
  try {
    entries = await fs.readdir(folder, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`${displayPath(folder, state.cwd)}: ${describeFsError(error)}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    const wantedFolder = !entry.name.startsWith('.') && entry.name !== 'node_modules';
    if (entry.isSymbolicLink()) {
      await followLink(state, full, entry.name, wantedFolder);
    } else if (entry.isDirectory()) {
      if (wantedFolder) await walk(state, full, path.join(realFolder, entry.name));
    } else if (entry.isFile() && state.accepts(entry.name)) {
      state.found.push({ path: full, real: path.join(realFolder, entry.name), throughLink: false });
    }
  }
}

async function followLink(state: Walk, link: string, name: string, wantedFolder: boolean): Promise<void> {
  let real: string;
  let stat;
  try {
    real = await fs.realpath(link);
    stat = await fs.stat(real);
  } catch {
    if (state.accepts(name)) state.report(`skipped ${displayPath(link, state.cwd)}: a symbolic link to nothing`);
    return;
  }
  const inside = real === state.root || real.startsWith(state.root.endsWith(path.sep) ? state.root : state.root + path.sep);
  if (stat.isDirectory()) {
    if (!wantedFolder) return;
    if (!inside) {
      state.report(`skipped ${displayPath(link, state.cwd)}: a symbolic link to a folder outside ${state.shownRoot}`);
      return;
    }
    await walk(state, link, real);
  } else if (stat.isFile() && state.accepts(name)) {
    if (!inside) {
      state.report(`skipped ${displayPath(link, state.cwd)}: a symbolic link to a file outside ${state.shownRoot}`);
      return;
    }
    state.found.push({ path: link, real, throughLink: true });
  }
}

/** One entry per real file, in the order found; a file's own name wins over a link's. */
function uniqueFiles(found: readonly Found[]): string[] {
  const chosen = new Map<string, Found>();
  for (const entry of found) {
    const before = chosen.get(entry.real);
    if (!before || (before.throughLink && !entry.throughLink)) chosen.set(entry.real, entry);
  }
  return found.filter((entry) => chosen.get(entry.real) === entry).map((entry) => entry.path);
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
