/**
 * Answers from one document alone, for the moments the corpus index cannot answer yet (the first
 * build, a file just added): the document's cached extraction when there is one, else a fresh
 * extraction bounded by what the host's thread may do (core/entities/scheduling.ts), resolved
 * with the file's lexicon. Memoised per document version, so a burst of hovers extracts once.
 */
import { consolidateCorpus } from './consolidate';
import { documentBodyFirstLine, documentBodyHash, documentBodyLines, extractDocument } from './extract';
import type { EntityFeeder } from './feeder';
import type { Lexicon } from './lexicon';
import { localExtractionScope } from './scheduling';
import type { EntityLine, EntitySummary, ResolvedMention } from './types';
import type { SeedDocument } from '../types';

/** A document resolved alone: whole, or only the line a hover asked about. */
export interface LocalResolution {
  scope: 'document' | 'line';
  mentions: ResolvedMention[];
  entities: Map<string, EntitySummary>;
}

/** What the resolver needs from its owner. */
export interface LocalResolverOptions {
  /** The index's feeder: its cache, each file's lexicon, the lower-case lexicon terms. */
  feeder: EntityFeeder;
  /** The setting's lexicon (a file whose own lexicon the index has not resolved yet). */
  settingLexicon: () => Lexicon;
  /** Whether the model can be used synchronously now (the browser reads it asynchronously). */
  modelReady: () => boolean;
  /** Asked when the model is not ready: start loading it. */
  loadModel: () => void;
  /** A fresh whole-document extraction went into the cache (to be saved). */
  onCached: () => void;
  /** How many resolutions are kept (the oldest goes first). */
  capacity?: number;
}

/** No local answer (not memoised: the model or the index will have one). */
function nothing(): LocalResolution {
  return { scope: 'line', mentions: [], entities: new Map() };
}

/** Document-local answers, memoised per file version, document and lexicon. */
export class LocalResolver {
  private readonly memo = new Map<string, LocalResolution>();

  constructor(private readonly options: LocalResolverOptions) {}

  /**
   * The document resolved alone. `line`: the line asked about, which is all that is extracted when
   * the document is too long for the host's thread. Nothing (not memoised) when the model is not
   * loaded yet or nothing can be extracted in bounded time.
   */
  resolve(uri: string, version: number, doc: SeedDocument, docKey: string, line?: number): LocalResolution {
    const { feeder } = this.options;
    const lexicon = feeder.fileLexicon(uri);
    const base = `${uri}@${version}#${docKey}#${lexicon?.key ?? ''}`;
    const whole = this.memo.get(base);
    if (whole) return whole;
    const lines: EntityLine[] = documentBodyLines(doc);
    const hash = documentBodyHash(doc);
    const first = documentBodyFirstLine(doc);
    let extraction = feeder.cache.get(hash, first);
    let scope: LocalResolution['scope'] = 'document';
    let key = base;
    if (!extraction) {
      if (!this.options.modelReady()) {
        this.options.loadModel();
        return nothing();
      }
      const plan = localExtractionScope(lines, line);
      if (!plan) return nothing();
      if (plan.scope === 'document') {
        extraction = extractDocument(lines);
        feeder.cache.set(hash, extraction, first);
        this.options.onCached();
      } else {
        key = `${base}:${plan.line.line}`;
        const known = this.memo.get(key);
        if (known) return known;
        extraction = extractDocument([plan.line]);
        scope = 'line';
      }
    }
    // The file's own lexicon once the index has resolved it; until then the setting's.
    const result = lexicon
      ? consolidateCorpus([{ uri, docId: docKey, extraction: feeder.withLexicon(extraction, () => lines, lexicon) }], lexicon.lexicon)
      : consolidateCorpus([{ uri, docId: docKey, extraction }], this.options.settingLexicon());
    const local: LocalResolution = { scope, mentions: result.documents[0]?.mentions ?? [], entities: new Map(result.entities.map((e) => [e.key, e])) };
    if (this.memo.size >= (this.options.capacity ?? 256)) this.memo.delete(this.memo.keys().next().value as string);
    this.memo.set(key, local);
    return local;
  }

  /** Forgets a file's resolutions (it was closed: its versions will not be asked again). */
  forgetFile(uri: string): void {
    for (const key of [...this.memo.keys()]) if (key.startsWith(`${uri}@`)) this.memo.delete(key);
  }

  /** Forgets everything (a lexicon changed, the index was reset). */
  clear(): void {
    this.memo.clear();
  }

  /** How many resolutions are kept (tests). */
  get size(): number {
    return this.memo.size;
  }
}
