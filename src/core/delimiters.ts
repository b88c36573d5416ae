/**
 * Recognition of delimiter lines: canonical `<<< id` / `>>> id`, the malformed attempts of
 * SEED006 and git conflict markers. Only lines whose first character (after optional
 * whitespace) is a marker character ever reach this module.
 */
import { isIdShaped, isValidSeedIdAt } from './ids';

/** What a delimiter-like line was taken for. */
export type DelimiterKind = 'open' | 'close' | 'conflict';

/** A recognised delimiter line; offsets are UTF-16 offsets in the line text. */
export interface DelimiterLine {
  kind: DelimiterKind;
  /** The marker run (after any leading whitespace). */
  markerStart: number;
  markerEnd: number;
  /** The id as written; empty (with idStart === idEnd) when missing. */
  id: string;
  idStart: number;
  idEnd: number;
  /** Where attributes (open) or trailing text (close) start; the line length when none. */
  restStart: number;
  /** SEED006 problems, each a short phrase; empty for a canonical delimiter. */
  problems: string[];
  /** The span covering every problem (meaningful when problems is non-empty). */
  problemStart: number;
  problemEnd: number;
  /**
   * Invisible characters (a no-break space, a zero-width character, a stray BOM) sit in the
   * marker, the separator or the id: the canonical rewrite of an open line then replaces
   * everything up to restStart, and `id` is the id without them.
   */
  invisible?: boolean;
}

const LT = 60;
const GT = 62;
const SPACE = 32;
const TAB = 9;

/** The open-direction look-alikes: « (counts as two markers), ＜, ‹. */
function openUnits(c: number): number {
  if (c === LT || c === 0xff1c || c === 0x2039) return 1;
  if (c === 0xab) return 2;
  return 0;
}

/** The close-direction look-alikes: » (counts as two markers), ＞, ›. */
function closeUnits(c: number): number {
  if (c === GT || c === 0xff1e || c === 0x203a) return 1;
  if (c === 0xbb) return 2;
  return 0;
}

/** Whether a character code can start a delimiter-like line (the parser's fast pre-check). */
export function mayStartDelimiter(c: number): boolean {
  if (c < 128) return ASCII_STARTS[c] === 1;
  return c === 0xab || c === 0xbb || c === 0xff1c || c === 0xff1e || c === 0x2039 || c === 0x203a || invisibleKind(c) !== 0;
}

/**
 * Invisible characters that can hide a delimiter: 1 for those that show as a space (no-break
 * and other Unicode spaces), 2 for those that show as nothing (zero-width characters, a BOM,
 * a soft hyphen), 0 for any other character.
 */
export function invisibleKind(c: number): number {
  if (c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f || c === 0x3000) return 1;
  if ((c >= 0x200b && c <= 0x200d) || c === 0x2060 || c === 0xfeff || c === 0xad) return 2;
  return 0;
}

/** How a message names an invisible character. */
function invisibleName(c: number): string {
  const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
  const names: Record<number, string> = {
    0xa0: 'no-break space', 0x200b: 'zero-width space', 0x200c: 'zero-width non-joiner', 0x200d: 'zero-width joiner',
    0x2060: 'word joiner', 0xfeff: 'byte order mark', 0xad: 'soft hyphen', 0x202f: 'narrow no-break space', 0x3000: 'ideographic space',
  };
  return `${code} (${names[c] ?? 'space'})`;
}

/** ASCII characters that can start a delimiter-like line: < > space tab = |. */
const ASCII_STARTS = new Uint8Array(128);
for (const c of [LT, GT, SPACE, TAB, 61, 124]) ASCII_STARTS[c] = 1;

function isConflictRun(text: string, ch: string): boolean {
  // `=======` and `|||||||` stand alone (trailing whitespace aside); `|||||||` may carry a label.
  if (!text.startsWith(ch.repeat(7))) return false;
  const next = text.charCodeAt(7);
  if (text.length === 7) return true;
  if (ch === '=') return text.slice(7).trim() === '';
  return next === SPACE;
}

