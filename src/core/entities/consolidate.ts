/**
 * Corpus consolidation ("one sense per discourse"): one type per surface form by corpus-wide
 * vote, short forms linked to full names (surname / first name of people, acronyms of
 * organisations), mentions the tagger missed recovered from untyped capitalised runs when they
 * match an entity known elsewhere, a canonical name per entity, and the user lexicon applied.
 *
 * It needs no text: only the per-document extractions, so it can run on cached results.
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
  return s.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}.'’&-]*[\p{L}\p{N}.]|[\p{L}\p{N}]/gu;
const LINK_STOP = new Set(['of', 'the', 'and', 'for', '&', 'de', 'van', 'von', 'der', 'la', 'le', 'al', 'el', 'bin']);

function wordsOf(s: string): { text: string; start: number; end: number }[] {
  const out: { text: string; start: number; end: number }[] = [];
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(s)) !== null) {
    let text = m[0];
    // "Corp." keeps its period as part of the word for matching, a sentence period does not.
    if (text.endsWith('.') && !/^(?:\p{L}\.)+$/u.test(text) && !/^(?:Corp|Inc|Ltd|Co|Jr|Sr)\.$/u.test(text)) text = text.slice(0, -1);
    out.push({ text, start: m.index, end: m.index + text.length });
  }
  return out;
}

function acronymOf(s: string): string {
  return wordsOf(s).filter((w) => !LINK_STOP.has(w.text.toLowerCase()) && /^\p{Lu}/u.test(w.text)).map((w) => w.text[0]).join('');
}

interface SurfaceStats {
  votes: Record<EntityType, number>;
  /** Exact written forms and their counts (for display). */
  forms: Map<string, number>;
  forced?: EntityType;
  lexiconCanonical?: string;
  docs: Set<number>;
}

