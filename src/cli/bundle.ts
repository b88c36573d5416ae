import { parseArgs } from 'node:util';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { isBareSeedFileName } from '../core/ids';
import { bundle, BundleInput } from '../core/review/bundle';
import { problemLine } from '../core/review/bundle-format';
import { CliIO, UsageError } from './io';
import { describeFsError, displayPath, readSeedText } from './seed-files';

/** `seed-review bundle PATH... -o FILE.seed [--force]`: bare seed files into one corpus. */
export async function bundleCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('bundle needs at least one folder or bare seed file (try: seed-review bundle seeds/ -o corpus.seed)');
  if (!values.output) throw new UsageError('bundle needs -o FILE.seed, the corpus to write');
  if (!values.output.endsWith('.seed')) throw new UsageError(`-o ${values.output}: the corpus must be a .seed file`);

  const inputs: BundleInput[] = [];
  for (const file of await collectBareFiles(positionals, io.cwd)) {
    const shown = displayPath(file, io.cwd);
    inputs.push({ name: path.basename(file), text: await readSeedText(file, shown), shownAs: shown });
  }
  const result = bundle(inputs);
  if (result.problems.length) throw new UsageError(problemLine(result.problems));

  const output = path.resolve(io.cwd, values.output);
  await writeNew(output, displayPath(output, io.cwd), result.text, values.force ?? false);
  io.out(`bundled ${result.documentCount} file${result.documentCount === 1 ? '' : 's'} into ${displayPath(output, io.cwd)}`);
  return 0;
}

/**
 * Folders are searched recursively for bare seed files (sorted, dot-folders and node_modules
 * skipped); files are taken as given, so bundle can say why one is not a bare seed file.
 */
async function collectBareFiles(paths: string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (error) {
      throw new UsageError(`${given}: ${describeFsError(error)}`);
    }
    if (!stat.isDirectory()) {
      found.push(absolute);
      continue;
    }
    const before = found.length;
    await walk(absolute, found);
    if (found.length === before) throw new UsageError(`${given}: no bare seed files here (expected NNN_<16 hex digits>.txt files)`);
  }
  return found;
}

async function walk(folder: string, found: string[]): Promise<void> {
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
      if (!entry.name.startsWith('.') && entry.name !== 'node_modules') await walk(full, found);
    } else if (entry.isFile() && isBareSeedFileName(entry.name)) {
      found.push(full);
    }
  }
}

/** Writes `text` as UTF-8; an existing file is only replaced with `force`. */
export async function writeNew(file: string, shown: string, text: string, force: boolean): Promise<void> {
  try {
    // 'wx' fails on an existing file atomically, so nothing is overwritten by a race either.
    await fs.writeFile(file, text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${shown} already exists; use --force to overwrite it`);
    throw new UsageError(`${shown}: cannot write: ${describeFsError(error)}`);
  }
}
