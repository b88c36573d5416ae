/**
 * The attributes a bundled document carries so that split gives back the exact bytes of the
 * bare seed file it came from (see docs/bundle-split.md). Absent attributes mean the common
 * case: LF line endings, a final newline, no BOM, no escaped lines.
 */
import { plural } from '../wording';


/** `eol=crlf` (every line ends in CRLF) or `eol=mixed` (the CRLF lines are listed in `crlf-lines`). */
export const EOL_KEY = 'eol';
/** 1-based line numbers (ranges `a-b`, comma separated) of the lines that end in CRLF, with `eol=mixed`. */
export const CRLF_LINES_KEY = 'crlf-lines';
/** `final-newline=no`: the file's last line has no line ending. */
export const FINAL_NEWLINE_KEY = 'final-newline';
/** `bom=yes`: the file starts with a UTF-8 byte order mark. */
export const BOM_KEY = 'bom';
/** 1-based line numbers of body lines written with a leading `\` because they would read as delimiters. */
export const ESCAPED_LINES_KEY = 'escaped-lines';

/** Every key bundle writes and split reads (mentionsBundleKey relies on their first letters: b, c, e, f). */
export const BUNDLE_KEYS: readonly string[] = [EOL_KEY, CRLF_LINES_KEY, FINAL_NEWLINE_KEY, BOM_KEY, ESCAPED_LINES_KEY];

/** The character put in front of an escaped line. */
export const ESCAPE = '\\';

/** A problem found while bundling or splitting. */
export interface BundleProblem {
  severity: 'error' | 'warning';
  /** The file (bundle: the input file as shown to the user) the problem is about, if any. */
  file?: string;
  /** 1-based line, when the problem has one. */
  line?: number;
  message: string;
}

/** Formats 1-based line numbers as `1,3-5,9` (sorted input). */
export function formatLineList(lines: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i];
    let end = start;
    while (i + 1 < lines.length && lines[i + 1] === end + 1) end = lines[++i];
    parts.push(end > start ? `${start}-${end}` : String(start));
  }
  return parts.join(',');
}

/**
 * Why `text` is not a list of line numbers like `1,3-5,9` within lines 1..`lineCount`, or
 * undefined when it is one. Checked on the digits as written, without expanding a range (a
 * range such as `1-2000000000` must cost nothing) and without arithmetic that loses digits.
 */
export function lineListProblem(key: string, text: string, lineCount: number): string | undefined {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text)) return `${key}=${text} is not a list of line numbers like 1,3-5`;
  for (const part of text.split(',')) {
    const dash = part.indexOf('-');
    const a = dash < 0 ? part : part.slice(0, dash);
    const b = dash < 0 ? a : part.slice(dash + 1);
    for (const digits of [a, b]) {
      if (!withinLines(digits, lineCount)) {
        return /^0+$/.test(digits)
          ? `${key}=${text} names line 0; lines count from 1`
          : `${key} names line ${digits.replace(/^0+/, '')}, but the document has ${plural(lineCount, 'line')}`;
      }
    }
    if (Number(b) < Number(a)) return `${key}=${text} has the range ${part}, which ends before it starts`;
  }
  return undefined;
}

/** Whether the digit string names a line in 1..lineCount (at most 15 significant digits are exact as numbers). */
function withinLines(digits: string, lineCount: number): boolean {
  const significant = digits.replace(/^0+/, '');
  return significant.length > 0 && significant.length <= 15 && Number(significant) <= lineCount;
}

/**
 * The lines of a list that lineListProblem accepted for `lineCount` lines, as flags indexed
 * by 1-based line: linear in the list's length plus the line count, whatever the ranges span.
 */
export function lineListFlags(text: string, lineCount: number): Uint8Array {
  const delta = new Int32Array(lineCount + 2);
  for (const part of text === '' ? [] : text.split(',')) {
    const [a, b] = part.split('-').map(Number);
    delta[a]++;
    delta[(b ?? a) + 1]--;
  }
  const flags = new Uint8Array(lineCount + 1);
  let depth = 0;
  for (let n = 1; n <= lineCount; n++) {
    depth += delta[n];
    flags[n] = depth > 0 ? 1 : 0;
  }
  return flags;
}