/** Consolidates the extractions of a whole corpus. Pure: same input, same output. */
export function consolidateCorpus(inputs: readonly ConsolidationInput[], lexicon: Lexicon = emptyLexicon()): ConsolidatedCorpus {
  const ignore = new Set(lexicon.ignore.map(normalizeSurface));
  const stats = new Map<string, SurfaceStats>();
  const stat = (norm: string): SurfaceStats => {
    let s = stats.get(norm);
    if (!s) stats.set(norm, (s = { votes: { person: 0, place: 0, organization: 0 }, forms: new Map(), docs: new Set() }));
    return s;
  };

  // 1. Lexicon first: its types are forced, its aliases point at its canonical text.
  const aliasOf = new Map<string, string>();
  for (const e of lexicon.entities) {
    const canon = normalizeSurface(e.text);
    for (const surface of [e.text, ...e.aliases]) {
      const s = stat(normalizeSurface(surface));
      s.forced = e.type;
      s.lexiconCanonical = e.text;
      if (normalizeSurface(surface) !== canon) aliasOf.set(normalizeSurface(surface), canon);
    }
  }
  for (const [surface, type] of Object.entries(lexicon.types)) stat(normalizeSurface(surface)).forced = type;

  // 2. Votes from the tagger.
  inputs.forEach((input, d) => {
    for (const m of input.extraction.mentions) {
      const norm = normalizeSurface(m.text);
      if (ignore.has(norm)) continue;
      const s = stat(norm);
      s.votes[m.type] += 1;
      s.forms.set(m.text, (s.forms.get(m.text) ?? 0) + 1);
      s.docs.add(d);
    }
  });
  const typeOf = (norm: string): EntityType | undefined => {
    const s = stats.get(norm);
    if (!s) return undefined;
    if (s.forced) return s.forced;
    let best: EntityType | undefined;
    for (const t of ENTITY_TYPES) if (s.votes[t] > 0 && (!best || s.votes[t] > s.votes[best])) best = t;
    return best;
  };

  // 3. Short forms of full names: surnames and first names of people, acronyms of organisations.
  const lastNames = new Map<string, Set<string>>();
  const firstNames = new Map<string, Set<string>>();
  const acronyms = new Map<string, Set<string>>();
  for (const norm of stats.keys()) {
    const type = typeOf(norm);
    const w = wordsOf(norm).map((x) => x.text);
    if (w.length < 2) continue;
    if (type === 'person') {
      const add = (map: Map<string, Set<string>>, k: string): void => {
        if (k.length < 2 || LINK_STOP.has(k)) return;
        let set = map.get(k);
        if (!set) map.set(k, (set = new Set()));
        set.add(norm);
      };
      add(lastNames, w[w.length - 1]);
      add(firstNames, w[0]);
    } else if (type === 'organization') {
      const forms = [...(stats.get(norm)?.forms.keys() ?? [])];
      const acr = acronymOf(forms[0] ?? norm).toLowerCase();
      if (acr.length >= 2) {
        let set = acronyms.get(acr);
        if (!set) acronyms.set(acr, (set = new Set()));
        set.add(norm);
      }
    }
  }
  const mentionCount = (norm: string): number => {
    const s = stats.get(norm);
    return s ? s.votes.person + s.votes.place + s.votes.organization : 0;
  };
  /** The full name a short form stands for in document d, if any (same document first). */
  const fullNameOf = (norm: string, d: number): string | undefined => {
    if (aliasOf.has(norm)) return aliasOf.get(norm);
    if (norm.includes(' ') || stats.get(norm)?.forced) return undefined;
    const pick = (set: Set<string> | undefined): string | undefined => {
      if (!set || set.size === 0) return undefined;
      const all = [...set];
      const local = all.filter((f) => stats.get(f)?.docs.has(d));
      const pool = local.length > 0 ? local : all;
      // Ambiguous across the corpus and absent from this document: do not guess.
      if (local.length === 0 && all.length > 1) return undefined;
      return pool.sort((a, b) => mentionCount(b) - mentionCount(a) || a.localeCompare(b))[0];
    };
    if (GAZETTEER.has(norm)) return undefined;
    const own = typeOf(norm);
    return pick(lastNames.get(norm))
      ?? (own === undefined || own === 'person' ? pick(firstNames.get(norm)) : undefined)
      ?? pick(acronyms.get(norm));
  };

  // 4. Recovery matcher: every typed surface (and lexicon form), indexed by its first word.
  const known = new Map<string, string[][]>();
  const addKnown = (norm: string): void => {
    const w = wordsOf(norm).map((x) => x.text);
    if (w.length === 0 || (w.length === 1 && (w[0].length < 2 || NEVER_ENTITY.has(w[0][0].toUpperCase() + w[0].slice(1))))) return;
    let list = known.get(w[0]);
    if (!list) known.set(w[0], (list = []));
    list.push(w);
  };
  for (const norm of stats.keys()) if (!ignore.has(norm) && typeOf(norm)) addKnown(norm);
  for (const key of [...lastNames.keys(), ...acronyms.keys()]) if (!stats.has(key)) addKnown(key);
  for (const list of known.values()) list.sort((a, b) => b.length - a.length);

  // 5. Resolve every document.
  const entityKeyOf = (norm: string, d: number): { key: string; type: EntityType; full: string } | undefined => {
    const full = fullNameOf(norm, d);
    const target = full ?? norm;
    const type = typeOf(target) ?? (full && lastNames.has(norm) ? 'person' : undefined);
    if (!type) return undefined;
    return { key: `${type}:${target}`, type, full: target };
  };
  const documents: ConsolidatedCorpus['documents'] = [];
  const groups = new Map<string, { type: EntityType; surfaces: Map<string, number>; docs: Set<number>; count: number; lexicon?: string }>();
  inputs.forEach((input, d) => {
    const out: ResolvedMention[] = [];
    const taken: { line: number; start: number; end: number }[] = [];
    const overlaps = (line: number, start: number, end: number): boolean =>
      taken.some((t) => t.line === line && t.start < end && start < t.end);
    const push = (m: EntityMention, norm: string): void => {
      const res = entityKeyOf(norm, d);
      if (!res) return;
      // Local context outranks the corpus vote: the entity is then the surface under the pinned type.
      if (m.pinned && m.type !== res.type) {
        res.type = m.type;
        res.key = `${m.type}:${norm}`;
      }
      const fromLexicon = stats.get(norm)?.forced !== undefined || stats.get(res.full)?.lexiconCanonical !== undefined;
      out.push({ ...m, type: res.type, source: m.source === 'tagger' && fromLexicon ? 'lexicon' : m.source, uri: input.uri, docId: input.docId, entityKey: res.key });
      taken.push(m);
      let g = groups.get(res.key);
      if (!g) groups.set(res.key, (g = { type: res.type, surfaces: new Map(), docs: new Set(), count: 0 }));
      g.surfaces.set(m.text, (g.surfaces.get(m.text) ?? 0) + 1);
      g.docs.add(d);
      g.count++;
      const lc = stats.get(res.full)?.lexiconCanonical;
      if (lc) g.lexicon = lc;
    };
    for (const m of input.extraction.mentions) {
      const norm = normalizeSurface(m.text);
      if (!ignore.has(norm)) push(m, norm);
    }
    for (const c of input.extraction.candidates) {
      const w = wordsOf(c.text);
      const lw = w.map((x) => x.text.toLowerCase());
      for (let i = 0; i < w.length; ) {
        let matched = 0;
        for (const cand of known.get(lw[i]) ?? []) {
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
        if (!ignore.has(norm) && !overlaps(c.line, start, end)) {
          push({ line: c.line, start, end, text, type: 'person', source: 'corpus' }, norm);
        }
        i += matched;
      }
    }
    out.sort((a, b) => a.line - b.line || a.start - b.start);
    documents.push({ uri: input.uri, docId: input.docId, mentions: out });
  });

  // 6. Canonical names: the lexicon's text, else the longest, then most frequent, written form.
  const entities: EntitySummary[] = [];
  for (const [key, g] of groups) {
    const forms = [...g.surfaces.entries()];
    const pretty = (s: string): boolean => s !== s.toUpperCase();
    forms.sort((a, b) => Number(pretty(b[0])) - Number(pretty(a[0]))
      || wordsOf(b[0]).length - wordsOf(a[0]).length || b[1] - a[1] || b[0].length - a[0].length || a[0].localeCompare(b[0]));
    entities.push({
      key,
      type: g.type,
      canonical: g.lexicon ?? forms[0][0],
      surfaces: forms.map((f) => f[0]),
      mentionCount: g.count,
      documentCount: g.docs.size,
    });
  }
  entities.sort((a, b) => b.mentionCount - a.mentionCount || a.key.localeCompare(b.key));
  return { entities, documents };
}
