/**
 * Span-level text helpers: all-caps detection, length-preserving recasing, datelines and the
 * cleaning of mention edges. All functions keep UTF-16 offsets intact.
 */

/** Letters of a line that are upper / lower case. */
function letterCounts(text: string): { upper: number; lower: number } {
  let upper = 0;
  let lower = 0;
  for (const ch of text) {
    if (ch !== ch.toLowerCase()) upper++;
    else if (ch !== ch.toUpperCase()) lower++;
  }
  return { upper, lower };
}

/** True when a text is (almost) all upper case: the tagger cannot read its capitalisation. */
export function isAllCaps(text: string): boolean {
  const { upper, lower } = letterCounts(text);
  return upper >= 4 && lower <= upper * 0.1;
}

/** Changes the case of one character only when the result has the same UTF-16 length. */
function safeCase(ch: string, toUpper: boolean): string {
  const c = toUpper ? ch.toUpperCase() : ch.toLowerCase();
  return c.length === ch.length ? c : ch;
}

/** Title-cases a word ("LONDON" -> "London", "O'NEILL" -> "O'neill"), same length. */
export function titleCase(word: string): string {
  let out = '';
  let first = true;
  for (const ch of word) {
    out += safeCase(ch, first);
    if (/\p{L}/u.test(ch)) first = false;
  }
  return out;
}

/** Lower-cases a word, same length. */
export function lowerCase(word: string): string {
  let out = '';
  for (const ch of word) out += safeCase(ch, false);
  return out;
}