/** A problem with a document's bundle attributes, and the key it is about. */
export interface BundleAttributeProblem {
  key: string;
  message: string;
}

/**
 * What is wrong with a document's bundle attributes for a body of `bodyLineCount` lines (the
 * lines between its delimiters): the checks split makes before it restores a file, shared
 * with the parser so that `check` reports what split would refuse. `value(key)` is the
 * attribute's value (the first one, as everywhere), undefined when absent.
 */
export function bundleAttributeProblems(value: (key: string) => string | undefined, bodyLineCount: number): BundleAttributeProblem[] {
  const problems: BundleAttributeProblem[] = [];
  const eol = value(EOL_KEY);
  const finalNewline = value(FINAL_NEWLINE_KEY);
  const bom = value(BOM_KEY);
  if (eol !== undefined && eol !== 'lf' && eol !== 'crlf' && eol !== 'mixed') problems.push({ key: EOL_KEY, message: `eol=${eol} is not lf, crlf or mixed` });
  if (finalNewline !== undefined && finalNewline !== 'yes' && finalNewline !== 'no') {
    problems.push({ key: FINAL_NEWLINE_KEY, message: `final-newline=${finalNewline} is not yes or no` });
  }
  if (bom !== undefined && bom !== 'yes' && bom !== 'no') problems.push({ key: BOM_KEY, message: `bom=${bom} is not yes or no` });
  for (const key of [CRLF_LINES_KEY, ESCAPED_LINES_KEY]) {
    const raw = value(key);
    const problem = raw === undefined ? undefined : lineListProblem(key, raw, bodyLineCount);
    if (problem) problems.push({ key, message: problem });
  }
  const crlfLines = value(CRLF_LINES_KEY);
  if (eol === 'mixed' && crlfLines === undefined) problems.push({ key: EOL_KEY, message: 'eol=mixed needs crlf-lines' });
  if (eol !== 'mixed' && crlfLines !== undefined) problems.push({ key: CRLF_LINES_KEY, message: 'crlf-lines is only read with eol=mixed' });
  return problems;
}

/**
 * Whether characters [start, end) (the attributes of an open line) hold a bundle key: a
 * cheap test so the parser checks bundle attributes only on lines that have them.
 */
export function mentionsBundleKey(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) continue;
    // Every bundle key starts with b, c, e or f: most spaces (inside a note, say) stop here.
    const k = text.charCodeAt(i + 1);
    if (k !== 98 && k !== 99 && k !== 101 && k !== 102) continue;
    for (const key of BUNDLE_KEYS) {
      if (i + 1 + key.length < end && text.startsWith(key, i + 1) && text.charCodeAt(i + 1 + key.length) === 61) return true;
    }
  }
  return false;
}

/**
 * Whether a bundle key ends right before the '=' at `eq`, with a space or a tab before it at or
 * after `start`: mentionsBundleKey's test at one '=' (the parser visits only the '=' characters).
 */
export function bundleKeyEndsAt(text: string, eq: number, start: number): boolean {
  for (const key of BUNDLE_KEYS) {
    const at = eq - key.length;
    if (at - 1 < start || !text.startsWith(key, at)) continue;
    const c = text.charCodeAt(at - 1);
    if (c === 32 || c === 9) return true;
  }
  return false;
}

/** The first problem as one line (`file:line: message`), with how many more there are. */
export function problemLine(problems: readonly BundleProblem[], file?: string): string {
  const [first] = problems;
  const where = [first.file ?? file, first.line].filter((part) => part !== undefined).join(':');
  const more = problems.length > 1 ? ` (and ${plural(problems.length - 1, 'more problem')})` : '';
  return `${where ? where + ': ' : ''}${first.message}${more}`;
}
