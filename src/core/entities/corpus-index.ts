/**
 * The corpus index: per-document extractions and the consolidated view the extension queries
 * for hover, references, highlights and the entity report.
 *
 * Updates are per document: `updateDocument` replaces one document's votes in the corpus
 * statistics (O(mentions of that document)). The consolidated view is derived lazily on the
 * next query; per-document resolutions are kept as long as the corpus-wide decisions (types,
 * name links, lexicon) did not change, which is the usual case after an edit, so a query after
 * an edit re-resolves only the edited document.
 *
 * Lexicon scopes: each document is resolved with the lexicon of its scope (the editor gives each
 * file the lexicon of its nearest project and lexicon files, as the command line does). The
 * corpus votes are one for the whole index; the lexicon-dependent decisions (forced types,
 * ignored surfaces, aliases) are a table set per scope, built when a document of the scope is
 * resolved. Scope '' is the default lexicon (the constructor's, `setLexicon`).
 */
import {
  buildTables, changedKeys, resolveDocument, summarizeEntities, SurfaceStats, type ConsolidationOptions, type ConsolidationTables,
} from './consolidate';
import { emptyLexicon, type Lexicon } from './lexicon';
import type { DocumentExtraction, EntitySummary, ResolvedMention } from './types';

interface DocEntry {
  docId: string;
  bodyHash: string;
  /** The lexicon scope it is resolved with. */
  scope: string;
  extraction: DocumentExtraction;
  /** Lines spanned by the extraction, so a position query skips other documents cheaply. */
  firstLine: number;
  lastLine: number;
  /** Resolved mentions (undefined: to resolve) and the table keys they depend on. */
  resolved?: ResolvedMention[];
  deps?: Set<string>;
  /** The distinct entities of `resolved` as interned ids (set with it, for entityFacts). */
  ids?: Int32Array;
}

/**
 * What an entity's hover shows from the corpus: its documents with the most mentions (and the
 * first mention in each), how many documents mention it, and the entities sharing the most
 * documents with it.
 */
export interface EntityFacts {
  documents: { uri: string; docId: string; count: number; first: ResolvedMention }[];
  documentCount: number;
  coMentioned: CoMention[];
}

/** A document where an entity occurs, with its mention count there. */
export interface EntityDocument {
  uri: string;
  docId: string;
  count: number;
}

/** An entity mentioned in the same documents as another one. */
export interface CoMention {
  entity: EntitySummary;
  /** Number of documents mentioning both. */
  documents: number;
}

/** Incrementally updated entity index of one workspace (several files, several documents each). */
export class EntityCorpusIndex {
  private readonly files = new Map<string, Map<string, DocEntry>>();
  private stats = new SurfaceStats();
  /** Lexicon per scope ('' the default). */
  private readonly lexicons = new Map<string, Lexicon>();
  /** Tables per scope of the current version. */
  private readonly tables = new Map<string, ConsolidationTables>();
  /** Per scope, the tables the current per-document resolutions were made with. */
  private readonly resolvedWith = new Map<string, ConsolidationTables>();
  private entities: Map<string, EntitySummary> | undefined;
  private byEntity: Map<string, ResolvedMention[]> | undefined;
  /** Bumped on every change; lets callers cache what they derive. */
  version = 0;
  /** entityFacts answers of the current version (a few dozen at most). */
  private facts = new Map<string, EntityFacts>();
  /** Entity keys interned as small numbers for counting (only grows: ids stay valid across versions). */
  private readonly idOfKey = new Map<string, number>();
  private readonly keyOfId: string[] = [];

  /** `options`: which corpus votes apply (the measured defaults unless a test or an evaluation asks). */
  constructor(lexicon: Lexicon = emptyLexicon(), private readonly options: ConsolidationOptions = {}) {
    this.lexicons.set('', lexicon);
  }

  /** Replaces the default lexicon (scope ''; re-resolves lazily). */
  setLexicon(lexicon: Lexicon): void {
    this.setScopeLexicon('', lexicon);
  }

  /**
   * Sets the lexicon of a scope; the documents of that scope are resolved again (lazily). A
   * caller that names scopes by their lexicon's content (a fingerprint) calls this once per scope.
   */
  setScopeLexicon(scope: string, lexicon: Lexicon): void {
    if (this.lexicons.get(scope) === lexicon) return;
    this.lexicons.set(scope, lexicon);
    this.invalidate();
    this.resolvedWith.delete(scope);
    for (const file of this.files.values()) for (const d of file.values()) if (d.scope === scope) d.resolved = undefined;
  }

