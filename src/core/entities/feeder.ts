/**
 * The caching rules of the entity index: which seed documents the index holds and as what, which
 * of a re-read file's documents are skipped, taken from the extraction cache or extracted again,
 * and how an extraction becomes the index's (the user's lower-case lexicon terms added). Pure
 * state over core pieces (EntityCorpusIndex, EntityCache); the extension's entity service drives
 * it from VS Code's events and hands the extraction jobs to its workers.
 */
import { EntityCache } from './cache';
import { EntityCorpusIndex } from './corpus-index';
import { documentBodyFirstLine, documentBodyHash, documentBodyLines, extractDocument } from './extract';
import { type Lexicon, lexiconMatches, lowercaseTerms, withLexiconMatches } from './lexicon';
import { mayExtractOnHost } from './scheduling';
import type { DocumentExtraction, EntityLine } from './types';
import type { ExtractionJob } from './worker-pool';
import { documentKeys } from './document-keys';
import type { ParseResult, SeedDocument } from '../types';

/** A file's user lexicon and the key naming its content (equal content, equal key). */
export interface ScopedLexicon {
  key: string;
  lexicon: Lexicon;
}

/** What the index holds of one document: the body it was extracted from and the lexicon it was resolved with. */
interface FedDocument {
  hash: string;
  firstLine: number;
  scope: string;
}

/** What an extraction job is for: where its result goes and what it was made from. */
interface JobMeta {
  uri: string;
  docKey: string;
  hash: string;
  firstLine: number;
  lines: EntityLine[];
  lexicon: ScopedLexicon;
}

/** One pass over a snapshot of queued files: the jobs left for the extractor, and what was done without one. */
export class FeedRound {
  readonly jobs: ExtractionJob[] = [];
  /** Documents taken from the extraction cache. */
  fromCache = 0;
  /** Documents looked at (unchanged ones included). */
  documents = 0;
  /** @internal Per job key. */
  readonly meta = new Map<string, JobMeta>();
}

/** How bringing one edited document up to date went (see EntityFeeder.bringInSync). */
export type InSyncOutcome =
  /** The index already held this body at this position. */
  | 'current'
  /** Updated from the extraction cache. */
  | 'from-cache'
  /** Extracted on the calling thread (short enough) and updated. */
  | 'extracted'
  /** Left to the queue: too long for the calling thread, or the file's lexicon is not known yet. */
  | 'queue';

/**
 * The index, the extraction cache and the record of what the index holds. Each document is fed
 * with its body hash, its first line and its file's lexicon key; a re-read file's document whose
 * three are unchanged is skipped, one whose body the cache has is fed from the cache (the cached
 * extraction is the model's, free of any lexicon, so a new lexicon costs no extraction), and the
 * rest become extraction jobs.
 */
export class EntityFeeder {
  private corpus: EntityCorpusIndex;
  private readonly fed = new Map<string, Map<string, FedDocument>>();
  private readonly fileLexicons = new Map<string, ScopedLexicon>();
  /** The lower-case lexicon terms per lexicon key (undefined: none). */
  private readonly lowercaseOf = new Map<string, ReturnType<typeof lowercaseTerms>>();

  /**
   * @param cache The extraction cache (replaced by `cache =` when storage is read or the cache dropped).
   * @param settingLexicon The lexicon of the setting alone (a document fed before its file's lexicon is known).
   */
  constructor(public cache: EntityCache, private settingLexicon: Lexicon) {
    this.corpus = new EntityCorpusIndex(settingLexicon);
  }

  /** The corpus index the feeder keeps. */
  get index(): EntityCorpusIndex {
    return this.corpus;
  }

  /** Forgets everything fed (a rebuild, a switch-off); the cache stays. */
  reset(settingLexicon: Lexicon = this.settingLexicon): void {
    this.settingLexicon = settingLexicon;
    this.corpus = new EntityCorpusIndex(settingLexicon);
    this.fed.clear();
    this.fileLexicons.clear();
  }

  /** Whether a re-read of the file has reached the index (even with no document). */
  hasFile(uri: string): boolean {
    return this.fed.has(uri);
  }

  /** Whether the index holds a document of a file. */
  hasDocument(uri: string, docKey: string): boolean {
    return this.fed.get(uri)?.has(docKey) ?? false;
  }

  /** A file is gone (deleted, no longer a seed file, unreadable): out of the index. */
  removeFile(uri: string): void {
    this.corpus.removeFile(uri);
    this.fed.delete(uri);
    this.fileLexicons.delete(uri);
  }

  /** The lexicon a file was last fed with (undefined before its first feed). */
  fileLexicon(uri: string): ScopedLexicon | undefined {
    return this.fileLexicons.get(uri);
  }

  /** Records a file's lexicon and makes it known to the index. */
  setFileLexicon(uri: string, lexicon: ScopedLexicon): void {
    // Keys name content, so a key seen before has its lexicon in the index already.
    if (!this.corpus.hasScope(lexicon.key)) this.corpus.setScopeLexicon(lexicon.key, lexicon.lexicon);
    this.fileLexicons.set(uri, lexicon);
  }

