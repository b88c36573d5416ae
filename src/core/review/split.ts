/**
 * Splits a seed corpus back into bare seed files, byte for byte as they were bundled (see
 * bundle.ts and docs/bundle-split.md). Structural problems and ids that cannot be file names
 * are errors (nothing should be written); attributes go to the review ledger (records); what
 * neither can hold (comments between documents) is a warning that names the lines.
 */
import { parseSeed } from '../parser';
import { isValidSeedId } from '../ids';
import { stripBom } from '../scanner';
import type { DiagnosticCode } from '../types';
import { BUNDLE_KEYS, BundleProblem, formatLineList } from './bundle-format';
import { bundleDocument, splitLines } from './bundle';
import { compareIds, type LedgerLayout, type LedgerRecord } from './ledger';
import { restoreFile } from './restore';
import { plural } from '../wording';

/** One bare seed file restored from a corpus. */
export interface SplitFile {
  /** `<id>.txt` */
  name: string;
  text: string;
  /** 1-based line of the document's open delimiter in the corpus. */
  line: number;
}

/** The files of a corpus, and the problems; with any error, `files` must not be written. */
export interface SplitResult {
  files: SplitFile[];
  /**
   * Every document's line for the review ledger of the folder the files go to: its attributes
   * other than the bundle's own, and how the corpus wrote it where bundle would not. A record
   * without attributes or layout means the ledger holds nothing for that id.
   */
  records: LedgerRecord[];
  problems: BundleProblem[];
}

/** Parse errors that make the document boundaries uncertain: splitting would cut in the wrong place. */
const STRUCTURAL: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['SEED001', 'SEED002', 'SEED003', 'SEED005', 'SEED006', 'SEED007', 'SEED009']);

