/**
 * Public API of the entity pipeline (pure: no VS Code). Typical use by the extension:
 *
 *   const cache = EntityCache.fromJSON(stored);
 *   for (const doc of parseSeed(text).documents) {
 *     const lines = documentBodyLines(doc);
 *     const hash = hashBody(lines);
 *     if (index.hasDocument(uri, doc.id, hash)) continue;
 *     const hit = cache.get(hash, lines[0]?.line ?? 0);     // else send to the EntityWorkerPool
 *     index.updateDocument(uri, doc.id, hash, hit ?? extractDocument(lines));
 *   }
 *   index.entityAt(uri, line, character); index.mentionsOf(key); index.allEntities();
 */
export * from './types';
export { extractDocument, documentBodyLines } from './extract';
export { setEntityModelSource, entityModel, entityModelVersion } from './ner/runtime';
export { EntityModel } from './ner/model';
export { normalizeSurface, consolidateCorpus, buildTables, resolveDocument, summarizeEntities, changedKeys, SurfaceStats } from './consolidate';
export type { ConsolidationInput, ConsolidatedCorpus, ConsolidationTables } from './consolidate';
export { parseLexicon, mergeLexicons, emptyLexicon, lexiconFingerprint } from './lexicon';
export type { Lexicon, LexiconEntity } from './lexicon';
export { EntityCache, ENTITY_CACHE_VERSION, entityCacheVersion, isDocumentExtraction, hashBody, shiftExtraction, extractWithCache } from './cache';
export type { EntityCacheJSON } from './cache';
export { EntityCorpusIndex } from './corpus-index';
export type { EntityDocument, CoMention } from './corpus-index';
export { EntityWorkerPool, ExtractionCancelled } from './worker-pool';
export type { EntityWorkerPoolOptions, ExtractionRunOptions, ExtractionRunResult, ExtractionJob } from './worker-pool';