  /** Whether a scope has its lexicon set. */
  hasScope(scope: string): boolean {
    return this.lexicons.has(scope);
  }

  /** The lexicon scope a document is resolved with (undefined when it is not indexed). */
  scopeOf(uri: string, docId: string): string | undefined {
    return this.files.get(uri)?.get(docId)?.scope;
  }

  /** Whether the index already holds this document with this body hash (nothing to extract). */
  hasDocument(uri: string, docId: string, bodyHash?: string): boolean {
    const d = this.files.get(uri)?.get(docId);
    return d !== undefined && (bodyHash === undefined || d.bodyHash === bodyHash);
  }

  /**
   * Adds or replaces one document's extraction, resolved with the lexicon of `scope` (a scope
   * without a lexicon set resolves with an empty one). Returns false (and changes nothing) when
   * the document is already indexed with the same body hash, line positions and scope.
   */
  updateDocument(uri: string, docId: string, bodyHash: string, extraction: DocumentExtraction, scope = ''): boolean {
    let file = this.files.get(uri);
    if (!file) this.files.set(uri, (file = new Map()));
    const old = file.get(docId);
    const [first, last] = lineSpan(extraction);
    if (old && old.bodyHash === bodyHash && old.firstLine === first && old.scope === scope) return false;
    if (old) this.stats.apply(old.extraction, -1);
    this.stats.apply(extraction, 1);
    file.set(docId, { docId, bodyHash, scope, extraction, firstLine: first, lastLine: last });
    this.invalidate();
    return true;
  }

  /** Removes one document. */
  removeDocument(uri: string, docId: string): void {
    const file = this.files.get(uri);
    const old = file?.get(docId);
    if (!file || !old) return;
    this.stats.apply(old.extraction, -1);
    file.delete(docId);
    if (file.size === 0) this.files.delete(uri);
    this.invalidate();
  }

  /** Removes the documents of a file that are not in `docIds` (documents deleted by an edit). */
  retainDocuments(uri: string, docIds: Iterable<string>): void {
    const keep = new Set(docIds);
    for (const id of [...(this.files.get(uri)?.keys() ?? [])]) if (!keep.has(id)) this.removeDocument(uri, id);
  }

  /** Removes every document of a file (file closed or deleted). */
  removeFile(uri: string): void {
    const file = this.files.get(uri);
    if (!file) return;
    for (const d of file.values()) this.stats.apply(d.extraction, -1);
    this.files.delete(uri);
    this.invalidate();
  }

  /** Number of indexed documents. */
  get documentCount(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.size;
    return n;
  }

  /** The indexed files. */
  uris(): string[] {
    return [...this.files.keys()];
  }

  /** The resolved mentions of one document, in text order. */
  mentionsOfDocument(uri: string, docId: string): ResolvedMention[] {
    const d = this.files.get(uri)?.get(docId);
    return d ? this.resolve(uri, d) : [];
  }

  /** The resolved mentions of every document of a file, in text order. */
  mentionsOfFile(uri: string): ResolvedMention[] {
    const out: ResolvedMention[] = [];
    for (const d of this.files.get(uri)?.values() ?? []) out.push(...this.resolve(uri, d));
    return out.sort((a, b) => a.line - b.line || a.start - b.start);
  }

  /** The mention covering a position (end inclusive, as a cursor right after a word still hovers it). */
  entityAt(uri: string, line: number, character: number): ResolvedMention | undefined {
    const file = this.files.get(uri);
    if (!file) return undefined;
    for (const d of file.values()) {
      if (line < d.firstLine || line > d.lastLine) continue;
      for (const m of this.resolve(uri, d)) {
        if (m.line === line && m.start <= character && character <= m.end) return m;
      }
    }
    return undefined;
  }

  /** The summary of one entity. */
  entity(entityKey: string): EntitySummary | undefined {
    return this.summaries().get(entityKey);
  }

  /** Every mention of an entity across the corpus, by file, then position. */
  mentionsOf(entityKey: string): ResolvedMention[] {
    return this.mentionIndex().get(entityKey) ?? [];
  }

  /** The documents mentioning an entity, most mentions first. */
  documentsOf(entityKey: string): EntityDocument[] {
    const counts = new Map<string, EntityDocument>();
    for (const m of this.mentionsOf(entityKey)) {
      const k = `${m.uri}\u0000${m.docId}`;
      const d = counts.get(k);
      if (d) d.count++;
      else counts.set(k, { uri: m.uri, docId: m.docId, count: 1 });
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.uri.localeCompare(b.uri) || a.docId.localeCompare(b.docId));
  }

