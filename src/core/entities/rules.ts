/**
 * The previous rule-based extraction (kept for comparison in eval:entities): compromise tags the body lines (all-caps lines and datelines
 * recased first, same length), then our own chunker builds proper-noun runs, cleans their edges,
 * strips titles and nationality labels, and types them with compromise's tags, a general
 * gazetteer, organisation/place suffix rules and a few news contexts (results, companies).
 *
 * Extraction depends on the document body only, so its result can be cached per body hash.
 */
import nlp from 'compromise';
import {
  CONNECTORS, COUNTRY_NAMES, DEMONYMS, EVENT_SUFFIXES, GAZETTEER, NAME_PARTICLES, NEVER_ENTITY, ORG_HEADS, ORG_SUFFIXES, PLACE_HEADS, PLACE_SUFFIXES,
  STRONG_TITLES, TITLES,
} from './gazetteer';
import { cleanSpan, collectCaseEvidence, datelinePlace, isAllCaps, recase, type CaseEvidence } from './spans';
import type { DocumentExtraction, EntityCandidate, EntityLine, EntityMention, EntityType } from './types';


interface Token {
  text: string;
  start: number;
  end: number;
  tags: Set<string>;
  pre: string;
  post: string;
  sentenceStart: boolean;
}

interface CompromiseTerm {
  text: string;
  pre: string;
  post: string;
  tags: string[];
  offset: { start: number; length: number };
}

const PROPER_TAGS = ['ProperNoun', 'Person', 'Place', 'Organization', 'FirstName', 'LastName', 'City', 'Country', 'Region'];
const PROPER_LEXICON_TAGS = new Set(['Person', 'Place', 'City', 'Country', 'Region', 'Organization', 'FirstName', 'LastName',
  'MaleName', 'FemaleName', 'ProperNoun', 'Demonym', 'Honorific', 'Acronym', 'SportsTeam', 'Company', 'School', 'Month', 'WeekDay']);

let lexicon: Record<string, string | string[]> | undefined;