  /**
   * Feeds a re-read file: documents no longer in it leave the index, unchanged ones are skipped,
   * cached ones are fed from the cache, and the rest are added to the round's jobs.
   * `breathe` is awaited every 500 documents (hashing a 10,000-document file takes a while).
   */
  async feedFile(round: FeedRound, uri: string, parse: ParseResult, lexicon: ScopedLexicon, breathe: () => Promise<void>): Promise<void> {
    this.setFileLexicon(uri, lexicon);
    const keys = documentKeys(parse);
    this.corpus.retainDocuments(uri, keys);
    const fedFile = this.fedFile(uri);
    const live = new Set(keys);
    for (const k of [...fedFile.keys()]) if (!live.has(k)) fedFile.delete(k);
    for (let i = 0; i < parse.documents.length; i++) {
      round.documents++;
      const doc = parse.documents[i];
      const hash = documentBodyHash(doc);
      const firstLine = documentBodyFirstLine(doc);
      const known = fedFile.get(keys[i]);
      if (!(known && known.hash === hash && known.firstLine === firstLine && known.scope === lexicon.key)) {
        const hit = this.cache.get(hash, firstLine);
        if (hit) {
          this.feed(uri, keys[i], hash, firstLine, hit, () => documentBodyLines(doc), lexicon);
          round.fromCache++;
        } else {
          const jobKey = `${uri}\u0000${keys[i]}`;
          const lines = documentBodyLines(doc);
          round.jobs.push({ key: jobKey, lines });
          round.meta.set(jobKey, { uri, docKey: keys[i], hash, firstLine, lines, lexicon });
        }
      }
      if (i % 500 === 499) await breathe();
    }
  }

  /**
   * Takes one job's result into the cache (keyed by content) and the index. Applied even when the
   * file was queued again since: the next round re-reads it, keeps what still matches (hash and
   * position) and replaces the rest from the cache.
   */
  accept(round: FeedRound, jobKey: string, extraction: DocumentExtraction): void {
    const m = round.meta.get(jobKey);
    if (!m) return;
    this.cache.set(m.hash, extraction, m.firstLine);
    this.feed(m.uri, m.docKey, m.hash, m.firstLine, extraction, () => m.lines, m.lexicon);
  }

  /** Whether the index holds this document with its current body at its current position. */
  inSync(uri: string, docKey: string, doc: SeedDocument): boolean {
    const fed = this.fed.get(uri)?.get(docKey);
    return !!fed && fed.firstLine === documentBodyFirstLine(doc) && fed.hash === documentBodyHash(doc);
  }

  /**
   * Brings one document the user edited up to date in the index, on the calling thread when that
   * is cheap (a cached body, or one short enough: core/entities/scheduling.ts); otherwise says
   * the queue must take it (the index answers from what it has meanwhile).
   */
  bringInSync(uri: string, docKey: string, doc: SeedDocument): InSyncOutcome {
    if (this.inSync(uri, docKey, doc)) return 'current';
    const hash = documentBodyHash(doc);
    const firstLine = documentBodyFirstLine(doc);
    const lines = documentBodyLines(doc);
    const lexicon = this.fileLexicons.get(uri);
    if (!lexicon) return 'queue';
    let extraction = this.cache.get(hash, firstLine);
    const cached = !!extraction;
    if (!extraction) {
      if (!mayExtractOnHost(lines)) return 'queue';
      extraction = extractDocument(lines);
      this.cache.set(hash, extraction, firstLine);
    }
    this.feed(uri, docKey, hash, firstLine, extraction, () => lines, lexicon);
    return cached ? 'from-cache' : 'extracted';
  }

  /**
   * Drops cached extractions of bodies the index no longer holds, so the stored cache follows the
   * corpus (done once, after the first build). True when something was dropped.
   */
  retainCacheOfIndex(): boolean {
    const live = new Set<string>();
    for (const file of this.fed.values()) for (const f of file.values()) live.add(f.hash);
    const before = this.cache.size;
    this.cache.retain(live);
    return this.cache.size !== before;
  }

  /**
   * The extraction the index holds: the model's (cached, lexicon-free) plus the lexicon entries
   * the user asked to find in lower case too, which need the text.
   */
  withLexicon(extraction: DocumentExtraction, lines: () => readonly EntityLine[], lexicon: ScopedLexicon): DocumentExtraction {
    if (!this.lowercaseOf.has(lexicon.key)) this.lowercaseOf.set(lexicon.key, lowercaseTerms(lexicon.lexicon));
    const terms = this.lowercaseOf.get(lexicon.key);
    return terms ? withLexiconMatches(extraction, lexiconMatches(lines(), terms)) : extraction;
  }

  private feed(uri: string, docKey: string, hash: string, firstLine: number, extraction: DocumentExtraction, lines: () => readonly EntityLine[], lexicon: ScopedLexicon): void {
    this.corpus.updateDocument(uri, docKey, hash, this.withLexicon(extraction, lines, lexicon), lexicon.key);
    this.fedFile(uri).set(docKey, { hash, firstLine, scope: lexicon.key });
  }

  private fedFile(uri: string): Map<string, FedDocument> {
    let file = this.fed.get(uri);
    if (!file) this.fed.set(uri, (file = new Map()));
    return file;
  }
}
