/**
 * Bundles bare seed files into one seed corpus, losslessly: every byte of each file can be
 * restored by split (line endings, a missing final newline, a BOM, blank lines, lines that
 * would read as delimiters). What the corpus syntax cannot hold is recorded as attributes.
 */
import { formatAttributeValue } from '../attributes';
import { classifyDelimiter } from '../delimiters';
import { isBareSeedFileName } from '../ids';
import { parseSeed } from '../parser';
import {
  BOM_KEY, BUNDLE_KEYS, BundleProblem, CRLF_LINES_KEY, EOL_KEY, ESCAPE, ESCAPED_LINES_KEY, FINAL_NEWLINE_KEY, formatLineList, lineListFlags, lineListProblem,
} from './bundle-format';
import type { LedgerRecord } from './ledger';
import { restoreFile } from './restore';
import { quoteAttributeValue } from './attribute-edits';

/** One bare seed file to bundle. */
export interface BundleInput {
  /** The base name, `NNN_<16 hex>.txt`; the document id is the name without `.txt`. */
  name: string;
  text: string;
  /** How to name the file in messages (a path); defaults to `name`. */
  shownAs?: string;
  /** The document's line in its folder's review ledger: its attributes go on the open line. */
  record?: LedgerRecord;
}

/** The bundled corpus, or the problems that prevent it (then `text` is empty). */
export interface BundleResult {
  text: string;
  documentCount: number;
  problems: BundleProblem[];
}

/** A bare seed file split into its lines, with what the lines alone do not say. */
export interface FileLines {
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
    out.push(bundleDocument(id, split, file.text, file.record));
  }
  if (files.length === 0) problems.push({ severity: 'error', message: 'no seed files to bundle' });
  if (problems.length) return { text: '', documentCount: 0, problems };
  // The corpus's end (blank lines after the last document, no final newline) is the last record's to say.
  const last = files[files.length - 1].record?.layout;
  const eol = last?.crlf ? '\r\n' : '\n';
  let text = out.join('') + (last?.after ?? []).map((line) => line + eol).join('');
  if (last?.finalNewline === false && text.endsWith(eol)) text = text.slice(0, -eol.length);
  return { text, documentCount: out.length, problems };
}

/**
 * One document as bundle writes it: the open line with the bundle attributes and then the
 * ledger's, the body, the close line. With a ledger layout (from split), the open and close
 * lines are written as the corpus had them, if that still splits back into this exact file with
 * these exact attributes; blank lines before it and CRLF line endings are restored too.
 */
export function bundleDocument(id: string, file: FileLines, fileText: string, record?: LedgerRecord): string {
  const canonical = canonicalDocument(id, file, record);
  const layout = record?.layout;
  let text = canonical;
  if (layout?.open !== undefined || layout?.close !== undefined) {
    const candidate = documentWithLayout(id, file, layout.open, layout.close ?? '');
    if (candidate !== undefined && splitsBackTo(candidate, fileText, record?.attributes ?? {})) text = candidate;
  }
  if (layout?.before?.length) text = layout.before.map((line) => line + '\n').join('') + text;
  return layout?.crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** The document with the open line's tail and the close line's tail as given; undefined when its body cannot be escaped as that open line says. */
function documentWithLayout(id: string, file: FileLines, openTail: string | undefined, closeTail: string): string | undefined {
  if (openTail === undefined) {
    const canonical = canonicalDocument(id, file, undefined);
    return canonical.slice(0, -1) + closeTail + '\n';
  }
  const escapedList = /(?:^|[ \t])escaped-lines=(\S+)/.exec(openTail)?.[1] ?? '';
  if (escapedList && lineListProblem(ESCAPED_LINES_KEY, escapedList, file.lines.length)) return undefined;
  const escaped = lineListFlags(escapedList, file.lines.length);
  const body: string[] = [];
  for (let i = 0; i < file.lines.length; i++) {
    const line = file.lines[i];
    if (escaped[i + 1]) body.push(ESCAPE + line + '\n');
    else if (classifyDelimiter(line) !== undefined) return undefined;
    else body.push(line + '\n');
  }
  return `<<< ${id}${openTail}\n${body.join('')}>>> ${id}${closeTail}\n`;
}

/** Whether `docText` parses cleanly and splits back into `fileText` with exactly `attributes` besides the bundle's own. */
function splitsBackTo(docText: string, fileText: string, attributes: Readonly<Record<string, string>>): boolean {
  const parsed = parseSeed(docText, { fileName: 'corpus.seed' });
  if (parsed.documents.length !== 1 || parsed.diagnostics.some((d) => d.severity === 'error')) return false;
  const [doc] = parsed.documents;
  const others = doc.attributes.filter((a) => !BUNDLE_KEYS.includes(a.key));
  const wanted = Object.entries(attributes);
  if (others.length !== wanted.length || wanted.some(([key, value]) => !others.some((a) => a.key === key && a.value === value))) return false;
  if (doc.closeLine === undefined) return false;
  const lines = docText.split('\n').slice(doc.openLine + 1, doc.closeLine);
  let ok = true;
  const restored = restoreFile(doc, lines, () => { ok = false; });
  return ok && restored === fileText;
}

function canonicalDocument(id: string, file: FileLines, record: LedgerRecord | undefined): string {
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
  // A note is quoted as the review commands write it; other values only when they must be.
  for (const [key, value] of Object.entries(record?.attributes ?? {})) attributes.push(`${key}=${key === 'note' ? quoteAttributeValue(value) : formatAttributeValue(value)}`);
  const open = `<<< ${id}${attributes.map((attribute) => ' ' + attribute).join('')}\n`;
  return open + body.join('') + `>>> ${id}\n`;
}

/**
 * Splits a file's text into lines; returns the 1-based line of a lone carriage return instead
 * when there is one (it would be a line break to some readers and not to others).
 */
export function splitLines(text: string): FileLines | number {
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
