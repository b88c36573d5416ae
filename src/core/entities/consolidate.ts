/**
 * Corpus consolidation ("one sense per discourse"): one type per surface form by corpus-wide
 * vote, short forms linked to full names (surname / first name of people, acronyms of
 * organisations), mentions the tagger missed recovered from untyped capitalised runs when they
 * match an entity known elsewhere, a canonical name per entity, and the user lexicon applied.
 *
 * It needs no text, only per-document extractions, so it runs on cached results. The work is
 * split so an index can update incrementally: `SurfaceStats` adds/removes one document's votes,
 * `buildTables` derives the corpus-wide decisions (cheap: one pass over distinct surfaces), and
 * `resolveDocument` applies them to one document.
 */
import { GAZETTEER, NEVER_ENTITY } from './gazetteer';
import { emptyLexicon, type Lexicon } from './lexicon';
import {
  ENTITY_TYPES, type DocumentExtraction, type EntityMention, type EntitySummary, type EntityType, type ResolvedMention,
} from './types';

/** One document's extraction, as fed to consolidation. */
export interface ConsolidationInput {
  uri: string;
  docId: string;
  extraction: DocumentExtraction;
}

/** The consolidated corpus: entities, and resolved mentions per input document (same order). */
export interface ConsolidatedCorpus {
  entities: EntitySummary[];
  documents: { uri: string; docId: string; mentions: ResolvedMention[] }[];
}

/** Normalised comparison form of a surface. */
export function normalizeSurface(s: string): string {
  let n = normCache.get(s);
  if (n === undefined) {
    n = s.normalize('NFC').toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
    // Surfaces repeat a lot across a corpus; a bounded memo saves most of the regex work.
    if (normCache.size > 100_000) normCache.clear();
    normCache.set(s, n);
  }
  return n;
}

const normCache = new Map<string, string>();

const WORD = /[\p{L}\p{N}][\p{L}\p{N}.'’&-]*[\p{L}\p{N}.]|[\p{L}\p{N}]/gu;
const LINK_STOP = new Set(['of', 'the', 'and', 'for', '&', 'de', 'van', 'von', 'der', 'la', 'le', 'al', 'el', 'bin']);

function wordsOf(s: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(s)) !== null) {
    let text = m[0];
    // "Corp." keeps its period as part of the word for matching, a sentence period does not.
    if (text.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(text) && !/^(?:Corp|Inc|Ltd|Co|Jr|Sr)\.$/iu.test(text)) text = text.slice(0, -1);
    out.push({ text, start: m.index, end: m.index + text.length });
  }
  return out;
}

function acronymOf(s: string): string {
  return wordsOf(s).filter((w) => !LINK_STOP.has(w.text.toLowerCase()) && /^\p{Lu}/u.test(w.text)).map((w) => w.text[0]).join('');
}

interface Votes {
  person: number;
  place: number;
  organization: number;
  /** One written form (for acronyms: "Organisation of African Unity" -> OAU needs the capitals). */
  form: string;
}

/** Corpus-wide tagger votes per normalised surface; documents are added and removed one by one. */
export class SurfaceStats {
  readonly votes = new Map<string, Votes>();

  /** Adds (sign 1) or removes (sign -1) one document's tagger votes. */
  apply(extraction: DocumentExtraction, sign: 1 | -1): void {
    for (const m of extraction.mentions) {
      const norm = normalizeSurface(m.text);
      let v = this.votes.get(norm);
      if (!v) {
        if (sign < 0) continue;
        this.votes.set(norm, (v = { person: 0, place: 0, organization: 0, form: m.text }));
      }
      v[m.type] += sign;
      if (v.person <= 0 && v.place <= 0 && v.organization <= 0) this.votes.delete(norm);
    }
  }
}

/**
 * Which corpus votes apply. Each was measured against the model alone on the development set
 * (npm run eval:entities); the defaults are the ones that helped.
 */
export interface ConsolidationOptions {
  /** A surface's type is the corpus-wide majority instead of the model's type in context. */
  typeVote?: boolean;
  /** Short forms (surnames, first names, acronyms) take the type and entity of the full name. */
  linkShortForms?: boolean;
  /** Untagged capitalised runs that match a name tagged elsewhere become mentions. */
  recoverCandidates?: boolean;
}

/** The settings the extension and the CLI use. */
export const DEFAULT_CONSOLIDATION: Required<ConsolidationOptions> = { typeVote: false, linkShortForms: true, recoverCandidates: false };