/** How compromise's lexicon writes a lower-cased word: a name ('title'), a common word ('lower'), or unknown. */
export function lexiconForm(lower: string): 'lower' | 'title' | undefined {
  lexicon ??= (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  const tag = lexicon[lower];
  if (tag === undefined) return GAZETTEER.has(lower) ? 'title' : undefined;
  const tags = Array.isArray(tag) ? tag : [tag];
  return tags.some((t) => PROPER_LEXICON_TAGS.has(t)) ? 'title' : 'lower';
}

function isKnownPhrase(lower: string): boolean {
  return GAZETTEER.has(lower);
}

/** Quotes, colons and dashes start a new clause whose first word is capitalised anyway. */
function markClauseStarts(tokens: Token[]): void {
  for (let i = 1; i < tokens.length; i++) {
    if (/[:"“(]|\s[-–—]+\s*$|^\s*[-–—]+\s/.test(tokens[i - 1].post + tokens[i].pre)) tokens[i].sentenceStart = true;
  }
}

/** Tags one line through compromise's JSON output (the fallback path). */
function tokenizeLine(text: string): Token[] {
  const sentences = nlp(text).json({ offset: true }) as { terms: CompromiseTerm[] }[];
  const tokens: Token[] = [];
  for (const s of sentences) {
    s.terms.forEach((t, i) => {
      tokens.push({
        text: t.text, start: t.offset.start, end: t.offset.start + t.offset.length,
        tags: new Set(t.tags), pre: t.pre, post: t.post, sentenceStart: i === 0,
      });
    });
  }
  markClauseStarts(tokens);
  return tokens;
}

interface CompromiseDocTerm {
  text: string;
  pre: string;
  post: string;
  tags: Set<string>;
}

/**
 * Tags all lines of a document in one compromise call (lines joined with "\n", which compromise
 * treats as a sentence break) and reads its term list directly: cheaper than one call and one
 * JSON rendering per line. Offsets come from summing pre + text + post, so when that does not
 * rebuild the input exactly, the document falls back to per-line tagging.
 */
function tokenizeLines(lines: readonly string[]): Token[][] {
  const joined = lines.join('\n');
  const doc = nlp(joined) as unknown as { document: CompromiseDocTerm[][] };
  const out: Token[][] = lines.map(() => []);
  let offset = 0;
  let line = 0;
  let lineStart = 0;
  for (const sentence of doc.document) {
    sentence.forEach((t, i) => {
      offset += t.pre.length;
      // Move to the line this term starts on.
      while (line < lines.length - 1 && offset > lineStart + lines[line].length) {
        lineStart += lines[line].length + 1;
        line++;
      }
      const start = offset - lineStart;
      const tokens = out[line];
      tokens.push({
        text: t.text, start, end: start + t.text.length, tags: t.tags, pre: t.pre, post: t.post,
        sentenceStart: i === 0 || tokens.length === 0,
      });
      offset += t.text.length + t.post.length;
    });
  }
  const exact = offset === joined.length
    && out.every((tokens, l) => tokens.every((t) => t.end <= lines[l].length && lines[l].slice(t.start, t.end) === t.text));
  if (!exact) return lines.map(tokenizeLine);
  for (const tokens of out) markClauseStarts(tokens);
  return out;
}

/** The word without a possessive ending. */
function bare(word: string): string {
  return word.replace(/(?:['’][sS]|['’])$/u, '');
}

function hasProperTag(t: Token): boolean {
  return PROPER_TAGS.some((tag) => t.tags.has(tag));
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word) || /^(?:al|el|bin|d|l|O|Mc|Mac)['’-]?\p{Lu}/u.test(word);
}

/** "J." in "J. Smith": a single capital letter and a period. */
function isInitial(t: Token): boolean {
  return /^\p{Lu}$/u.test(t.text) && /^\.\s?$/.test(t.post);
}

/** Whether a token can be part of a proper-noun run. */
function isProper(t: Token, next: Token | undefined, evidence: CaseEvidence, recased: boolean): boolean {
  const word = bare(t.text);
  if (!isCapitalised(word) || NEVER_ENTITY.has(word)) return false;
  if (isInitial(t) && next && isCapitalised(next.text)) return true;
  if (t.tags.has('Date') || t.tags.has('Month') || t.tags.has('WeekDay')) return false;
  // In a recased line the capitals are our own decision, sentence start or not.
  if (!t.sentenceStart || recased) return true;
  const lower = word.toLowerCase();
  const f = evidence.forms.get(lower);
  if (f && f.title + f.upper > f.lower) return true;
  if (f && f.lower > 0) return false;
  // "Al Jazeera", "Le Monde": a known name beginning with a common word.
  if (next && GAZETTEER.has(`${lower} ${bare(next.text).toLowerCase()}`)) return true;
  const lex = lexiconForm(lower);
  if (lex === 'lower') return false;
  if (hasProperTag(t) || lex === 'title') return true;
  // An unknown sentence-initial word followed by another capitalised word: most likely a name.
  return next !== undefined && isCapitalised(next.text) && !next.sentenceStart;
}

interface Run {
  tokens: Token[];
}

/** Gap between two consecutive tokens that a run may bridge. */
function joinable(a: Token, b: Token): boolean {
  const gap = a.post + b.pre;
  if (a.text !== bare(a.text)) return false; // a possessive ends a run
  if (gap === ' ' || gap === '-' || gap === '' || gap === '&') return true;
  // An initial or a name abbreviation: "S. Waugh", "J.R. Ewing", "St. Petersburg", "Mt. Kenya".
  return (/^(?:\p{Lu}\.?)+$/u.test(a.text) && a.text.length <= 4 || /^(?:St|Ste|Mt|Ft|Pt)$/.test(a.text))
    && (gap === '. ' || gap === '.');
}

function buildRuns(tokens: Token[], evidence: CaseEvidence, recased: (t: Token) => boolean): Run[] {
  const proper = tokens.map((t, i) => isProper(t, tokens[i + 1], evidence, recased(t)));
  const runs: Run[] = [];
  let cur: Token[] = [];
  const flush = (): void => {
    if (cur.length > 0) runs.push({ tokens: cur });
    cur = [];
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (proper[i]) {
      if (cur.length > 0 && !joinable(cur[cur.length - 1], t)) flush();
      cur.push(t);
      continue;
    }
    // A connector inside a run ("Bank of England", "Ludwig van Beethoven", "Procter & Gamble").
    const lower = t.text.toLowerCase();
    if (cur.length > 0 && i + 1 < tokens.length && proper[i + 1] && CONNECTORS.has(lower) && !t.sentenceStart
      && joinable(cur[cur.length - 1], t) && joinable(t, tokens[i + 1])) {
      const head = bare(cur[0].text);
      const licensed = lower === '&'
        || ((lower === 'of' || lower === 'for' || lower === 'on' || lower === 'the') && (ORG_HEADS.has(head) || PLACE_HEADS.has(head)
          || ORG_HEADS.has(bare(cur[cur.length - 1].text)) || PLACE_HEADS.has(bare(cur[cur.length - 1].text))))
        || (NAME_PARTICLES.has(lower) && (cur[cur.length - 1].tags.has('Person') || tokens[i + 1].tags.has('Person')))
        || (lower === 'of' && STRONG_TITLES.has(bare(cur[cur.length - 1].text)));
      if (licensed) {
        cur.push(t);
        continue;
      }
    }
    flush();
  }
  flush();
  return runs;
}

function words(run: Token[]): string[] {
  return run.map((t) => bare(t.text));
}

function isDemonym(t: Token, word: string): boolean {
  if (t.tags.has('Demonym') || DEMONYMS.has(word)) return true;
  lexicon ??= (nlp.model() as { one: { lexicon: Record<string, string | string[]> } }).one.lexicon;
  const tag = lexicon[word.toLowerCase()];
  if (tag === 'Demonym' || (Array.isArray(tag) && tag.includes('Demonym'))) return true;
  // Nationality adjectives: Chinese, Lebanese, Danish, Finnish.
  return /^\p{Lu}\p{Ll}+(?:ese|ish)$/u.test(word) && tag === undefined;
}

/** Types one run (titles already stripped); undefined = untyped candidate, null = not an entity. */
function classify(run: Token[], surface: string, titled: boolean, mixedCaseLine: boolean, after?: Token): EntityType | undefined | null {
  const w = words(run);
  const last = w[w.length - 1];
  const gaz = GAZETTEER.get(surface.toLowerCase());
  if (gaz) return gaz;
  if (w.length >= 2 && EVENT_SUFFIXES.has(last)) return null;
  if (w.length >= 2 && ORG_SUFFIXES.has(last)) return 'organization';
  if (w.length >= 3 && w.includes('of') && ORG_HEADS.has(w[0])) return 'organization';
  if (w.length >= 3 && w.includes('of') && PLACE_HEADS.has(w[0])) return 'place';
  if (w.length >= 2 && (PLACE_SUFFIXES.has(last) || PLACE_HEADS.has(w[0]))) return 'place';
  if (isDemonym(run[run.length - 1], last)) return null;
  // A lone common word at a sentence start ("Former", "Net") is not a name.
  if (w.length === 1 && run[0].sentenceStart && lexiconForm(last.toLowerCase()) === 'lower' && !hasProperTag(run[0])) return null;
  if (w.length === 1 && last.length < 2) return null;
  if (titled) return 'person';
  let org = 0;
  let per = 0;
  let loc = 0;
  for (const t of run) {
    // compromise lends the type of "Twitter" to "Musk's" in "Elon Musk's Twitter".
    const lent = t === run[run.length - 1] && t.text !== bare(t.text) && after?.tags.has('Organization');
    if (t.tags.has('Organization') && !lent) org++;
    if (t.tags.has('Person')) per++;
    if (t.tags.has('Place')) loc++;
  }
  if (org > 0 && org >= per) return 'organization';
  if (per > 0 && per >= loc) return 'person';
  if (loc > 0) return 'place';
  if (mixedCaseLine && w.length === 1 && /^\p{Lu}{2,6}$/u.test(last)) return 'organization';
  // An initial before a capitalised word: "S. Watkin".
  if (w.length >= 2 && isInitial(run[0]) && /^\p{Lu}\p{Ll}/u.test(last)) return 'person';
  // Two or three unknown capitalised words in running text are, in news, most often a name.
  if (mixedCaseLine && w.length >= 2 && w.length <= 3 && run.every((t, i) => i === 0 || run[i - 1].post + t.pre === ' ' || isInitial(run[i - 1]))
    && w.every((x, i) => /^\p{Lu}\p{Ll}/u.test(x) || isInitial(run[i]))
    && !w.some((x) => lexiconForm(x.toLowerCase()) === 'lower')) return 'person';
  return undefined;
}

const ORG_BEFORE = /\b(?:company|companies|firm|group|maker|makers|manufacturer|producer|bank|carrier|airline|insurer|retailer|club|side|agency|newspaper|daily|weekly|broadcaster|operator|giant|conglomerate|unit|subsidiary|brewer|chain|exchange|shares (?:in|of)|stake in|champions|holders)\s+$/;
const ORG_AFTER = /^(?:['’]s)?\s+(?:shares|stock|shareholders|subsidiary|unit|board|said (?:it|its)|(?:posted|reported) (?:a |an )?(?:net|first|second|third|fourth|quarterly|half-year|annual|record|pre-tax|profit|loss|earnings|results|revenue|sales)|plans to (?:buy|sell|acquire))\b/;

const PLACE_BEFORE = /\b(?:in|near|outside|across|city of|town of|village of|province of|region of|district of|port of|capital|recaptured|captured|fled|flew to|arrived in)\s+$/;

/** Company and club contexts: "tyre maker Pirelli", "Ericsson shares", "Magna said its". */
function isOrgContext(text: string, start: number, end: number): boolean {
  return ORG_BEFORE.test(text.slice(Math.max(0, start - 30), start)) || ORG_AFTER.test(text.slice(end, end + 30));
}

/** Splits a run into known gazetteer names when it is not one itself and consists only of them. */
function gazetteerSegments(run: Token[], text: string): Token[][] | undefined {
  const key = (from: number, to: number): string => text.slice(run[from].start, run[to].end).toLowerCase();
  if (GAZETTEER.has(key(0, run.length - 1))) return undefined;
  const parts: Token[][] = [];
  for (let i = 0; i < run.length;) {
    let j = Math.min(run.length - 1, i + 3);
    while (j >= i && !GAZETTEER.has(key(i, j))) j--;
    if (j < i) return undefined;
    parts.push(run.slice(i, j + 1));
    i = j + 1;
  }
  return parts.length > 1 ? parts : undefined;
}

const PARTY_LABELS = new Set(['Democrat', 'Republican', 'Conservative', 'Liberal', 'Socialist', 'Communist', 'Labour', 'Tory']);

const TEAM_AFTER = /^\s+(?:\d{1,3}(?![\d.,:/-]*\d{2,4}\b)(?:\s|,|$)|(?:beat|beats|v|vs|v\.|vs\.|drew|draw|defeated|edged|routed|thrashed|crushed|downed|outlasted|rallied|lost to|won)\b)/;
const TEAM_BEFORE = /(?:\b(?:beat|beats|v|vs|v\.|vs\.|defeated|edged|routed|thrashed|crushed|downed|drew with|lost to|against)|(?:^|\s)\d{1,3})\s+$/;

/**
 * Sports: a place named in a result ("Chicago 5 Houston 3", "Essex beat Kent", "Milan v
 * Roma") stands for its team, an organisation.
 */
function isTeamContext(text: string, start: number, end: number): boolean {
  const after = text.slice(end, end + 24);
  const before = text.slice(Math.max(0, start - 24), start);
  return TEAM_AFTER.test(after) || (TEAM_BEFORE.test(before) && !/\bagainst\s+$/.test(before)) || (/\bagainst\s+$/.test(before) && TEAM_AFTER.test(after));
}

/**
 * The previous rule pipeline, kept only so that `eval:entities` can compare it with the model;
 * nothing in the extension or the CLI calls it.
 */
export function extractDocumentRules(lines: readonly EntityLine[]): DocumentExtraction {
  const evidence = collectCaseEvidence(lines.map((l) => l.text));
  const mentions: EntityMention[] = [];
  const candidates: EntityCandidate[] = [];
  let wordCount = 0;
  // First the text the tagger sees: all-caps lines and datelines recased, same length.
  const prepared = lines.map(({ text }) => {
    const caps = isAllCaps(text);
    const dateline = caps ? undefined : datelinePlace(text);
    let tagText = text;
    if (caps) {
      tagText = recase(text, evidence, lexiconForm, isKnownPhrase);
    } else if (dateline) {
      tagText = recase(text.slice(0, dateline.end), evidence, lexiconForm, isKnownPhrase) + text.slice(dateline.end);
    }
    return { caps, dateline, tagText };
  });
  const tokenized = tokenizeLines(prepared.map((p) => p.tagText));
  for (let li = 0; li < lines.length; li++) {
    const { line, text } = lines[li];
    const { caps, dateline, tagText } = prepared[li];
    const tokens = tokenized[li];
    wordCount += text.split(/\s+/).filter((s) => s.length > 0).length;
    const emit = (run: Token[], titled: boolean): void => {
      const span = cleanSpan(text, run[0].start, run[run.length - 1].end);
      if (!span) return;
      const surface = text.slice(span.start, span.end);
      const next = tokens[tokens.indexOf(run[run.length - 1]) + 1];
      let type = classify(run, tagText.slice(span.start, span.end), titled, !caps, next);
      if (type === null) return;
      if ((type === undefined || (type === 'person' && !titled)) && !caps && isOrgContext(text, span.start, span.end)) type = 'organization';
      if (type === undefined && !caps && PLACE_BEFORE.test(text.slice(Math.max(0, span.start - 30), span.start))) type = 'place';
      if (type === undefined) {
        // A lone common word ("The", "By") can never match a known entity worth finding.
        if (run.length === 1 && lexiconForm(bare(run[0].text).toLowerCase()) === 'lower') return;
        candidates.push({ line, start: span.start, text: surface, caps });
        return;
      }
      if (type === 'place' && !COUNTRY_NAMES.has(surface.toLowerCase()) && isTeamContext(text, span.start, span.end)) {
        mentions.push({ line, start: span.start, end: span.end, text: surface, type: 'organization', source: 'tagger', pinned: true });
      } else {
        mentions.push({ line, start: span.start, end: span.end, text: surface, type, source: 'tagger' });
      }
    };
    if (dateline) {
      mentions.push({ line, start: dateline.start, end: dateline.end, text: text.slice(dateline.start, dateline.end), type: 'place', source: 'tagger' });
    }
    for (let { tokens: run } of buildRuns(tokens, evidence, (t) => caps || (dateline !== undefined && t.end <= dateline.end))) {
      if (dateline && run[0].start < dateline.end && run[run.length - 1].end > dateline.start) {
        // Keep a byline before the dateline ("Glenn Somerville"), drop the dateline's own words.
        run = run.filter((t) => t.end <= dateline.start);
        if (run.length === 0) continue;
      }
      // Whole-run knowledge first: "General Motors" is not General + Motors.
      const cleanedWhole = cleanSpan(tagText, run[0].start, run[run.length - 1].end);
      if (cleanedWhole && GAZETTEER.has(tagText.slice(cleanedWhole.start, cleanedWhole.end).toLowerCase())) {
        emit(run, false);
        continue;
      }
      // Lists without commas, as in tables: "CHICAGO HOUSTON", "Detroit Toronto".
      const parts = run.length >= 2 ? gazetteerSegments(run, tagText) : undefined;
      if (parts) {
        for (const part of parts) emit(part, false);
        continue;
      }
      const w = words(run);
      if (w.length >= 2 && ORG_SUFFIXES.has(w[w.length - 1]) && !w.slice(0, -1).some((x) => STRONG_TITLES.has(x))) {
        emit(run, false);
        continue;
      }
      // A leading nationality or party label is not part of the name: "Australian Tom Moody".
      while (run.length > 1 && (isDemonym(run[0], bare(run[0].text)) || PARTY_LABELS.has(bare(run[0].text)))
        && !ORG_SUFFIXES.has(bare(run[run.length - 1].text))) {
        run = run.slice(1);
      }
      // Split at titles: "U.S. President Bill Clinton" -> "U.S." + (title) "Bill Clinton".
      let piece: Token[] = [];
      let titled = false;
      let inTitle = false;
      for (let i = 0; i < run.length; i++) {
        const word = bare(run[i].text);
        const isTitle = (TITLES.has(word) || run[i].tags.has('Honorific'))
          && run.slice(i + 1).some((t) => !TITLES.has(bare(t.text)) && !CONNECTORS.has(t.text.toLowerCase()));
        // "Secretary of State Antony Blinken": the office's domain belongs to the title.
        if (inTitle && (word === 'of' || word === 'for') && i + 2 < run.length) {
          i++;
          continue;
        }
        if (isTitle) {
          if (piece.length > 0 && !inTitle) emit(piece, titled);
          piece = [];
          inTitle = true;
          if (STRONG_TITLES.has(word) || run[i].tags.has('Honorific')) titled = true;
          continue;
        }
        inTitle = false;
        piece.push(run[i]);
      }
      if (piece.length > 0 && !piece.every((t) => TITLES.has(bare(t.text)))) emit(piece, titled);
    }
  }
  return { mentions, candidates, words: wordCount };
}
