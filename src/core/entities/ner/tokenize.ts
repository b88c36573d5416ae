/**
 * The tokenizer of the entity model: one line of detokenized news text into word and
 * punctuation tokens with UTF-16 offsets. It follows the CoNLL-2003 conventions closely enough
 * that gold spans fall on token boundaries: a possessive `'s` is its own token, the final period
 * of an abbreviation ("U.S.", "Corp.", an initial "J.") stays with its word, hyphenated words
 * stay whole. One left-to-right pass, no backtracking: linear in the line's length.
 */

/** Token offsets of one line: token i is text.slice(starts[i], ends[i]). */
export interface LineTokens {
  starts: number[];
  ends: number[];
}

/** Abbreviations whose final period belongs to the word (news style). */
const ABBREVIATIONS = new Set([
  'corp', 'inc', 'ltd', 'co', 'cos', 'bros', 'jr', 'sr', 'st', 'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'col', 'lt', 'sgt',
  'capt', 'gov', 'sen', 'rep', 'mt', 'ft', 'no', 'vs', 'v', 'plc', 'messrs', 'rev', 'maj', 'adm', 'cmdr', 'supt', 'insp',
  'jan', 'feb', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'u.n', 'e.u', 'ave', 'blvd', 'dept', 'est', 'etc',
]);

function isWordChar(c: number): boolean {
  // ASCII fast path; everything else by Unicode class.
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return WORD_CHAR.test(String.fromCharCode(c));
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x3000 || c === 0x202f || c === 0xfeff;
}

/** Characters that may join two word characters into one token: hyphens, apostrophes, periods, ampersands. */
function isJoiner(c: number): boolean {
  return c === 45 || c === 39 || c === 0x2019 || c === 46 || c === 38 || c === 0x2010 || c === 0x2011;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** A possessive ending `'s` / `’s` right before `end`. */
function possessiveAt(text: string, start: number, end: number): boolean {
  if (end - start < 3) return false;
  const a = text.charCodeAt(end - 2);
  const s = text.charCodeAt(end - 1);
  return (a === 39 || a === 0x2019) && (s === 115 || s === 83);
}

/** Tokenizes one line (see the module comment). */
export function tokenizeLine(text: string): LineTokens {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (!isWordChar(c)) {
      // Surrogate pairs (emoji) stay one token.
      const len = c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1;
      starts.push(i);
      ends.push(i + len);
      i += len;
      continue;
    }
    const start = i;
    let hasPeriod = false;
    i++;
    for (;;) {
      while (i < n && isWordChar(text.charCodeAt(i))) i++;
      if (i + 1 < n && isWordChar(text.charCodeAt(i + 1))) {
        const j = text.charCodeAt(i);
        // "1,000" and "3.5" keep their separators; names keep hyphens, apostrophes and "&".
        if (isJoiner(j) || (j === 44 && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1)))) {
          if (j === 46) hasPeriod = true;
          i++;
          continue;
        }
      }
      break;
    }
    let end = i;
    if (possessiveAt(text, start, end)) {
      starts.push(start);
      ends.push(end - 2);
      starts.push(end - 2);
      ends.push(end);
      continue;
    }
    // The period of "U.S.", "Corp." or an initial "J." belongs to the word.
    if (end < n && text.charCodeAt(end) === 46) {
      const word = text.slice(start, end);
      const lower = word.toLowerCase();
      if ((word.length === 1 && /\p{Lu}/u.test(word)) || (hasPeriod && /^(?:\p{L}\.)+\p{L}$/u.test(word)) || (word.length <= 6 && ABBREVIATIONS.has(lower))) {
        end++;
        i = end;
      }
    }
    starts.push(start);
    ends.push(end);
  }
  return { starts, ends };
}
