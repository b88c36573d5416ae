import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { consolidateCorpus, type ConsolidationInput } from '../core/entities/consolidate';
import { documentBodyLines, extractDocument } from '../core/entities/extract';
import { lexiconMatches, lowercaseTerms, mergeLexicons, parseLexicon, withLexiconMatches, type Lexicon } from '../core/entities/lexicon';
import { ProjectConfigResolver } from '../core/config/project-config';
import { projectFileLexicon } from '../core/entities/lexicon-files';
import { nodeFileSystem } from '../node/node-file-system';
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

/** The lexicon file the editor reads from each workspace folder; the command line finds the nearest one above the file. */
export const LEXICON_FILE = '.seed-entities.json';

/**
 * `seed-review entities FILE [--format text|json] [--lexicon FILE.json] [--workers N]`: the named
 * entities of every document, consolidated over the whole file (the file is the corpus). The
 * lexicon is what the editor would use for that corpus: the nearest `.seed-review.json`'s
 * `lexicon`, then the nearest `.seed-entities.json` (each found walking up from the file), then
 * `--lexicon` (later ones win on conflicts, as in the editor the file wins over the setting).
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
  const text = await readSeedText(file, shown);
  const lexicon = await corpusLexicon(file, values.lexicon === undefined ? undefined : path.resolve(io.cwd, values.lexicon), values.lexicon, io);
  const result = parseSeed(text, { fileName: path.basename(file) });
  const keys = documentKeys(result);
  const lines = result.documents.map(documentBodyLines);
  const terms = lowercaseTerms(lexicon);
  const extractions = (await extractAll(lines, workers, progressReporter(io, lines.length))).map((e, i) => (terms ? withLexiconMatches(e, lexiconMatches(lines[i], terms)) : e));
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
async function extractAll(docs: ReturnType<typeof documentBodyLines>[], workers: number | undefined, progress: Progress): Promise<DocumentExtraction[]> {
  const workerScript = path.join(__dirname, 'entity-worker.js');
  const size = workers ?? 2;
  const useWorkers = size > 0 && existsSync(workerScript) && (workers !== undefined || docs.length >= WORKER_THRESHOLD);
  if (!useWorkers) {
    const out = docs.map((lines, i) => {
      progress.update(i + 1);
      return extractDocument(lines);
    });
    progress.done();
    return out;
  }
  const pool = new EntityWorkerPool({ createWorker: nodeEntityWorkers(workerScript), size });
  try {
    const { extractions, errors } = await pool.extract(docs.map((lines, i) => ({ key: String(i), lines })), { onProgress: (done) => progress.update(done) });
    progress.done();
    if (errors.size > 0) {
      const [key, message] = errors.entries().next().value as [string, string];
      throw new Error(`entity extraction failed for document ${Number(key) + 1}: ${message}`);
    }
    return docs.map((_, i) => extractions.get(String(i)) ?? { mentions: [], candidates: [], words: 0 });
  } finally {
    await pool.dispose();
  }
}

interface Progress {
  update(done: number): void;
  done(): void;
}

/** "extracting entities: N/M documents" on stderr while a large file is read, only when stderr is a terminal. */
function progressReporter(io: CliIO, total: number): Progress {
  const show = io.progress;
  if (!show || total < 200) return { update: () => undefined, done: () => undefined };
  let last = 0;
  return {
    update(done) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      show(`extracting entities: ${done}/${total} documents`);
    },
    done: () => show(''),
  };
}

/**
 * The lexicon for a corpus file: the nearest project file's `lexicon`, the nearest
 * `.seed-entities.json`, then the one given with --lexicon. A project file that cannot be read
 * is an error with its position (exit 2), as in `check`; invalid entries are warnings.
 */
async function corpusLexicon(file: string, given: string | undefined, shownGiven: string | undefined, io: CliIO): Promise<Lexicon> {
  const lexicons: Lexicon[] = [];
  const project = await new ProjectConfigResolver(nodeFileSystem).forFile(file);
  if (project && project.problems.length > 0) {
    const p = project.problems[0];
    const more = project.problems.length > 1 ? ` (and ${project.problems.length - 1} more)` : '';
    throw new UsageError(`${displayPath(p.location, io.cwd)}:${p.range.start.line + 1}:${p.range.start.character + 1}: ${p.message}${more}`);
  }
  if (project) {
    // The lexicon of the project file already read and parsed (read once, as in the editor).
    const { lexicon, problems } = projectFileLexicon(project, `${displayPath(project.location, io.cwd)} lexicon`);
    for (const p of problems) io.err(`seed-review: warning: ${p.message} (skipped)`);
    if (lexicon) lexicons.push(lexicon);
  }
  const nearest = await findUp(path.dirname(file), LEXICON_FILE);
  if (nearest && nearest !== given) lexicons.push(await readLexicon(nearest, displayPath(nearest, io.cwd), io));
  if (given !== undefined) lexicons.push(await readLexicon(given, shownGiven ?? given, io));
  return mergeLexicons(...lexicons);
}

/** The nearest file of that name in `folder` or a folder above it. */
async function findUp(folder: string, name: string): Promise<string | undefined> {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, name);
    try {
      if ((await fs.stat(candidate)).isFile()) return candidate;
    } catch {
      // not here: look further up
    }
    if (path.dirname(dir) === dir) return undefined;
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