  /** The `n` entities sharing the most documents with an entity. */
  coMentioned(entityKey: string, n: number): CoMention[] {
    const shared = new Map<string, number>();
    for (const doc of this.documentsOf(entityKey)) {
      const keys = new Set(this.mentionsOfDocument(doc.uri, doc.docId).map((m) => m.entityKey));
      for (const k of keys) if (k !== entityKey) shared.set(k, (shared.get(k) ?? 0) + 1);
    }
    const summaries = this.summaries();
    return [...shared.entries()]
      .sort((a, b) => b[1] - a[1] || (summaries.get(b[0])?.mentionCount ?? 0) - (summaries.get(a[0])?.mentionCount ?? 0) || a[0].localeCompare(b[0]))
      .slice(0, Math.max(0, n))
      .flatMap(([k, documents]) => {
        const entity = summaries.get(k);
        return entity ? [{ entity, documents }] : [];
      });
  }

  /**
   * The corpus facts of an entity's hover (see EntityFacts), at most `maxDocuments` documents and
   * `maxCoMentioned` entities, memoised until the next change. One pass over the entity's
   * mentions (contiguous per document: they are sorted by file and position, and a document's
   * lines are its own) and over the distinct entity keys of its documents, kept with each
   * document's resolution: an entity of a 10,000-document corpus can sit in thousands of them,
   * and a hover has a few milliseconds.
   */
  entityFacts(entityKey: string, maxDocuments: number, maxCoMentioned: number): EntityFacts {
    const memoKey = `${maxDocuments}:${maxCoMentioned}:${entityKey}`;
    const known = this.facts.get(memoKey);
    if (known) return known;
    const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    type Doc = EntityFacts['documents'][number];
    const before = (a: Doc, b: Doc): boolean => a.count > b.count || (a.count === b.count && (cmp(a.uri, b.uri) || cmp(a.docId, b.docId)) < 0);
    // The top documents by insertion into a short sorted list: no sort of thousands of documents.
    const top: Doc[] = [];
    const keep = (d: Doc): void => {
      if (maxDocuments <= 0 || (top.length === maxDocuments && !before(d, top[top.length - 1]))) return;
      let i = top.length;
      while (i > 0 && before(d, top[i - 1])) i--;
      top.splice(i, 0, d);
      if (top.length > maxDocuments) top.pop();
    };
    const self = this.intern(entityKey);
    let counts = new Int32Array(this.keyOfId.length + 16);
    const touched: number[] = [];
    let documentCount = 0;
    let last: Doc | undefined;
    const finish = (d: Doc): void => {
      documentCount++;
      keep(d);
      const entry = this.files.get(d.uri)?.get(d.docId);
      if (!entry) return;
      for (const id of this.idsOf(d.uri, entry)) {
        if (id === self) continue;
        if (id >= counts.length) {
          const grown = new Int32Array(this.keyOfId.length + 16);
          grown.set(counts);
          counts = grown;
        }
        if (counts[id]++ === 0) touched.push(id);
      }
    };
    for (const m of this.mentionsOf(entityKey)) {
      if (last && last.docId === m.docId && last.uri === m.uri) {
        last.count++;
        continue;
      }
      if (last) finish(last);
      last = { uri: m.uri, docId: m.docId, count: 1, first: m };
    }
    if (last) finish(last);
    const summaries = this.summaries();
    const coMentioned = touched
      .flatMap((id) => {
        const entity = summaries.get(this.keyOfId[id]);
        return entity ? [{ entity, documents: counts[id] }] : [];
      })
      .sort((a, b) => b.documents - a.documents || b.entity.mentionCount - a.entity.mentionCount || cmp(a.entity.key, b.entity.key))
      .slice(0, Math.max(0, maxCoMentioned));
    const facts = { documents: top, documentCount, coMentioned };
    if (this.facts.size >= 64) this.facts.clear();
    this.facts.set(memoKey, facts);
    return facts;
  }

  /** The entities of one document (corpus-wide counts), most mentioned first. */
  entitiesOfDocument(uri: string, docId: string): EntitySummary[] {
    const summaries = this.summaries();
    const keys = new Set(this.mentionsOfDocument(uri, docId).map((m) => m.entityKey));
    return [...keys].flatMap((k) => {
      const e = summaries.get(k);
      return e ? [e] : [];
    }).sort((a, b) => b.mentionCount - a.mentionCount || a.key.localeCompare(b.key));
  }