/** The corpus-wide decisions consolidation applies to every document. */
export interface ConsolidationTables {
  options: Required<ConsolidationOptions>;
  ignore: Set<string>;
  /** Surface -> type (lexicon-forced, else the vote). */
  types: Map<string, EntityType>;
  /** Surfaces the lexicon names (their types were forced). */
  lexiconSurfaces: Map<string, string>;
  /** Lexicon alias -> normalised lexicon text. */
  aliasOf: Map<string, string>;
  lastNames: Map<string, string[]>;
  firstNames: Map<string, string[]>;
  acronyms: Map<string, string[]>;
  /** Known surfaces as word lists, indexed by first word, longest first. */
  known: Map<string, string[][]>;
}

function addTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Derives corpus-wide decisions from the votes and the lexicon. */
export function buildTables(stats: SurfaceStats, lexicon: Lexicon = emptyLexicon(), options: ConsolidationOptions = {}): ConsolidationTables {
  const ignore = new Set(lexicon.ignore.map(normalizeSurface));
  const types = new Map<string, EntityType>();
  const lexiconSurfaces = new Map<string, string>();
  const aliasOf = new Map<string, string>();
  for (const [norm, v] of stats.votes) {
    if (ignore.has(norm)) continue;
    let best: EntityType | undefined;
    for (const t of ENTITY_TYPES) if (v[t] > 0 && (!best || v[t] > v[best])) best = t;
    if (best) types.set(norm, best);
  }
  for (const e of lexicon.entities) {
    const canon = normalizeSurface(e.text);
    for (const surface of [e.text, ...e.aliases]) {
      const norm = normalizeSurface(surface);
      types.set(norm, e.type);
      lexiconSurfaces.set(norm, e.text);
      if (norm !== canon) aliasOf.set(norm, canon);
    }
  }
  for (const [surface, type] of Object.entries(lexicon.types)) {
    types.set(normalizeSurface(surface), type);
    lexiconSurfaces.set(normalizeSurface(surface), lexiconSurfaces.get(normalizeSurface(surface)) ?? surface);
  }

  const lastNames = new Map<string, string[]>();
  const firstNames = new Map<string, string[]>();
  const acronyms = new Map<string, string[]>();
  const sorted = [...types.keys()].sort();
  for (const norm of sorted) {
    const type = types.get(norm);
    const w = wordsOf(norm).map((x) => x.text);
    if (w.length < 2) continue;
    if (type === 'person') {
      const last = w[w.length - 1];
      if (last.length >= 2 && !LINK_STOP.has(last)) addTo(lastNames, last, norm);
      if (w[0].length >= 2 && !/^\p{L}\.$/u.test(w[0]) && !LINK_STOP.has(w[0])) addTo(firstNames, w[0], norm);
    } else if (type === 'organization') {
      const acr = acronymOf(stats.votes.get(norm)?.form ?? lexiconSurfaces.get(norm) ?? norm).toLowerCase();
      if (acr.length >= 2 && acr.length < w.length + 1) addTo(acronyms, acr, norm);
    }
  }

  const known = new Map<string, string[][]>();
  const addKnown = (norm: string): void => {
    const w = wordsOf(norm).map((x) => x.text);
    if (w.length === 0) return;
    // Lone one- or two-letter words ("Al", "N") match too much to be searched for.
    if (w.length === 1 && (w[0].length < 3 || NEVER_ENTITY.has(w[0][0].toUpperCase() + w[0].slice(1)))) return;
    const list = known.get(w[0]);
    if (list) list.push(w);
    else known.set(w[0], [w]);
  };
  for (const norm of sorted) if (!ignore.has(norm)) addKnown(norm);
  for (const key of [...lastNames.keys(), ...acronyms.keys()]) if (!types.has(key)) addKnown(key);
  for (const list of known.values()) list.sort((a, b) => b.length - a.length || a.join(' ').localeCompare(b.join(' ')));

  return { options: { ...DEFAULT_CONSOLIDATION, ...options }, ignore, types, lexiconSurfaces, aliasOf, lastNames, firstNames, acronyms, known };
}

const keyCache = new Map<string, string>();

/** `type:normalised name`, interned so that an index holds one string per entity, not per mention. */
function entityKey(type: EntityType, norm: string): string {
  const raw = `${type}:${norm}`;
  let k = keyCache.get(raw);
  if (k === undefined) {
    if (keyCache.size > 200_000) keyCache.clear();
    keyCache.set(raw, (k = raw));
  }
  return k;
}

function sameList(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((x, i) => (Array.isArray(x) ? sameList(x, b[i] as unknown[]) : x === b[i]));
}

