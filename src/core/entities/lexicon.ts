/**
 * The user lexicon: entities to add (with aliases), surfaces to ignore, and forced types. Read
 * from the `seedReview.entities.lexicon` setting and from a workspace `.seed-entities.json`.
 *
 *   { "entities": [{ "text": "Volodymyr Zelensky", "type": "person", "aliases": ["Zelenskyy"] }],
 *     "ignore": ["Reuters"],
 *     "types": { "Kharkiv": "place" } }
 */
import { tokenizeLine } from './ner/tokenize';
import type { EntityLine, EntityMention, EntityType } from './types';

/** One entity the user teaches: its canonical text, type and other spellings. */
export interface LexiconEntity {
  text: string;
  type: EntityType;
  aliases: string[];
  /** Also found where the text writes it in lower case ("acme widgets"); names are matched as capitalised otherwise. */
  matchLowercase?: boolean;
}

/** A validated lexicon. */
export interface Lexicon {
  entities: LexiconEntity[];
  /** Surfaces that are never entities (compared case-insensitively). */
  ignore: string[];
  /** Surface -> forced type. */
  types: Record<string, EntityType>;
}

const TYPES: readonly string[] = ['person', 'place', 'organization'];

/** An empty lexicon. */
export function emptyLexicon(): Lexicon {
  return { entities: [], ignore: [], types: {} };
}

function isType(v: unknown): v is EntityType {
  return typeof v === 'string' && TYPES.includes(v);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim().length > 0;
}

/**
 * Validates a lexicon given as parsed JSON. Invalid parts are skipped and reported, valid parts
 * are kept, so one typo does not disable the whole lexicon. `source` prefixes the messages.
 */
export function parseLexicon(json: unknown, source = 'lexicon'): { lexicon: Lexicon; errors: string[] } {
  const lexicon = emptyLexicon();
  const errors: string[] = [];
  if (json === undefined || json === null) return { lexicon, errors };
  if (typeof json !== 'object' || Array.isArray(json)) {
    errors.push(`${source}: expected an object with "entities", "ignore" and/or "types", got ${Array.isArray(json) ? 'an array' : typeof json}`);
    return { lexicon, errors };
  }
  const obj = json as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!['entities', 'ignore', 'types'].includes(key)) errors.push(`${source}: unknown key "${key}" (expected "entities", "ignore" or "types")`);
  }
  if (obj.entities !== undefined) {
    if (!Array.isArray(obj.entities)) {
      errors.push(`${source}: "entities" must be an array of {"text", "type", "aliases"?}`);
    } else {
      obj.entities.forEach((e: unknown, i: number) => {
        const where = `${source}: entities[${i}]`;
        if (typeof e !== 'object' || e === null || Array.isArray(e)) {
          errors.push(`${where} must be an object {"text", "type", "aliases"?}`);
          return;
        }
        const ent = e as Record<string, unknown>;
        if (!nonEmptyString(ent.text)) {
          errors.push(`${where}: "text" must be a non-empty string`);
          return;
        }
        for (const key of Object.keys(ent)) {
          if (!['text', 'type', 'aliases', 'matchLowercase'].includes(key)) errors.push(`${where} ("${ent.text}"): unknown key "${key}" (expected "text", "type", "aliases" or "matchLowercase")`);
        }
        if (ent.matchLowercase !== undefined && typeof ent.matchLowercase !== 'boolean') {
          errors.push(`${where} ("${ent.text}"): "matchLowercase" must be true or false, got ${JSON.stringify(ent.matchLowercase)}`);
          return;
        }
        if (!isType(ent.type)) {
          errors.push(`${where} ("${ent.text}"): "type" must be "person", "place" or "organization", got ${JSON.stringify(ent.type)}`);
          return;
        }
        const aliases: string[] = [];
        if (ent.aliases !== undefined) {
          if (!Array.isArray(ent.aliases)) {
            errors.push(`${where} ("${ent.text}"): "aliases" must be an array of strings`);
          } else {
            ent.aliases.forEach((a: unknown, j: number) => {
              if (nonEmptyString(a)) aliases.push(a.trim());
              else errors.push(`${where} ("${ent.text}"): aliases[${j}] must be a non-empty string`);
            });
          }
        }
        lexicon.entities.push({ text: ent.text.trim(), type: ent.type, aliases, ...(ent.matchLowercase === true ? { matchLowercase: true } : {}) });
      });
    }
  }
  if (obj.ignore !== undefined) {
    if (!Array.isArray(obj.ignore)) {
      errors.push(`${source}: "ignore" must be an array of strings`);
    } else {
      obj.ignore.forEach((s: unknown, i: number) => {
        if (nonEmptyString(s)) lexicon.ignore.push(s.trim());
        else errors.push(`${source}: ignore[${i}] must be a non-empty string`);
      });
    }
  }
  if (obj.types !== undefined) {
    if (typeof obj.types !== 'object' || obj.types === null || Array.isArray(obj.types)) {
      errors.push(`${source}: "types" must be an object mapping surface text to "person", "place" or "organization"`);
    } else {
      for (const [surface, t] of Object.entries(obj.types as Record<string, unknown>)) {
        if (!nonEmptyString(surface)) errors.push(`${source}: "types" has an empty surface`);
        else if (!isType(t)) errors.push(`${source}: types["${surface}"] must be "person", "place" or "organization", got ${JSON.stringify(t)}`);
        else lexicon.types[surface.trim()] = t;
      }
    }
  }
  return { lexicon, errors };
}

