import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { isBareSeedFileName } from '../core/ids';
import { bundle, BundleInput } from '../core/review/bundle';
import { problemLine } from '../core/review/bundle-format';
import { CliIO, UsageError } from './io';
import { collectFiles, displayPath, readSeedText } from './seed-files';
import { describeFileError, HostFileError } from '../core/host/file-system';
import { encodeSeedText } from '../core/host/seed-text';
import { nodeFileSystem } from '../node/node-file-system';
import { readFolderLedger } from './ledger-files';
import type { Ledger } from '../core/review/ledger';

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
  // Each folder's review ledger puts its attributes back on the open lines.
  const ledgers = new Map<string, Ledger>();
  // Files named on the command line are taken as given, so bundle can say why one is not a bare seed file.
  for (const file of await collectFiles(positionals, io.cwd, isBareSeedFileName, { what: 'bare seed files', names: 'NNN_<16 hex digits>.txt files' }, (line) => io.err(`seed-review: ${line}`))) {
    const shown = displayPath(file, io.cwd);
    const folder = path.dirname(file);
    let ledger = ledgers.get(folder);
    if (!ledger) ledgers.set(folder, ledger = await readFolderLedger(folder, io.cwd, io.err));
    const record = ledger.byId.get(path.basename(file).slice(0, -4));
    inputs.push({ name: path.basename(file), text: await readSeedText(file, shown), shownAs: shown, ...(record ? { record } : {}) });
  }
  const result = bundle(inputs);
  if (result.problems.length) throw new UsageError(problemLine(result.problems));

  const output = path.resolve(io.cwd, values.output);
  await writeNew(output, displayPath(output, io.cwd), result.text, values.force ?? false);
  io.out(`bundled ${result.documentCount} file${result.documentCount === 1 ? '' : 's'} into ${displayPath(output, io.cwd)}`);
  return 0;
}

/**
 * Writes `text` as UTF-8, atomically (a temporary file beside it, renamed when complete), so a
 * failed write (a full disk) leaves the old file whole and no partial one. An existing file is
 * only replaced with `force`.
 */
export async function writeNew(file: string, shown: string, text: string, force: boolean): Promise<void> {
  try {
    await nodeFileSystem.writeFileAtomic(file, encodeSeedText(text), { overwrite: force });
  } catch (error) {
    if (error instanceof HostFileError && error.code === 'exists') throw new UsageError(`${shown} already exists; use --force to overwrite it`);
    throw new UsageError(`${shown}: cannot write: ${describeFileError(error)}`);
  }
}
