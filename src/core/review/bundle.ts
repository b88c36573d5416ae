/**
 * Bundles bare seed files into one seed corpus, losslessly: every byte of each file can be
 * restored by split (line endings, a missing final newline, a BOM, blank lines, lines that
 * would read as delimiters). What the corpus syntax cannot hold is recorded as attributes.
 */
import { classifyDelimiter } from '../delimiters';
import { isBareSeedFileName } from '../ids';
import {
  BOM_KEY, BundleProblem, CRLF_LINES_KEY, EOL_KEY, ESCAPE, ESCAPED_LINES_KEY, FINAL_NEWLINE_KEY, formatLineList,
} from './bundle-format';

/** One bare seed file to bundle. */
export interface BundleInput {
  /** The base name, `NNN_<16 hex>.txt`; the document id is the name without `.txt`. */
  name: string;
  text: string;
  /** How to name the file in messages (a path); defaults to `name`. */
  shownAs?: string;
}

/** The bundled corpus, or the problems that prevent it (then `text` is empty). */
export interface BundleResult {
  text: string;
  documentCount: number;
  problems: BundleProblem[];
}

/** A bare seed file split into its lines, with what the lines alone do not say. */
interface FileLines {
  lines: string[];
  crlf: boolean[];
  finalNewline: boolean;
  bom: boolean;
}

/**
 * Bundles bare seed files (in the given order) into a corpus with LF line endings. Refuses,
 * with one error per file, names that are not bare seed file names, duplicate ids, files that
 * are corpora already, and a carriage return that is not part of a CRLF line ending.
 */
export function bundle(files: readonly BundleInput[]): BundleResult {
  const problems: BundleProblem[] = [];
  const firstByid = new Map<string, string>();
  const out: string[] = [];
  for (const file of files) {
    const shown = file.shownAs ?? file.name;
    const error = (message: string, line?: number) => problems.push({ severity: 'error', file: shown, line, message });
    if (!isBareSeedFileName(file.name)) {
      error(`not a bare seed file name (expected NNN_<16 lowercase hex digits>.txt)`);
      continue;
    }
    const id = file.name.slice(0, -4);
    const first = firstByid.get(id);
    if (first !== undefined) {
      error(`duplicate id ${id} (also in ${first}); a corpus holds each id once`);
      continue;
    }
    firstByid.set(id, shown);
    const split = splitLines(file.text);
    if (typeof split === 'number') {
      error(`a carriage return that is not part of a CRLF line ending on line ${split}; seed files use LF or CRLF line endings`, split);
      continue;
    }
    const firstContent = split.lines.find((line) => !/^[ \t]*$/.test(line));
    if (firstContent !== undefined && classifyDelimiter(firstContent)?.kind === 'open') {
      error('is a corpus, not a bare seed file (its first non-blank line is an open delimiter)');
      continue;
    }
    out.push(bundleDocument(id, split));
  }
  if (files.length === 0) problems.push({ severity: 'error', message: 'no seed files to bundle' });
  if (problems.length) return { text: '', documentCount: 0, problems };
  return { text: out.join(''), documentCount: out.length, problems };
}

function bundleDocument(id: string, file: FileLines): string {
  const attributes: string[] = [];
  const terminated = file.finalNewline ? file.lines.length : file.lines.length - 1;
  const crlfLines: number[] = [];
  for (let i = 0; i < terminated; i++) if (file.crlf[i]) crlfLines.push(i + 1);
  if (crlfLines.length > 0 && crlfLines.length === terminated) attributes.push(`${EOL_KEY}=crlf`);
  else if (crlfLines.length > 0) attributes.push(`${EOL_KEY}=mixed`, `${CRLF_LINES_KEY}=${formatLineList(crlfLines)}`);
  if (!file.finalNewline) attributes.push(`${FINAL_NEWLINE_KEY}=no`);
  if (file.bom) attributes.push(`${BOM_KEY}=yes`);
  const escaped: number[] = [];
  const body = file.lines.map((line, i) => {
    // Exactly the lines the parser would take for a delimiter (or conflict marker) get a prefix.
    if (classifyDelimiter(line) === undefined) return line + '\n';
    escaped.push(i + 1);
    return ESCAPE + line + '\n';
  });
  if (escaped.length) attributes.push(`${ESCAPED_LINES_KEY}=${formatLineList(escaped)}`);
  const open = `<<< ${id}${attributes.map((attribute) => ' ' + attribute).join('')}\n`;
  return open + body.join('') + `>>> ${id}\n`;
}

/**
 * Splits a file's text into lines; returns the 1-based line of a lone carriage return instead
 * when there is one (it would be a line break to some readers and not to others).
 */
function splitLines(text: string): FileLines | number {
  const bom = text.charCodeAt(0) === 0xfeff;
  const body = bom ? text.slice(1) : text;
  const lines: string[] = [];
  const crlf: boolean[] = [];
  let pos = 0;
  for (;;) {
    const nl = body.indexOf('\n', pos);
    const end = nl < 0 ? body.length : nl;
    const isCrlf = nl >= 0 && end > pos && body.charCodeAt(end - 1) === 13;
    const content = body.slice(pos, isCrlf ? end - 1 : end);
    if (content.indexOf('\r') >= 0) return lines.length + 1;
    if (nl < 0) {
      // Text after the last line ending is a last line without one; nothing after it means a final newline.
      if (content !== '') {
        lines.push(content);
        crlf.push(false);
        return { lines, crlf, finalNewline: false, bom };
      }
      return { lines, crlf, finalNewline: true, bom };
    }
    lines.push(content);
    crlf.push(isCrlf);
    pos = nl + 1;
  }
}
