import { parseArgs } from 'node:util';
import * as path from 'node:path';
import { parseSeed } from '../core/parser';
import type { SeedDocument } from '../core/types';
import { CliIO, UsageError } from './io';
import { displayPath, readSeedText } from './seed-files';
import { readFolderLedger } from './ledger-files';
import { statusOfAttributes } from '../core/review/ledger';

/** One document as `outline --format json` prints it (1-based delimiter lines). */
export interface JsonOutlineDocument {
  id: string;
  headline: string;
  status: string;
  startLine: number;
  endLine: number;
  attributes: Record<string, string>;
}

/** `seed-review outline FILE [--format text|json]`. */
export async function outlineCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'text' } },
    allowPositionals: true,
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  if (positionals.length !== 1) throw new UsageError('outline takes exactly one file (try: seed-review outline corpus.seed)');

  const file = path.resolve(io.cwd, positionals[0]);
  const shown = displayPath(file, io.cwd);
  const text = await readSeedText(file, shown);
  const result = parseSeed(text, { fileName: path.basename(file) });
  const documents = result.documents.map(toJsonOutlineDocument);
  if (result.kind === 'bare') {
    // A bare seed file's review lives in its folder's ledger.
    const record = (await readFolderLedger(path.dirname(file), io.cwd, io.err)).byId.get(result.documents[0].id);
    if (record) Object.assign(documents[0], { status: statusOfAttributes(record.attributes), attributes: { ...record.attributes } });
  }
  if (values.format === 'json') {
    io.out(JSON.stringify({ file: shown, documents }));
  } else {
    io.out(`${shown}: ${documents.length} document${documents.length === 1 ? '' : 's'}`);
    documents.forEach((doc, index) => {
      const last = index === documents.length - 1;
      const extra = Object.entries(doc.attributes).filter(([key]) => key !== 'status');
      io.out(`${last ? '└─' : '├─'} ${doc.id} [${doc.status}] ${doc.headline || '(no headline)'}  (lines ${doc.startLine}-${doc.endLine})`);
      if (extra.length) io.out(`${last ? '   ' : '│  '}   ${extra.map(([k, v]) => `${k}=${v}`).join('  ')}`);
    });
  }
  return 0;
}

/** Converts a parsed document to the CLI's outline JSON shape. */
export function toJsonOutlineDocument(doc: SeedDocument): JsonOutlineDocument {
  const attributes: Record<string, string> = {};
  for (const attribute of doc.attributes) {
    if (!(attribute.key in attributes)) attributes[attribute.key] = attribute.value;
  }
  return {
    id: doc.id,
    headline: doc.headline?.text ?? '',
    status: doc.status,
    startLine: doc.startLine + 1,
    endLine: (doc.closeLine ?? doc.endLine) + 1,
    attributes,
  };
}