/** Characters no file name on Windows, macOS or Linux may hold. */
const UNSAFE_NAME = /[\\/:*?"<>|\x00-\x1f]/;

/**
 * Splits `corpusText` into one bare seed file per document, named `<id>.txt`, and one ledger
 * record per document. Bundling the files with those records gives back the corpus byte for
 * byte, except for what a warning names: comment lines between documents, a BOM of the corpus,
 * mixed line endings around a document, documents out of file-name order.
 */
export function split(corpusText: string): SplitResult {
  const problems: BundleProblem[] = [];
  const error = (message: string, line?: number) => problems.push({ severity: 'error', line, message });
  const warn = (message: string) => problems.push({ severity: 'warning', message });
  const parsed = parseSeed(corpusText, { fileName: 'corpus.seed' });
  for (const diagnostic of parsed.diagnostics) {
    if (diagnostic.severity === 'error' && STRUCTURAL.has(diagnostic.code)) {
      error(`${diagnostic.code} ${diagnostic.message}`, diagnostic.range.start.line + 1);
    }
  }
  if (parsed.documents.length === 0) error('no documents to split (expected <<< id ... >>> id blocks)');

  const { text: withoutBom, hasBom } = stripBom(corpusText);
  const raw = withoutBom.split('\n');
  const cr = (i: number) => raw[i].endsWith('\r');
  const lineText = (i: number) => (cr(i) ? raw[i].slice(0, -1) : raw[i]);
  // The split leaves '' after a final line ending; without one, the last line is unterminated.
  const finalNewline = raw[raw.length - 1] === '';
  const lastLine = finalNewline ? raw.length - 2 : raw.length - 1;
  const files: SplitFile[] = [];
  const records: LedgerRecord[] = [];
  const seen = new Map<string, number>();
  const comments: number[] = [];
  const mixed: string[] = [];
  const inexact: string[] = [];
  let previousEnd = -1;
  let previousId: string | undefined;
  let outOfOrder: string | undefined;
  for (const doc of parsed.documents) {
    const line = doc.openLine + 1;
    if (doc.id === '' || UNSAFE_NAME.test(doc.id) || doc.id.startsWith('.')) {
      error(`id "${doc.id}" is not a valid file name`, line);
      continue;
    }
    if (!isValidSeedId(doc.id)) {
      error(`id "${doc.id}" is not a seed id (NNN_<16 lowercase hex digits>): ${doc.id}.txt would not be read as a seed file`, line);
      continue;
    }
    const earlier = seen.get(doc.id);
    if (earlier !== undefined) {
      error(`duplicate id ${doc.id} (first on line ${earlier}): both documents would be written to ${doc.id}.txt`, line);
      continue;
    }
    seen.set(doc.id, line);
    if (doc.closeLine === undefined) continue; // SEED001, reported above
    if (previousId !== undefined && compareIds(previousId, doc.id) > 0 && outOfOrder === undefined) outOfOrder = `${doc.id} after ${previousId}`;
    previousId = doc.id;
    const body: string[] = [];
    for (let i = doc.openLine + 1; i < doc.closeLine; i++) body.push(lineText(i));
    const restored = restoreFile(doc, body, (message) => error(`${doc.id}: ${message}`, line));
    const before: string[] = [];
    for (let i = previousEnd + 1; i < doc.openLine; i++) {
      if (lineText(i).trim() === '') before.push(lineText(i));
      else comments.push(i + 1);
    }
    const closeEnd = doc.closeLine;
    previousEnd = closeEnd;
    if (restored === undefined) continue;
    files.push({ name: `${doc.id}.txt`, text: restored, line });

    const attributes: Record<string, string> = {};
    for (const attribute of doc.attributes) if (!BUNDLE_KEYS.includes(attribute.key)) attributes[attribute.key] = attribute.value;
    const record: LedgerRecord = { id: doc.id, attributes };
    const layout: LedgerLayout = {};
    const fileLines = splitLines(restored);
    if (typeof fileLines === 'number') continue; // restoreFile never yields a lone CR
    const actual = lines(doc.openLine, doc.closeLine, lineText);
    if (bundleDocument(doc.id, fileLines, restored, record) !== actual) {
      const openTail = lineText(doc.openLine).slice(doc.idRange.end.character);
      const closeText = lineText(doc.closeLine);
      const closeTail = closeText.slice(closeText.indexOf(doc.id) + doc.id.length);
      layout.open = openTail;
      if (closeTail !== '') layout.close = closeTail;
      if (bundleDocument(doc.id, fileLines, restored, { ...record, layout }) !== actual) {
        inexact.push(doc.id);
        delete layout.open;
        delete layout.close;
      }
    }
    if (before.length) layout.before = before;
    // CRLF is kept when every line of the document (and the blank lines before it) has it.
    const own: number[] = [];
    for (let i = doc.openLine - before.length; i <= closeEnd; i++) if (i <= lastLine && (i < raw.length - 1 || !finalNewline)) own.push(i);
    const terminated = own.filter((i) => i < raw.length - 1);
    const crlfCount = terminated.filter(cr).length;
    if (crlfCount && crlfCount === terminated.length) layout.crlf = true;
    else if (crlfCount) mixed.push(doc.id);
    if (Object.keys(layout).length) record.layout = layout;
    records.push(record);
  }
  // The corpus's end belongs to its last document's record.
  const last = records[records.length - 1];
  if (last && previousEnd >= 0) {
    const after: string[] = [];
    for (let i = previousEnd + 1; i <= lastLine; i++) {
      if (lineText(i).trim() === '') after.push(lineText(i));
      else comments.push(i + 1);
    }
    const layout: LedgerLayout = { ...last.layout };
    if (after.length) layout.after = after;
    if (!finalNewline) layout.finalNewline = false;
    if (Object.keys(layout).length) last.layout = layout;
  }
  if (comments.length) {
    warn(`${plural(comments.length, 'comment line')} outside documents not kept (line${comments.length === 1 ? '' : 's'} ${formatLineList(comments)}): a bare seed file and the ledger have no place for them`);
  }
  if (hasBom) warn('the corpus\'s byte order mark is not kept (bundle writes none)');
  if (mixed.length) warn(`mixed line endings in the corpus around ${plural(mixed.length, 'document')} (${mixed.slice(0, 3).join(', ')}${mixed.length > 3 ? ', ...' : ''}) not kept (bundle writes LF there)`);
  if (inexact.length) warn(`the open line of ${plural(inexact.length, 'document')} (${inexact.slice(0, 3).join(', ')}${inexact.length > 3 ? ', ...' : ''}) will be written as bundle writes it, not as in the corpus`);
  if (outOfOrder) warn(`documents are not in file-name order (${outOfOrder}); bundle writes them in file-name order`);
  const failed = problems.some((p) => p.severity === 'error');
  return { files: failed ? [] : files, records: failed ? [] : records, problems };
}

/** Lines [from, to] of the corpus, each with LF. */
function lines(from: number, to: number, lineText: (i: number) => string): string {
  let text = '';
  for (let i = from; i <= to; i++) text += lineText(i) + '\n';
  return text;
}
