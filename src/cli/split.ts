import { parseArgs } from 'node:util';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { split } from '../core/review/split';
import { CliIO, UsageError } from './io';
import { writeNew } from './bundle';
import { problemLine } from '../core/review/bundle-format';
import { describeFsError, displayPath, readSeedText } from './seed-files';

/** `seed-review split FILE -o DIR [--force]`: a corpus back into bare seed files. */
export async function splitCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { output: { type: 'string', short: 'o' }, force: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError('split takes exactly one corpus file (try: seed-review split corpus.seed -o seeds/)');
  if (!values.output) throw new UsageError('split needs -o DIR, the folder to write the seed files to');
  const force = values.force ?? false;

  const file = path.resolve(io.cwd, positionals[0]);
  const shown = displayPath(file, io.cwd);
  const result = split(await readSeedText(file, shown));
  const errors = result.problems.filter((problem) => problem.severity === 'error');
  if (errors.length) throw new UsageError(problemLine(errors, shown));

  const folder = path.resolve(io.cwd, values.output);
  const shownFolder = displayPath(folder, io.cwd);
  try {
    await fs.mkdir(folder, { recursive: true });
  } catch (error) {
    throw new UsageError(`${shownFolder}: cannot create the folder: ${describeFsError(error)}`);
  }
  const targets = result.files.map((f) => ({ ...f, full: path.join(folder, f.name) }));
  if (!force) {
    // Check every target first, so a refusal leaves the folder as it was.
    const existing: string[] = [];
    for (const target of targets) if (await exists(target.full)) existing.push(target.full);
    if (existing.length) {
      const more = existing.length > 1 ? ` (and ${existing.length - 1} more)` : '';
      throw new UsageError(`${displayPath(existing[0], io.cwd)} already exists${more}; use --force to overwrite`);
    }
  }
  for (const target of targets) await writeNew(target.full, displayPath(target.full, io.cwd), target.text, force);
  for (const warning of result.problems.filter((problem) => problem.severity === 'warning')) io.err(`seed-review: warning: ${shown}: ${warning.message}`);
  io.out(`split ${shown} into ${result.files.length} file${result.files.length === 1 ? '' : 's'} in ${shownFolder}`);
  return 0;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch {
    return false;
  }
}