/**
 * Classifies one line (without its line ending). Returns undefined for body text, a comment,
 * or anything that is not a delimiter attempt: a run of 2-7 markers (or look-alikes) followed
 * by nothing or by something id-shaped (see isIdShaped), or a git conflict marker.
 */
export function classifyDelimiter(text: string): DelimiterLine | undefined {
  return canonicalDelimiterAt(text, 0, text.length) ?? classifySlow(text) ?? classifyInvisible(text);
}

/**
 * A line that is a delimiter attempt once its invisible characters are read as what they show
 * (a space, or nothing): `<<<` + no-break space + id, a zero-width character inside an id, a
 * BOM in front of a delimiter (what `cat a.seed b.seed` gives). Reported as SEED006 with the
 * characters named; offsets refer to the line as written.
 */
function classifyInvisible(text: string): DelimiterLine | undefined {
  const n = text.length;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) >= 0xa0 && invisibleKind(text.charCodeAt(i)) !== 0) {
      first = i;
      break;
    }
  }
  if (first < 0) return undefined;
  // The line as it shows, and where each of its characters is in the line as written.
  let shown = '';
  const at: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const kind = c >= 0xa0 ? invisibleKind(c) : 0;
    if (kind === 2) continue;
    shown += kind === 1 ? ' ' : text[i];
    at.push(i);
  }
  const d = canonicalDelimiterAt(shown, 0, shown.length) ?? classifySlow(shown);
  if (!d) return undefined;
  // Nor do they hide a conflict marker: it is deleted whole, invisible characters and all.
  if (d.kind === 'conflict') return conflict(n);
  const start = (o: number) => (o < at.length ? at[o] : n);
  const end = (o: number) => (o === 0 ? start(0) : at[o - 1] + 1);
  const restStart = start(d.restStart);
  // Invisible characters among the attributes are the attributes' business (SEED009/SEED010).
  const limit = d.kind === 'open' ? restStart : n;
  const found: number[] = [];
  let last = -1;
  for (let i = first; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xa0 && invisibleKind(c) !== 0) {
      if (!found.includes(c)) found.push(c);
      last = i;
    }
  }
  if (last < 0) return undefined;
  const idStart = start(d.idStart);
  const idEnd = d.id === '' ? idStart : end(d.idEnd);
  const phrase = `invisible ${found.length === 1 ? 'character' : 'characters'} ${found.map(invisibleName).join(', ')}`;
  const problems = [phrase, ...d.problems];
  const pStart = d.problems.length ? Math.min(first, start(d.problemStart)) : first;
  const pEnd = d.problems.length ? Math.max(last + 1, end(d.problemEnd)) : last + 1;
  return {
    kind: d.kind, markerStart: start(d.markerStart), markerEnd: end(d.markerEnd), id: d.id, idStart, idEnd, restStart,
    problems, problemStart: pStart, problemEnd: pEnd, invisible: true,
  };
}

const NO_PROBLEMS: string[] = [];
Object.freeze(NO_PROBLEMS);

/**
 * The common case, checked on characters [start, end) of a larger text without slicing the
 * line: `<<< id[ attributes]` or `>>> id` with a well-formed id. Offsets in the result are
 * relative to `start`. Anything else (undefined) needs classifyDelimiter on the line.
 */
export function canonicalDelimiterAt(text: string, start: number, end: number): DelimiterLine | undefined {
  const c0 = text.charCodeAt(start);
  if ((c0 !== LT && c0 !== GT) || text.charCodeAt(start + 1) !== c0 || text.charCodeAt(start + 2) !== c0 ||
      text.charCodeAt(start + 3) !== SPACE || start + 4 > end) return undefined;
  let e = start + 4;
  while (e < end) {
    const c = text.charCodeAt(e);
    if (c === SPACE || c === TAB) break;
    e++;
  }
  if (!isValidSeedIdAt(text, start + 4, e)) return undefined;
  let rest = e;
  while (rest < end && (text.charCodeAt(rest) === SPACE || text.charCodeAt(rest) === TAB)) rest++;
  if (c0 === GT && rest < end) return undefined;
  return {
    kind: c0 === LT ? 'open' : 'close', markerStart: 0, markerEnd: 3, id: text.slice(start + 4, e), idStart: 4, idEnd: e - start,
    restStart: rest - start, problems: NO_PROBLEMS, problemStart: 0, problemEnd: 0,
  };
}

