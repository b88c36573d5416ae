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

/** Every key bundle writes and split reads. */
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

/** Reads `1,3-5,9` back into line numbers; undefined when the text is not such a list. */
export function parseLineList(text: string): number[] | undefined {
  if (!/^\d+(-\d+)?(,\d+(-\d+)?)*$/.test(text)) return undefined;
  const lines: number[] = [];
  for (const part of text.split(',')) {
    const [a, b] = part.split('-').map(Number);
    const end = b ?? a;
    if (a < 1 || end < a) return undefined;
    for (let n = a; n <= end; n++) lines.push(n);
  }
  return lines;
}

/** The first problem as one line (`file:line: message`), with how many more there are. */
export function problemLine(problems: readonly BundleProblem[], file?: string): string {
  const [first] = problems;
  const where = [first.file ?? file, first.line].filter((part) => part !== undefined).join(':');
  const more = problems.length > 1 ? ` (and ${plural(problems.length - 1, 'more problem')})` : '';
  return `${where ? where + ': ' : ''}${first.message}${more}`;
}