function diffMaps<V>(a: ReadonlyMap<string, V>, b: ReadonlyMap<string, V>, same: (x: V, y: V) => boolean, out: Set<string>): void {
  for (const [k, v] of a) {
    const w = b.get(k);
    if (w === undefined || !same(v, w)) out.add(k);
  }
  for (const k of b.keys()) if (!a.has(k)) out.add(k);
}

/**
 * The lookup keys whose decision differs between two table sets. A document whose resolution
 * looked up none of them (see `resolveDocument`'s `deps`) resolves the same under both.
 */
export function changedKeys(a: ConsolidationTables, b: ConsolidationTables): Set<string> {
  const out = new Set<string>();
  const eq = <T>(x: T, y: T): boolean => x === y;
  diffMaps(a.types, b.types, eq, out);
  diffMaps(a.lexiconSurfaces, b.lexiconSurfaces, eq, out);
  diffMaps(a.aliasOf, b.aliasOf, eq, out);
  diffMaps(a.lastNames, b.lastNames, sameList, out);
  diffMaps(a.firstNames, b.firstNames, sameList, out);
  diffMaps(a.acronyms, b.acronyms, sameList, out);
  diffMaps(a.known, b.known, sameList, out);
  for (const k of a.ignore) if (!b.ignore.has(k)) out.add(k);
  for (const k of b.ignore) if (!a.ignore.has(k)) out.add(k);
  return out;
}

/**
 * Resolves one document's mentions: corpus types, links to full names, recovered mentions.
 * `deps`, when given, collects every table key the result depends on.
 */
export function resolveDocument(
  tables: ConsolidationTables, uri: string, docId: string, extraction: DocumentExtraction, deps?: Set<string>,
): ResolvedMention[] {
  const look = <V>(map: ReadonlyMap<string, V>, key: string): V | undefined => {
    deps?.add(key);
    return map.get(key);
  };
  const isIgnored = (key: string): boolean => {
    deps?.add(key);
    return tables.ignore.has(key);
  };
  const types = { get: (k: string) => look(tables.types, k) };
  const lexiconHas = (k: string): boolean => look(tables.lexiconSurfaces, k) !== undefined;
  // Names written in full in this document win when a short form is ambiguous in the corpus.
  const local = new Map<string, number>();
  for (const m of extraction.mentions) {
    const n = normalizeSurface(m.text);
    local.set(n, (local.get(n) ?? 0) + 1);
  }
  const pick = (list: string[] | undefined): string | undefined => {
    if (!list || list.length === 0) return undefined;
    const here = list.filter((f) => local.has(f));
    if (here.length === 0) return list.length === 1 ? list[0] : undefined;
    return here.sort((a, b) => (local.get(b) ?? 0) - (local.get(a) ?? 0) || a.localeCompare(b))[0];
  };
  const fullNames = new Map<string, string | undefined>();
  const fullNameOf = (norm: string): string | undefined => {
    if (fullNames.has(norm)) return fullNames.get(norm);
    const full = computeFullName(norm);
    fullNames.set(norm, full);
    return full;
  };
  const computeFullName = (norm: string): string | undefined => {
    const alias = look(tables.aliasOf, norm);
    if (alias) return alias;
    if (!tables.options.linkShortForms || norm.includes(' ') || lexiconHas(norm)) return undefined;
    const acronym = pick(look(tables.acronyms, norm));
    // A known place is not somebody's surname ("Washington", "Jordan").
    if (acronym || GAZETTEER.has(norm)) return acronym;
    const own = types.get(norm);
    return pick(look(tables.lastNames, norm))
      ?? (own === undefined || own === 'person' ? pick(look(tables.firstNames, norm)) : undefined);
  };

  const out: ResolvedMention[] = [];
  const taken: EntityMention[] = [];
  const overlapsTaken = (line: number, start: number, end: number): boolean => {
    for (const t of taken) if (t.line === line && t.start < end && start < t.end) return true;
    return false;
  };
  const push = (m: EntityMention, norm: string): void => {
    const full = fullNameOf(norm);
    let target = full ?? norm;
    let type = types.get(target);
    if (!type) return;
    if (!tables.options.typeVote && m.source === 'tagger' && !lexiconHas(norm) && !lexiconHas(target) && type !== m.type) {
      // The model's type in context stands; a short form links only to a full name of that type.
      type = m.type;
      target = norm;
    }
    let key = entityKey(type, target);
    // Local context outranks the corpus vote: the entity is then the surface under the pinned type.
    if (m.pinned && m.type !== type && !lexiconHas(norm)) {
      type = m.type;
      key = entityKey(type, norm);
    }
    const fromLexicon = lexiconHas(norm) || lexiconHas(target);
    // One object shape for every resolved mention keeps property access fast in large indexes.
    out.push({
      line: m.line, start: m.start, end: m.end, text: m.text, type,
      source: m.source === 'tagger' && fromLexicon ? 'lexicon' : m.source, pinned: m.pinned === true,
      uri, docId, entityKey: key,
    });
    taken.push(m);
  };
  for (const m of extraction.mentions) {
    const norm = normalizeSurface(m.text);
    if (!isIgnored(norm)) push(m, norm);
  }
  for (const c of extraction.candidates) {
    const w = wordsOf(c.text);
    const lw = w.map((x) => x.text.toLowerCase());
    for (let i = 0; i < w.length;) {
      let matched = 0;
      for (const cand of look(tables.known, lw[i]) ?? []) {
        if (cand.length <= w.length - i && cand.every((x, k) => x === lw[i + k])) {
          // Mixed-case text must match capitalisation too (a known "May" is not the verb).
          if (!c.caps && !/^\p{Lu}/u.test(w[i].text)) continue;
          matched = cand.length;
          break;
        }
      }
      if (matched === 0) {
        i++;
        continue;
      }
      const start = c.start + w[i].start;
      const end = c.start + w[i + matched - 1].end;
      const text = c.text.slice(w[i].start, w[i + matched - 1].end);
      const norm = normalizeSurface(text);
      if (!tables.options.recoverCandidates && !lexiconHas(norm)) {
        i += matched;
        continue;
      }
      if (!isIgnored(norm) && !overlapsTaken(c.line, start, end)) {
        push({ line: c.line, start, end, text, type: 'person', source: 'corpus' }, norm);
      }
      i += matched;
    }
  }
  out.sort((a, b) => a.line - b.line || a.start - b.start);
  return out;
}