function classifySlow(text: string): DelimiterLine | undefined {
  const n = text.length;
  let i = 0;
  while (i < n && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  if (i === n) return undefined;
  const first = text.charCodeAt(i);
  if (i === 0 && (first === 61 || first === 124)) {
    if (isConflictRun(text, first === 61 ? '=' : '|')) return conflict(n);
    return undefined;
  }
  const open = openUnits(first) > 0;
  if (!open && closeUnits(first) === 0) return undefined;
  const markerStart = i;
  let units = 0;
  let lookalike = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    const u = open ? openUnits(c) : closeUnits(c);
    if (u === 0) break;
    units += u;
    if (c !== LT && c !== GT) lookalike = true;
  }
  const markerEnd = i;
  if (units < 2 || units > 7) return undefined;
  while (i < n && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) i++;
  const sepEnd = i;
  while (i < n && text.charCodeAt(i) !== SPACE && text.charCodeAt(i) !== TAB) i++;
  let tokStart = sepEnd;
  let tokEnd = i;
  let token = text.slice(tokStart, tokEnd);

  // A 7-run at column 0 is a git conflict marker unless an id with `_` follows it.
  if (markerStart === 0 && units === 7 && !lookalike && markerEnd === 7 &&
      (token === '' || (text.charCodeAt(7) === SPACE && token.indexOf('_') < 0))) {
    return conflict(n);
  }
  // An open line whose id is missing but whose attributes are present: `<<< status=approved`.
  const missingIdWithAttributes = open && token !== '' && !isIdShaped(token) && /^[a-z][a-z0-9_-]*=/.test(token);
  if (token !== '' && !isIdShaped(token) && !missingIdWithAttributes) return undefined;
  if (missingIdWithAttributes) {
    token = '';
    tokEnd = tokStart;
  }

  const problems: string[] = [];
  let pStart = n;
  let pEnd = 0;
  const note = (phrase: string, s: number, e: number) => {
    problems.push(phrase);
    if (s < pStart) pStart = s;
    if (e > pEnd) pEnd = e;
  };
  const canonical = open ? '<<<' : '>>>';
  if (markerStart > 0) note('leading whitespace', 0, markerStart);
  if (lookalike) note(`look-alike characters '${text.slice(markerStart, markerEnd)}' instead of '${canonical}'`, markerStart, markerEnd);
  else if (units !== 3) note(`'${text.slice(markerStart, markerEnd)}' instead of '${canonical}'`, markerStart, markerEnd);
  if (token !== '') {
    const sep = text.slice(markerEnd, tokStart);
    if (sep === '') note(`no space after '${canonical}'`, markerStart, markerEnd);
    else if (sep.indexOf('\t') >= 0) note('a tab instead of a space after the marker', markerEnd, tokStart);
    else if (sep.length > 1) note('several spaces after the marker', markerEnd, tokStart);
  } else {
    note('the id is missing', markerStart, markerEnd);
    tokStart = tokEnd = markerEnd;
  }
  let restStart = tokEnd;
  while (restStart < n && (text.charCodeAt(restStart) === SPACE || text.charCodeAt(restStart) === TAB)) restStart++;
  if (missingIdWithAttributes) restStart = sepEnd;
  if (!open && restStart < n) {
    let end = n;
    while (end > restStart && (text.charCodeAt(end - 1) === SPACE || text.charCodeAt(end - 1) === TAB)) end--;
    note('text after the close id', restStart, end);
  }
  return {
    kind: open ? 'open' : 'close',
    markerStart, markerEnd, id: token, idStart: tokStart, idEnd: tokEnd, restStart,
    problems, problemStart: problems.length ? pStart : 0, problemEnd: problems.length ? pEnd : 0,
  };
}

function conflict(n: number): DelimiterLine {
  return {
    kind: 'conflict', markerStart: 0, markerEnd: n, id: '', idStart: 0, idEnd: 0, restStart: n,
    problems: ['git conflict marker'], problemStart: 0, problemEnd: n,
  };
}
