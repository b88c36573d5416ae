/**
 * Extraction results cached per document body hash. Results are stored relative to the body's
 * first line, so a document that moves inside its file (an edit above it) is still a hit. The
 * cache serialises to plain JSON for the extension's storage; a version field discards results
 * of an older pipeline.
 */
import { createHash } from 'node:crypto';
import { PIPELINE_VERSION, type DocumentExtraction, type EntityLine } from './types';

/** The cache format and pipeline version; a stored cache with another version is dropped. */
export const ENTITY_CACHE_VERSION = `entities-${PIPELINE_VERSION}`;

/** Serialised form of an EntityCache. */
export interface EntityCacheJSON {
  version: string;
  /** [hash, extraction relative to line 0], least recently used first. */
  entries: [string, DocumentExtraction][];
}

/**
 * Hash of a document body: its non-blank lines with their positions relative to the first
 * one (sha1; node:crypto is fast enough and stable across platforms).
 */
export function hashBody(lines: readonly EntityLine[]): string {
  const base = lines.length > 0 ? lines[0].line : 0;
  const h = createHash('sha1');
  for (const l of lines) h.update(`${l.line - base}\t${l.text}\n`);
  return h.digest('hex');
}

/** Shifts every line number of an extraction by `delta`. */
export function shiftExtraction(e: DocumentExtraction, delta: number): DocumentExtraction {
  if (delta === 0) return e;
  return {
    mentions: e.mentions.map((m) => ({ ...m, line: m.line + delta })),
    candidates: e.candidates.map((c) => ({ ...c, line: c.line + delta })),
    words: e.words,
  };
}

/** An LRU map from body hash to extraction (stored relative to line 0). */
export class EntityCache {
  private readonly entries = new Map<string, DocumentExtraction>();
  hits = 0;
  misses = 0;

  /** `maxEntries` bounds memory; the least recently used results go first. */
  constructor(readonly maxEntries = 50_000) {}

  get size(): number {
    return this.entries.size;
  }

  /** The extraction of a body with this hash, shifted to start at `firstLine`; undefined on a miss. */
  get(hash: string, firstLine = 0): DocumentExtraction | undefined {
    const e = this.entries.get(hash);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(hash);
    this.entries.set(hash, e);
    return shiftExtraction(e, firstLine);
  }

  /** Stores the extraction of a body whose first line is `firstLine`. */
  set(hash: string, extraction: DocumentExtraction, firstLine = 0): void {
    this.entries.delete(hash);
    this.entries.set(hash, shiftExtraction(extraction, -firstLine));
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value as string;
      this.entries.delete(oldest);
    }
  }

  has(hash: string): boolean {
    return this.entries.has(hash);
  }

  delete(hash: string): void {
    this.entries.delete(hash);
  }

  /** Drops every entry whose hash is not in `live` (after a corpus is reopened). */
  retain(live: ReadonlySet<string>): void {
    for (const k of [...this.entries.keys()]) if (!live.has(k)) this.entries.delete(k);
  }

  toJSON(): EntityCacheJSON {
    return { version: ENTITY_CACHE_VERSION, entries: [...this.entries] };
  }

  /**
   * Restores a cache from `toJSON()` output. Anything unreadable or from another pipeline
   * version gives an empty cache: a cache is never worth an error.
   */
  static fromJSON(json: unknown, maxEntries?: number): EntityCache {
    const cache = new EntityCache(maxEntries);
    if (typeof json !== 'object' || json === null) return cache;
    const { version, entries } = json as Partial<EntityCacheJSON>;
    if (version !== ENTITY_CACHE_VERSION || !Array.isArray(entries)) return cache;
    for (const entry of entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') continue;
      const e = entry[1] as Partial<DocumentExtraction> | undefined;
      if (!e || !Array.isArray(e.mentions) || !Array.isArray(e.candidates) || typeof e.words !== 'number') continue;
      cache.entries.set(entry[0], e as DocumentExtraction);
    }
    return cache;
  }
}

/** Extracts a document through the cache: unchanged bodies are not recomputed. `hash` is hashBody(lines), when the caller has it. */
export function extractWithCache(
  cache: EntityCache,
  lines: readonly EntityLine[],
  extract: (lines: readonly EntityLine[]) => DocumentExtraction,
  hash = hashBody(lines),
): { hash: string; extraction: DocumentExtraction; cached: boolean } {
  const first = lines.length > 0 ? lines[0].line : 0;
  const hit = cache.get(hash, first);
  if (hit) return { hash, extraction: hit, cached: true };
  const extraction = extract(lines);
  cache.set(hash, extraction, first);
  return { hash, extraction, cached: false };
}
