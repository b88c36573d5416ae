import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { consolidateCorpus, type ConsolidationInput } from '../core/entities/consolidate';
import { documentBodyLines, extractDocument } from '../core/entities/extract';
import { emptyLexicon, lexiconMatches, lowercaseTerms, parseLexicon, withLexiconMatches, type Lexicon } from '../core/entities/lexicon';
import type { DocumentExtraction, EntityType } from '../core/entities/types';
import { EntityWorkerPool } from '../core/entities/worker-pool';
import { parseSeed } from '../core/parser';
import { useEntityModelFile } from '../entity-model-file';
import { nodeEntityWorkers } from '../entity-worker-node';
import { documentKeys } from '../core/entities/document-keys';
import { CliIO, UsageError } from './io';
import { describeFsError, displayPath, readSeedText } from './seed-files';

/** One mention as `entities --format json` prints it: 1-based line and UTF-16 column, as `check` prints them. */
export interface JsonEntityMention {
  type: EntityType;
  text: string;
  canonical: string;
  line: number;
  column: number;
  length: number;
}

/** One line of `entities --format json`: a document and every mention in it, in text order. */
export interface JsonEntityDocument {
  id: string;
  entities: JsonEntityMention[];
}

/** Below this many documents the workers' start-up costs more than it saves. */
const WORKER_THRESHOLD = 32;

/**
 * `seed-review entities FILE [--format text|json] [--lexicon FILE.json] [--workers N]`: the named
 * entities of every document, consolidated over the whole file (the file is the corpus).
 */
export async function entitiesCommand(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      format: { type: 'string', default: 'text' },
      lexicon: { type: 'string' },
      workers: { type: 'string' },
    },
    allowPositionals: true,
  });
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  if (positionals.length !== 1) throw new UsageError('entities takes exactly one file (try: seed-review entities corpus.seed)');
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0 && workers <= 16)) {
    throw new UsageError(`--workers must be a whole number from 0 (no worker threads) to 16, not "${values.workers}"`);
  }

  useEntityModelFile();
  const file = path.resolve(io.cwd, positionals[0]);
  const shown = displayPath(file, io.cwd);
  const lexicon = values.lexicon === undefined ? emptyLexicon() : await readLexicon(path.resolve(io.cwd, values.lexicon), values.lexicon, io);
  const text = await readSeedText(file, shown);
  const result = parseSeed(text, { fileName: path.basename(file) });
  const keys = documentKeys(result);
  const lines = result.documents.map(documentBodyLines);
  const terms = lowercaseTerms(lexicon);
  const extractions = (await extractAll(lines, workers)).map((e, i) => (terms ? withLexiconMatches(e, lexiconMatches(lines[i], terms)) : e));
  const inputs: ConsolidationInput[] = result.documents.map((_, i) => ({ uri: file, docId: keys[i], extraction: extractions[i] }));
  const corpus = consolidateCorpus(inputs, lexicon);
  const canonical = new Map(corpus.entities.map((e) => [e.key, e.canonical]));
  const documents: JsonEntityDocument[] = corpus.documents.map((d, i) => ({
    id: result.documents[i].id,
    entities: d.mentions.map((m) => ({
      type: m.type, text: m.text, canonical: canonical.get(m.entityKey) ?? m.text, line: m.line + 1, column: m.start + 1, length: m.end - m.start,
    })),
  }));

  if (values.format === 'json') {
    for (const doc of documents) io.out(JSON.stringify(doc));
    return 0;
  }
  const mentions = documents.reduce((n, d) => n + d.entities.length, 0);
  io.out(`${shown}: ${documents.length} document${documents.length === 1 ? '' : 's'}, ${mentions} mention${mentions === 1 ? '' : 's'} of ${corpus.entities.length} entit${corpus.entities.length === 1 ? 'y' : 'ies'}`);
  documents.forEach((doc, i) => {
    const headline = result.documents[i].headline?.text.trim() ?? '(no headline)';
    io.out('');
    io.out(`${doc.id}  ${headline}`);
    if (doc.entities.length === 0) io.out('  (no entities)');
    for (const m of doc.entities) {
      const where = `${m.line}:${m.column}`.padEnd(9);
      const also = m.canonical !== m.text ? `  → ${m.canonical}` : '';
      io.out(`  ${where} ${m.type.padEnd(12)} ${m.text}${also}`);
    }
  });
  return 0;
}

/** Extracts every document: in worker threads for larger files when the bundled worker is there, else here. */
async function extractAll(docs: ReturnType<typeof documentBodyLines>[], workers: number | undefined): Promise<DocumentExtraction[]> {
  const workerScript = path.join(__dirname, 'entity-worker.js');
  const size = workers ?? 2;
  const useWorkers = size > 0 && existsSync(workerScript) && (workers !== undefined || docs.length >= WORKER_THRESHOLD);
  if (!useWorkers) return docs.map((lines) => extractDocument(lines));
  const pool = new EntityWorkerPool({ createWorker: nodeEntityWorkers(workerScript), size });
  try {
    const { extractions, errors } = await pool.extract(docs.map((lines, i) => ({ key: String(i), lines })));
    if (errors.size > 0) {
      const [key, message] = errors.entries().next().value as [string, string];
      throw new Error(`entity extraction failed for document ${Number(key) + 1}: ${message}`);
    }
    return docs.map((_, i) => extractions.get(String(i)) ?? { mentions: [], candidates: [], words: 0 });
  } finally {
    await pool.dispose();
  }
}

async function readLexicon(file: string, given: string, io: CliIO): Promise<Lexicon> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${given}: ${describeFsError(error)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UsageError(`${given}: not valid JSON (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const { lexicon, errors } = parseLexicon(json, given);
  // Like the editor: invalid entries are skipped with a warning, the rest applies.
  for (const e of errors) io.err(`seed-review: warning: ${e} (skipped)`);
  return lexicon;
}
