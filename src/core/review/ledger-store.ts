/**
 * Reading and writing review ledgers through HostFileSystem. Every write is read-modify-write
 * against the file as it is on disk at that moment: a ledger changed by `git pull` or another
 * window since anyone read it is reloaded and the change merged into it, never overwritten with
 * stale content. A ledger with a conflict marker or a malformed line is never rewritten.
 */
import { decodeSeedText } from '../host/seed-text';
import { HostFileError, joinLocation, type HostFileSystem } from '../host/file-system';
import {
  applyLedgerChanges, firstBlocking, LEDGER_FILE_NAME, LedgerBlockedError, parseLedger, serializeLedger,
  type Ledger, type LedgerChange, type LedgerRecord,
} from './ledger';

/** The ledger location of a folder. */
export function ledgerLocationOf(folder: string): string {
  return joinLocation(folder, LEDGER_FILE_NAME);
}

/** A ledger as read from disk: its text ('' when there is no file) and the parse. */
export interface LoadedLedger {
  location: string;
  exists: boolean;
  text: string;
  ledger: Ledger;
}

/** Reads and parses a ledger; a missing file is an empty ledger. Other read errors reject (HostFileError / SeedTextError). */
export async function loadLedger(fs: HostFileSystem, location: string, knownIds?: { has(id: string): boolean }): Promise<LoadedLedger> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await fs.readFile(location);
  } catch (error) {
    if (!(error instanceof HostFileError && error.code === 'not-found')) throw error;
  }
  const text = bytes ? decodeSeedText(bytes) : '';
  return { location, exists: bytes !== undefined, text, ledger: parseLedger(text, knownIds) };
}

/** What an update did. */
export interface LedgerUpdate {
  /** False when the records were already as asked (nothing written). */
  written: boolean;
  /** The ledger as it now is on disk. */
  ledger: Ledger;
  text: string;
}

/** Updates of one location run one after another in this process (the disk check covers other processes). */
const queues = new Map<string, Promise<unknown>>();

/**
 * Read-modify-write of one ledger: reads it now, refuses (LedgerBlockedError) when it holds a
 * conflict marker or a malformed line, computes the new records with `update`, and writes them
 * atomically only when they differ. Just before writing it reads the file again; if another
 * writer changed it meanwhile, the update starts over on the new content (up to 5 times).
 */
export function updateLedger(
  fs: HostFileSystem, location: string, update: (records: ReadonlyMap<string, LedgerRecord>) => Iterable<LedgerRecord>,
): Promise<LedgerUpdate> {
  const previous = queues.get(location) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => updateNow(fs, location, update));
  queues.set(location, run);
  void run.finally(() => {
    if (queues.get(location) === run) queues.delete(location);
  }).catch(() => undefined);
  return run;
}

async function updateNow(
  fs: HostFileSystem, location: string, update: (records: ReadonlyMap<string, LedgerRecord>) => Iterable<LedgerRecord>,
): Promise<LedgerUpdate> {
  for (let attempt = 0; ; attempt++) {
    const loaded = await loadLedger(fs, location);
    const blocking = firstBlocking(loaded.ledger);
    if (blocking) throw new LedgerBlockedError(location, blocking);
    const text = serializeLedger(update(loaded.ledger.byId));
    // Compared as records, so a hand-formatted ledger is not rewritten when nothing changes.
    if (text === serializeLedger(loaded.ledger.entries)) return { written: false, ledger: loaded.ledger, text: loaded.text };
    const again = await loadLedger(fs, location);
    if (again.text !== loaded.text && attempt < 5) continue;
    await fs.writeFileAtomic(location, new TextEncoder().encode(text));
    return { written: true, ledger: parseLedger(text), text };
  }
}

/** Applies attribute changes to one ledger (read-modify-write, see updateLedger). */
export function changeLedger(fs: HostFileSystem, location: string, changes: readonly LedgerChange[]): Promise<LedgerUpdate> {
  return updateLedger(fs, location, (records) => applyLedgerChanges(records.values(), changes).values());
}