  /** Every entity with mention and document counts, most mentioned first. */
  allEntities(): EntitySummary[] {
    return [...this.summaries().values()];
  }

  private invalidate(): void {
    this.tables.clear();
    this.entities = undefined;
    this.byEntity = undefined;
    this.facts.clear();
    this.version++;
  }

  private currentTables(scope: string): ConsolidationTables {
    let tables = this.tables.get(scope);
    if (!tables) {
      const next = buildTables(this.stats, this.lexicons.get(scope) ?? emptyLexicon(), this.options);
      // Keep the resolutions that looked up no changed decision: usually all but the edited document.
      const before = this.resolvedWith.get(scope);
      if (before) {
        const changed = changedKeys(before, next);
        if (changed.size > 0) {
          for (const file of this.files.values()) {
            for (const d of file.values()) {
              if (d.scope === scope && d.deps && [...changed].some((k) => d.deps?.has(k))) d.resolved = undefined;
            }
          }
        }
      }
      this.tables.set(scope, (tables = next));
      this.resolvedWith.set(scope, next);
    }
    return tables;
  }

  /**
   * What the summaries need of the tables: the lexicon's written form of a surface (the canonical
   * name). With several scopes, the first scope (in name order) whose lexicon names it.
   */
  private canonicalTables(): Pick<ConsolidationTables, 'lexiconSurfaces'> {
    const scopes = new Set<string>();
    for (const file of this.files.values()) for (const d of file.values()) scopes.add(d.scope);
    if (scopes.size <= 1) return this.currentTables(scopes.values().next().value ?? '');
    const lexiconSurfaces = new Map<string, string>();
    for (const scope of [...scopes].sort()) {
      for (const [norm, text] of this.currentTables(scope).lexiconSurfaces) if (!lexiconSurfaces.has(norm)) lexiconSurfaces.set(norm, text);
    }
    return { lexiconSurfaces };
  }

  private resolve(uri: string, d: DocEntry): ResolvedMention[] {
    const tables = this.currentTables(d.scope);
    if (!d.resolved) {
      const deps = new Set<string>();
      d.resolved = resolveDocument(tables, uri, d.docId, d.extraction, deps);
      d.deps = deps;
      // Interned here, with the resolution, so the first hover on an entity of thousands of
      // documents does not pay for all of them (the resolution's own cost is larger).
      const ids = new Set<number>();
      for (const m of d.resolved) ids.add(this.intern(m.entityKey));
      d.ids = Int32Array.from(ids);
    }
    return d.resolved;
  }

  private idsOf(uri: string, d: DocEntry): Int32Array {
    this.resolve(uri, d);
    return d.ids ?? new Int32Array(0);
  }

  private intern(entityKey: string): number {
    let id = this.idOfKey.get(entityKey);
    if (id === undefined) {
      id = this.keyOfId.length;
      this.idOfKey.set(entityKey, id);
      this.keyOfId.push(entityKey);
    }
    return id;
  }

  private allResolved(): ResolvedMention[][] {
    const out: ResolvedMention[][] = [];
    for (const [uri, file] of this.files) for (const d of file.values()) out.push(this.resolve(uri, d));
    return out;
  }

  private summaries(): Map<string, EntitySummary> {
    if (!this.entities) {
      const list = summarizeEntities(this.allResolved(), this.canonicalTables());
      this.entities = new Map(list.map((e) => [e.key, e]));
    }
    return this.entities;
  }

  private mentionIndex(): Map<string, ResolvedMention[]> {
    if (!this.byEntity) {
      const map = new Map<string, ResolvedMention[]>();
      for (const mentions of this.allResolved()) {
        for (const m of mentions) {
          const list = map.get(m.entityKey);
          if (list) list.push(m);
          else map.set(m.entityKey, [m]);
        }
      }
      for (const list of map.values()) list.sort((a, b) => a.uri.localeCompare(b.uri) || a.line - b.line || a.start - b.start);
      this.byEntity = map;
    }
    return this.byEntity;
  }
}

function lineSpan(e: DocumentExtraction): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const m of e.mentions) {
    min = Math.min(min, m.line);
    max = Math.max(max, m.line);
  }
  for (const c of e.candidates) {
    min = Math.min(min, c.line);
    max = Math.max(max, c.line);
  }
  return [min, max];
}