/**
 * Merges lexicons; later ones win on conflicts (pass the setting first and the workspace file
 * last so the file, which travels with the corpus, has the final word).
 */
export function mergeLexicons(...lexicons: Lexicon[]): Lexicon {
  const out = emptyLexicon();
  const byText = new Map<string, LexiconEntity>();
  const ignore = new Map<string, string>();
  for (const lex of lexicons) {
    for (const e of lex.entities) {
      const key = e.text.toLowerCase();
      const prev = byText.get(key);
      const aliases = [...new Set([...(prev?.aliases ?? []), ...e.aliases])];
      const matchLowercase = e.matchLowercase ?? prev?.matchLowercase;
      byText.set(key, { text: e.text, type: e.type, aliases, ...(matchLowercase ? { matchLowercase } : {}) });
    }
    for (const s of lex.ignore) ignore.set(s.toLowerCase(), s);
    Object.assign(out.types, lex.types);
  }
  out.entities = [...byText.values()];
  out.ignore = [...ignore.values()];
  return out;
}

/** A stable fingerprint of a lexicon (consolidation results depend on it). */
export function lexiconFingerprint(lexicon: Lexicon): string {
  return JSON.stringify([lexicon.entities, [...lexicon.ignore].sort(), Object.entries(lexicon.types).sort()]);
}

/** The words of a phrase as lexicon matching compares them (composed accents, lower case). */
function matchWords(text: string): string[] {
  const { starts, ends } = tokenizeLine(text);
  return starts.map((s, i) => text.slice(s, ends[i]).normalize('NFC').toLowerCase());
}

/**
 * The entries whose `matchLowercase` is set, by first word, longest first; undefined when there
 * are none (the common case: nothing to scan).
 */
export function lowercaseTerms(lexicon: Lexicon): Map<string, { words: string[]; type: EntityType }[]> | undefined {
  const terms = new Map<string, { words: string[]; type: EntityType }[]>();
  for (const e of lexicon.entities) {
    if (!e.matchLowercase) continue;
    for (const surface of [e.text, ...e.aliases]) {
      const words = matchWords(surface);
      if (words.length === 0) continue;
      const list = terms.get(words[0]) ?? [];
      list.push({ words, type: e.type });
      terms.set(words[0], list);
    }
  }
  for (const list of terms.values()) list.sort((a, b) => b.words.length - a.words.length);
  return terms.size > 0 ? terms : undefined;
}

/**
 * Occurrences of `matchLowercase` entries in whatever case, at token boundaries: mentions with
 * source 'lexicon'. One pass over the tokens: linear in the text.
 */
export function lexiconMatches(lines: readonly EntityLine[], terms: ReturnType<typeof lowercaseTerms>): EntityMention[] {
  const out: EntityMention[] = [];
  if (!terms) return out;
  for (const { line, text } of lines) {
    const { starts, ends } = tokenizeLine(text);
    const lower = starts.map((s, i) => text.slice(s, ends[i]).normalize('NFC').toLowerCase());
    for (let i = 0; i < lower.length;) {
      const match = terms.get(lower[i])?.find((t) => t.words.every((w, k) => lower[i + k] === w));
      if (!match) {
        i++;
        continue;
      }
      const end = ends[i + match.words.length - 1];
      out.push({ line, start: starts[i], end, text: text.slice(starts[i], end), type: match.type, source: 'lexicon' });
      i += match.words.length;
    }
  }
  return out;
}

/** An extraction with lexicon matches added; a match replaces the model's mentions it overlaps (the lexicon wins). */
export function withLexiconMatches<T extends { mentions: EntityMention[] }>(extraction: T, matches: readonly EntityMention[]): T {
  if (matches.length === 0) return extraction;
  const overlaps = (a: EntityMention, b: EntityMention): boolean => a.line === b.line && a.start < b.end && b.start < a.end;
  const kept = extraction.mentions.filter((m) => !matches.some((x) => overlaps(m, x)));
  const mentions = [...kept, ...matches].sort((a, b) => a.line - b.line || a.start - b.start);
  return { ...extraction, mentions };
}