/** What the rest of a document tells about how a word is normally written. */
export interface CaseEvidence {
  /** Lower-cased word -> the form seen mid-sentence in mixed-case text: 'lower' | 'title' | 'upper'. */
  forms: Map<string, { lower: number; title: number; upper: number }>;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.&-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Collects case evidence from the mixed-case lines of a document (sentence-initial words skipped). */
export function collectCaseEvidence(lines: readonly string[]): CaseEvidence {
  const forms = new Map<string, { lower: number; title: number; upper: number }>();
  for (const text of lines) {
    if (isAllCaps(text)) continue;
    WORD.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = WORD.exec(text)) !== null) {
      const w = m[0];
      if (!/\p{L}/u.test(w)) continue;
      const before = text.slice(Math.max(0, m.index - 3), m.index);
      // Sentence-initial capitals say nothing about the word.
      if (m.index === 0 || /[.!?:"“]\s*$/.test(before)) continue;
      const key = w.toLowerCase();
      let f = forms.get(key);
      if (!f) forms.set(key, (f = { lower: 0, title: 0, upper: 0 }));
      if (w === w.toLowerCase()) f.lower++;
      else if (w.length > 1 && w === w.toUpperCase()) f.upper++;
      else if (w[0] === w[0].toUpperCase()) f.title++;
    }
  }
  return { forms };
}

/**
 * Recases an all-caps span word by word, so that the tagger sees normal capitalisation while
 * offsets stay identical. `lexiconForm` tells how the general lexicon writes a word (or undefined).
 */
export function recase(
  text: string,
  evidence: CaseEvidence,
  lexiconForm: (lower: string) => 'lower' | 'title' | undefined,
  knownPhrase: (lowerPhrase: string) => boolean = () => false,
): string {
  // Multi-word names first ("NEW YORK", "SRI LANKA"): their words are title-cased together.
  const inPhrase = new Set<number>();
  const words = [...text.matchAll(WORD)];
  for (let i = 0; i < words.length; i++) {
    for (let n = Math.min(4, words.length - i); n >= 2; n--) {
      const a = words[i].index ?? 0;
      const last = words[i + n - 1];
      const b = (last.index ?? 0) + last[0].length;
      const phrase = text.slice(a, b);
      if (!/^[^\n]*$/.test(phrase) || !knownPhrase(phrase.toLowerCase().replace(/\s+/g, ' '))) continue;
      for (let k = i; k < i + n; k++) inPhrase.add(words[k].index ?? 0);
      i += n - 1;
      break;
    }
  }
  return text.replace(WORD, (w, offset: number) => {
    if (!/\p{L}/u.test(w) || w !== w.toUpperCase()) return w;
    if (inPhrase.has(offset)) return titleCase(w);
    const key = w.toLowerCase();
    const f = evidence.forms.get(key);
    if (f) {
      if (f.upper > 0 && f.upper >= f.title && f.upper >= f.lower) return w;
      if (f.title > 0 && f.title >= f.lower) return titleCase(w);
      if (f.lower > 0) return lowerCase(w);
    }
    const lex = lexiconForm(key);
    if (lex === 'lower') return lowerCase(w);
    if (lex === 'title') return titleCase(w);
    // Unknown words in capitals: short ones are most often acronyms, longer ones names.
    if (w.length === 1) return lowerCase(w);
    if (w.length <= 3 && !/[aeiouyàáâäãåæèéêëìíîïòóôöõøœùúûü]/i.test(w)) return w;
    return titleCase(w);
  });
}

/**
 * A dateline at the start of a paragraph: "LONDON 1996-08-30", "WASHINGTON (Reuters) -",
 * "NEW YORK, Aug 30 -". Returns the place name's extent, or undefined.
 */
export function datelinePlace(text: string): { start: number; end: number } | undefined {
  // Also after a byline on the same line: "Glenn Somerville WASHINGTON 1996-08-29".
  const m = /(?:^|\s)([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:,? \d{4}-\d{2}-\d{2}|(?:, \p{Lu}[\p{L}.]*(?: \p{Lu}[\p{L}.]*){0,2})?,? \((?:Reuters|AP|AFP|UPI|Xinhua|dpa|DPA|CNN|Bloomberg)\)|, [A-Z][a-z]{2,8}\.? \d{1,2} [-–—])/u.exec(text);
  if (!m || m.index > 60) return undefined;
  const start = m.index + (m[0].length - m[0].trimStart().length);
  // A byline before the dateline must look like a name, not a sentence.
  if (start > 0 && !/^(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}$/u.test(text.slice(0, start))) return undefined;
  return { start, end: start + m[1].length };
}

/** Abbreviations whose final period belongs to the name. */
const KEEP_PERIOD = /(?:(?:^|[\s.])\p{L}\.\p{L}\.|\b(?:Corp|Inc|Ltd|Co|Jr|Sr|Bros|Cos)\.)$/u;

const TRAILING_PUNCT = /[\s.,;:!?"“”'‘’()[\]{}*–—-]+$/u;
const LEADING_PUNCT = /^[\s.,;:!?"“”'‘’()[\]{}*–—-]+/u;

/**
 * Cleans a mention's edges: leading/trailing punctuation and quotes, a possessive 's / ’s, a
 * leading "the". Keeps a final period of an abbreviation inside the span ("Corp.", "U.S.").
 * Returns the new [start, end) within `text`, or undefined when nothing is left.
 */
export function cleanSpan(text: string, start: number, end: number): { start: number; end: number } | undefined {
  // The tagger leaves the final period of "U.S." or "Corp." outside its term.
  if (text[end] === '.' && KEEP_PERIOD.test(text.slice(start, end + 1))) end++;
  let s = text.slice(start, end);
  const lead = LEADING_PUNCT.exec(s);
  if (lead) {
    start += lead[0].length;
    s = s.slice(lead[0].length);
  }
  // Possessive (also the bare apostrophe of plurals: "Reuters'").
  const poss = /(?:['’][sS]|[sS]['’])$/u.exec(s);
  if (poss) {
    const cut = /^[sS]/.test(poss[0]) ? 1 : 2;
    s = s.slice(0, s.length - cut);
    end -= cut;
  }
  const trail = TRAILING_PUNCT.exec(s);
  if (trail) {
    let cut = trail[0].length;
    // "U.S." and "Corp." keep their final period: it belongs to the abbreviation.
    if (trail[0].startsWith('.') && KEEP_PERIOD.test(s.slice(0, s.length - cut + 1))) {
      cut -= 1;
    }
    s = s.slice(0, s.length - cut);
    end -= cut;
  }
  const the = /^(?:the|The|THE)\s+/.exec(s);
  if (the && s.length > the[0].length) {
    start += the[0].length;
    s = s.slice(the[0].length);
  }
  if (s.length === 0 || !/\p{L}/u.test(s)) return undefined;
  return { start, end };
}
