/**
 * Extraction results cached per document body hash. Results are stored relative to the body's
 * first line, so a document that moves inside its file (an edit above it) is still a hit. The
 * cache serialises to plain JSON for the extension's storage; a version field discards results
 * of an older pipeline.
 */
import { fmix } from './ner/hash';
import { ENTITY_TYPES, PIPELINE_VERSION, type DocumentExtraction, type EntityCandidate, type EntityLine, type EntityMention } from './types';

/** The cache format and pipeline version; a stored cache with another version is dropped. */
export const ENTITY_CACHE_VERSION = `entities-${PIPELINE_VERSION}`;

/**
 * The version a cache is stored under: the pipeline's and the model's (a hash of the model
 * file), so results of an older model are recomputed, never mixed with the new one's.
 */
export function entityCacheVersion(modelVersion: string): string {
  return `${ENTITY_CACHE_VERSION}/${modelVersion}`;
}

/** Serialised form of an EntityCache. */
export interface EntityCacheJSON {
  version: string;
  /** [hash, extraction relative to line 0], least recently used first. */
  entries: [string, DocumentExtraction][];
}

/**
 * Hash of a document body: its non-blank lines with their positions relative to the first
 * one. Four independent 32-bit lanes (128 bits) in plain TypeScript, so it runs unchanged in a
 * browser worker; collisions among a corpus's documents are out of reach.
 */
export function hashBody(lines: readonly EntityLine[]): string {
  const base = lines.length > 0 ? lines[0].line : 0;
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  let c = 0x2545f491;
  let d = 0x6a09e667;
  const feed = (x: number): void => {
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul(b ^ x, 0x5bd1e995);
    b ^= b >>> 13;
    c = Math.imul(c + x, 0x85ebca6b) ^ (c >>> 16);
    d = Math.imul(d ^ x, 0xc2b2ae35) + 0x27d4eb2d;
  };
  for (const l of lines) {
    feed(l.line - base);
    feed(0x10000 + l.text.length);
    for (let i = 0; i < l.text.length; i++) feed(l.text.charCodeAt(i));
  }
  feed(lines.length);
  const hex = (x: number): string => fmix(x >>> 0).toString(16).padStart(8, '0');
  return hex(a) + hex(b) + hex(c ^ a) + hex(d ^ b);
}

function isMention(m: unknown): m is EntityMention {
  if (typeof m !== 'object' || m === null) return false;
  const x = m as Record<string, unknown>;
  return Number.isInteger(x.line) && (x.line as number) >= 0 && Number.isInteger(x.start) && Number.isInteger(x.end)
    && (x.start as number) >= 0 && (x.end as number) > (x.start as number) && typeof x.text === 'string'
    && (x.text as string).length === (x.end as number) - (x.start as number)
    && ENTITY_TYPES.includes(x.type as never) && (x.source === 'tagger' || x.source === 'lexicon' || x.source === 'corpus')
    && (x.pinned === undefined || typeof x.pinned === 'boolean');
}

function isCandidate(c: unknown): c is EntityCandidate {
  if (typeof c !== 'object' || c === null) return false;
  const x = c as Record<string, unknown>;
  return Number.isInteger(x.line) && (x.line as number) >= 0 && Number.isInteger(x.start) && (x.start as number) >= 0
    && typeof x.text === 'string' && typeof x.caps === 'boolean';
}

/** Whether a stored value is a well-formed extraction (a cache entry from disk is untrusted). */
export function isDocumentExtraction(e: unknown): e is DocumentExtraction {
  if (typeof e !== 'object' || e === null) return false;
  const x = e as Record<string, unknown>;
  return Array.isArray(x.mentions) && Array.isArray(x.candidates) && typeof x.words === 'number' && Number.isFinite(x.words)
    && x.mentions.every(isMention) && x.candidates.every(isCandidate);
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

  /**
   * `maxEntries` bounds memory; the least recently used results go first. `version` is what the
   * cache is stored under (entityCacheVersion(model version)).
   */
  constructor(readonly maxEntries = 50_000, readonly version = ENTITY_CACHE_VERSION) {}

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
    return { version: this.version, entries: [...this.entries] };
  }

  /**
   * Restores a cache from `toJSON()` output. Anything unreadable or stored under another
   * version (pipeline or model) gives an empty cache, and every entry is checked down to its
   * mentions: an invalid one is dropped here, never met later. A cache is never worth an error.
   */
  static fromJSON(json: unknown, maxEntries?: number, version = ENTITY_CACHE_VERSION): EntityCache {
    const cache = new EntityCache(maxEntries, version);
    if (typeof json !== 'object' || json === null) return cache;
    const stored = json as Partial<EntityCacheJSON>;
    if (stored.version !== version || !Array.isArray(stored.entries)) return cache;
    for (const entry of stored.entries) {
      if (!Array.isArray(entry) || entry.length !== 2 || typeof entry[0] !== 'string' || !isDocumentExtraction(entry[1])) continue;
      cache.entries.set(entry[0], entry[1]);
    }
    while (cache.entries.size > cache.maxEntries) cache.entries.delete(cache.entries.keys().next().value as string);
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
