import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { split } from '../core/review/split';
import { CliIO, UsageError } from './io';
import { writeNew } from './bundle';
import { problemLine } from '../core/review/bundle-format';
import { displayPath, readSeedText } from './seed-files';
import { describeFileError } from '../core/host/file-system';
import { nodeFileSystem } from '../node/node-file-system';
import { mergeIntoLedger, readFolderLedger } from './ledger-files';

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
    await nodeFileSystem.createDirectory(folder);
  } catch (error) {
    throw new UsageError(`${shownFolder}: cannot create the folder: ${describeFileError(error)}`);
  }
  // A ledger that cannot be rewritten refuses the split before any file is written.
  await readFolderLedger(folder, io.cwd, () => undefined);
  const targets = result.files.map((f) => ({ ...f, full: path.join(folder, f.name) }));
  // Check every target first, so a refusal leaves the folder as it was. --force replaces seed
  // files, never a link (whose target may lie outside the folder) or a folder.
  const existing: string[] = [];
  for (const target of targets) {
    const kind = (await nodeFileSystem.stat(target.full).catch(() => undefined))?.kind;
    if (kind === undefined) continue;
    if (kind === 'file' && force) continue;
    if (kind === 'symlink') throw new UsageError(`${displayPath(target.full, io.cwd)} is a symbolic link; split does not replace links, even with --force`);
    if (kind !== 'file') throw new UsageError(`${displayPath(target.full, io.cwd)} exists and is not a file; split does not replace it, even with --force`);
    existing.push(target.full);
  }
  if (existing.length) {
    const more = existing.length > 1 ? ` (and ${existing.length - 1} more)` : '';
    throw new UsageError(`${displayPath(existing[0], io.cwd)} already exists${more}; use --force to overwrite`);
  }
  for (const target of targets) await writeNew(target.full, displayPath(target.full, io.cwd), target.text, force);
  // Every document's attributes go to the folder's review ledger.
  await mergeIntoLedger(folder, result.records, io.cwd);
  for (const warning of result.problems.filter((problem) => problem.severity === 'warning')) io.err(`seed-review: warning: ${shown}: ${warning.message}`);
  io.out(`split ${shown} into ${result.files.length} file${result.files.length === 1 ? '' : 's'} in ${shownFolder}`);
  return 0;
}