/**
 * Groups resolved mentions into entities with counts and a canonical name: the lexicon's text,
 * else the longest (then most frequent) mixed-case written form.
 */
export function summarizeEntities(documents: Iterable<readonly ResolvedMention[]>, tables?: Pick<ConsolidationTables, 'lexiconSurfaces'>): EntitySummary[] {
  const groups = new Map<string, { type: EntityType; surfaces: Map<string, number>; docs: number; lastDoc: number; count: number }>();
  let d = 0;
  for (const mentions of documents) {
    d++;
    for (const m of mentions) {
      let g = groups.get(m.entityKey);
      if (!g) groups.set(m.entityKey, (g = { type: m.type, surfaces: new Map(), docs: 0, lastDoc: 0, count: 0 }));
      g.surfaces.set(m.text, (g.surfaces.get(m.text) ?? 0) + 1);
      // Each document's mentions come together, so counting document changes counts documents.
      if (g.lastDoc !== d) {
        g.lastDoc = d;
        g.docs++;
      }
      g.count++;
    }
  }
  const entities: EntitySummary[] = [];
  const pretty = (s: string): number => (s !== s.toUpperCase() ? 1 : 0);
  for (const [key, g] of groups) {
    const forms = [...g.surfaces.entries()];
    forms.sort((a, b) => pretty(b[0]) - pretty(a[0]) || wordsOf(b[0]).length - wordsOf(a[0]).length || b[1] - a[1]
      || b[0].length - a[0].length || a[0].localeCompare(b[0]));
    const lexiconText = tables?.lexiconSurfaces.get(key.slice(key.indexOf(':') + 1));
    entities.push({
      key,
      type: g.type,
      canonical: lexiconText ?? forms[0][0],
      surfaces: forms.map((f) => f[0]),
      mentionCount: g.count,
      documentCount: g.docs,
    });
  }
  entities.sort((a, b) => b.mentionCount - a.mentionCount || a.key.localeCompare(b.key));
  return entities;
}

/** Consolidates the extractions of a whole corpus at once. Pure: same input, same output. */
export function consolidateCorpus(inputs: readonly ConsolidationInput[], lexicon: Lexicon = emptyLexicon(), options: ConsolidationOptions = {}): ConsolidatedCorpus {
  const stats = new SurfaceStats();
  for (const input of inputs) stats.apply(input.extraction, 1);
  const tables = buildTables(stats, lexicon, options);
  const documents = inputs.map((input) => ({
    uri: input.uri,
    docId: input.docId,
    mentions: resolveDocument(tables, input.uri, input.docId, input.extraction),
  }));
  return { entities: summarizeEntities(documents.map((d) => d.mentions), tables), documents };
}
