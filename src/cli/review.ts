import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { REVIEW_STATUSES } from '../core/attributes';
import { describeFileError } from '../core/host/file-system';
import { encodeSeedText } from '../core/host/seed-text';
import { AttributeChange, collectReviewEdits, noteEdits, statusEdits } from '../core/review/attribute-edits';
import { LedgerBlockedError, type LedgerChange } from '../core/review/ledger';
import { changeLedger } from '../core/review/ledger-store';
import { parseSeed } from '../core/parser';
import { applyTextEdits, LineIndex } from '../core/text-edits';
import type { ReviewStatus, SeedDocument } from '../core/types';
import { plural } from '../core/wording';
import { nodeFileSystem } from '../node/node-file-system';
import { CliIO, UsageError } from './io';
import { ledgerPathOf, ledgerProblem, readFolderLedger } from './ledger-files';
import { collectSeedFiles, displayPath, readSeedText } from './seed-files';

/**
 * `seed-review review PATH... --status S [--note TEXT]`: sets the review status (and note) of
 * documents. A bare seed file's decision goes to its folder's review ledger (the file is never
 * modified); a corpus document's goes on its open line. PATH is a file (every document in it),
 * a folder (every seed file in it, recursively) or `FILE#ID` (one document of a corpus).
 * Everything is checked before anything is written.
 */
export async function reviewCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { status: { type: 'string' }, note: { type: 'string' } },
    allowPositionals: true,
  });
  const status = values.status;
  if (status !== undefined && !REVIEW_STATUSES.includes(status as ReviewStatus)) {
    throw new UsageError(`--status must be approved, rejected, flagged or unreviewed, not "${status}"`);
  }
  if (status === undefined && values.note === undefined) throw new UsageError('review needs --status approved|rejected|flagged|unreviewed and/or --note TEXT');
  if (positionals.length === 0) throw new UsageError('review needs at least one seed file, folder or FILE#ID (try: seed-review review seeds/ --status approved)');
  // A note is one line on an open line and in the ledger alike.
  const note = values.note?.replace(/\r\n|\r|\n/g, ' ');
  const set: Record<string, string | undefined> = {};
  if (status !== undefined) set.status = status === 'unreviewed' ? undefined : status;
  if (note !== undefined) set.note = note.trim() === '' ? undefined : note;

  const ledgerChanges = new Map<string, LedgerChange[]>();
  const corpusEdits = new Map<string, { shown: string; text: string; count: number }>();
  let unchanged = 0;
  for (const given of positionals) {
    const hash = given.lastIndexOf('#');
    const wantedId = hash > 0 && !given.slice(hash + 1).includes('/') ? given.slice(hash + 1) : undefined;
    const target = wantedId !== undefined ? given.slice(0, hash) : given;
    const files = wantedId !== undefined ? [path.resolve(io.cwd, target)] : await collectSeedFiles([target], io.cwd);
    if (wantedId !== undefined) {
      try {
        await fs.stat(files[0]);
      } catch {
        throw new UsageError(`${target}: no such file`);
      }
    }
    for (const file of files) {
      const shown = displayPath(file, io.cwd);
      const text = corpusEdits.get(file)?.text ?? await readSeedText(file, shown);
      const result = parseSeed(text, { fileName: path.basename(file) });
      let docs: SeedDocument[] = result.documents;
      if (wantedId !== undefined) {
        docs = docs.filter((doc) => doc.id === wantedId);
        if (docs.length === 0) throw new UsageError(`${shown}#${wantedId}: no document with this id in ${shown}`);
      }
      if (result.kind === 'bare') {
        const folder = path.dirname(file);
        const list = ledgerChanges.get(folder) ?? [];
        list.push(...docs.map((doc) => ({ id: doc.id, set })));
        ledgerChanges.set(folder, list);
        continue;
      }
      // Status first, then the note on the text that gives (both may touch one open line).
      let edited = text;
      let changed = 0;
      for (const step of stepsOf(status !== undefined ? set.status as ReviewStatus | undefined : NO_STATUS, note)) {
        const parsed = edited === text ? result : parseSeed(edited, { fileName: path.basename(file) });
        const targets = wantedId === undefined ? parsed.documents : parsed.documents.filter((doc) => doc.id === wantedId);
        const index = new LineIndex(edited);
        const outcome = collectReviewEdits(targets, (line) => edited.slice(index.offsetAt({ line, character: 0 }), index.lineContentEnd(line)), step);
        if (outcome.refused.length) throw new UsageError(`${shown}: ${outcome.refused[0].id}: ${outcome.refused[0].reason}`);
        changed = Math.max(changed, outcome.changed.length);
        if (outcome.edits.length) edited = applyTextEdits(edited, outcome.edits);
      }
      if (edited === text) unchanged += docs.length;
      else corpusEdits.set(file, { shown, text: edited, count: changed });
    }
  }

  // Every ledger must be usable before anything is written.
  for (const folder of ledgerChanges.keys()) await readFolderLedger(folder, io.cwd, () => undefined);
  const what = status !== undefined ? (status === 'unreviewed' ? 'cleared the status of' : `set ${status} on`) : note?.trim() ? 'added a note to' : 'removed the note of';
  for (const [file, change] of corpusEdits) {
    try {
      await nodeFileSystem.writeFileAtomic(file, encodeSeedText(change.text));
    } catch (error) {
      throw new UsageError(`${change.shown}: cannot write: ${describeFileError(error)}`);
    }
    io.out(`${change.shown}: ${what} ${plural(change.count, 'document')}`);
  }
  for (const [folder, changes] of ledgerChanges) {
    const shown = displayPath(ledgerPathOf(folder), io.cwd);
    try {
      const result = await changeLedger(nodeFileSystem, ledgerPathOf(folder), changes);
      io.out(result.written ? `${shown}: ${what} ${plural(changes.length, 'document')}` : `${shown}: ${plural(changes.length, 'document')} already so`);
    } catch (error) {
      if (error instanceof LedgerBlockedError) throw new UsageError(`${ledgerProblem(shown, error.diagnostic)} (not rewritten)`);
      throw new UsageError(`${shown}: cannot write: ${describeFileError(error)}`);
    }
  }
  if (unchanged) io.out(`${plural(unchanged, 'corpus document')} already so`);
  return 0;
}

/** "Leave the status alone" (undefined means "clear it"). */
const NO_STATUS = Symbol('no status');

/** The edit steps: the status (unless left alone), then the note (when given). */
function stepsOf(status: ReviewStatus | undefined | typeof NO_STATUS, note: string | undefined): ((doc: SeedDocument, line: string) => AttributeChange)[] {
  const steps: ((doc: SeedDocument, line: string) => AttributeChange)[] = [];
  if (status !== NO_STATUS) steps.push((doc, line) => statusEdits(doc, line, status));
  if (note !== undefined) steps.push((doc, line) => noteEdits(doc, line, note));
  return steps;
}
