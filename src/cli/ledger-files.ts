import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { describeFileError } from '../core/host/file-system';
import { isBareSeedFileName } from '../core/ids';
import { firstBlocking, isEmptyRecord, LEDGER_FILE_NAME, LedgerBlockedError, type Ledger, type LedgerRecord } from '../core/review/ledger';
import { loadLedger, updateLedger } from '../core/review/ledger-store';
import type { SeedDiagnostic } from '../core/types';
import { nodeFileSystem } from '../node/node-file-system';
import { UsageError } from './io';
import { displayPath } from './seed-files';

/** The ledger file of a folder. */
export function ledgerPathOf(folder: string): string {
  return path.join(folder, LEDGER_FILE_NAME);
}

/** A ledger diagnostic as the CLI prints it: `FILE:LINE:COL: message`. */
export function ledgerProblem(file: string, diagnostic: SeedDiagnostic): string {
  return `${file}:${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}: ${diagnostic.code} ${diagnostic.message}`;
}

/** The ids of the bare seed files in a folder (not its subfolders). */
export async function bareIdsIn(folder: string): Promise<Set<string>> {
  try {
    return new Set((await fs.readdir(folder)).filter(isBareSeedFileName).map((name) => name.slice(0, -4)));
  } catch {
    return new Set();
  }
}

/**
 * The ledger of a folder, read now; a ledger that cannot be used (a conflict marker, a malformed
 * line, unreadable) is a UsageError naming the first problem. Ids without a file are warned about.
 */
export async function readFolderLedger(folder: string, cwd: string, warn: (line: string) => void): Promise<Ledger> {
  const file = ledgerPathOf(folder);
  const shown = displayPath(file, cwd);
  let loaded;
  try {
    loaded = await loadLedger(nodeFileSystem, file, await bareIdsIn(folder));
  } catch (error) {
    throw new UsageError(`${shown}: ${describeFileError(error)}`);
  }
  const blocking = firstBlocking(loaded.ledger);
  if (blocking) throw new UsageError(`${ledgerProblem(shown, blocking)} (resolve it first: a ledger in this state is neither read nor rewritten)`);
  for (const diagnostic of loaded.ledger.diagnostics) warn(`seed-review: warning: ${ledgerProblem(shown, diagnostic)}`);
  return loaded.ledger;
}

/**
 * Writes split's records into the ledger of `folder` (read-modify-write against the file as it
 * is now): a record replaces the line of its id, an empty one removes it; other lines are kept.
 */
export async function mergeIntoLedger(folder: string, records: readonly LedgerRecord[], cwd: string): Promise<boolean> {
  const file = ledgerPathOf(folder);
  try {
    const result = await updateLedger(nodeFileSystem, file, (current) => {
      const merged = new Map(current);
      for (const record of records) {
        if (isEmptyRecord(record)) merged.delete(record.id);
        else merged.set(record.id, record);
      }
      return merged.values();
    });
    return result.written;
  } catch (error) {
    const shown = displayPath(file, cwd);
    if (error instanceof LedgerBlockedError) throw new UsageError(`${ledgerProblem(shown, error.diagnostic)} (not rewritten)`);
    throw new UsageError(`${shown}: cannot write: ${describeFileError(error)}`);
  }
}
