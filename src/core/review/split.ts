/**
 * Splits a seed corpus back into bare seed files, byte for byte as they were bundled (see
 * bundle.ts and docs/bundle-split.md). Structural problems and ids that cannot be file names
 * are errors (nothing should be written); what a bare file cannot hold is a warning.
 */
import { parseSeed } from '../parser';
import { isValidSeedId } from '../ids';
import { stripBom } from '../scanner';
import type { DiagnosticCode, SeedDocument } from '../types';
import {
  BOM_KEY, BUNDLE_KEYS, BundleProblem, bundleAttributeProblems, CRLF_LINES_KEY, EOL_KEY, ESCAPE, ESCAPED_LINES_KEY, FINAL_NEWLINE_KEY,
  lineListFlags,
} from './bundle-format';
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
  problems: BundleProblem[];
}

/** Parse errors that make the document boundaries uncertain: splitting would cut in the wrong place. */
const STRUCTURAL: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['SEED001', 'SEED002', 'SEED003', 'SEED005', 'SEED006', 'SEED007', 'SEED009']);

/** Characters no file name on Windows, macOS or Linux may hold. */
const UNSAFE_NAME = /[\\/:*?"<>|\x00-\x1f]/;

/**
 * Splits `corpusText` into one bare seed file per document, named `<id>.txt`. Comments,
 * blank lines between documents and attributes other than the bundle's own are not kept
 * (one warning each kind); a file without bundle attributes is taken as LF, with a final
 * newline and no BOM.
 */
export function split(corpusText: string): SplitResult {
  const problems: BundleProblem[] = [];
  const error = (message: string, line?: number) => problems.push({ severity: 'error', line, message });
  const parsed = parseSeed(corpusText, { fileName: 'corpus.seed' });
  for (const diagnostic of parsed.diagnostics) {
    if (diagnostic.severity === 'error' && STRUCTURAL.has(diagnostic.code)) {
      error(`${diagnostic.code} ${diagnostic.message}`, diagnostic.range.start.line + 1);
    }
  }
  if (parsed.documents.length === 0) error('no documents to split (expected <<< id ... >>> id blocks)');

  const lines = stripBom(corpusText).text.split('\n');
  const files: SplitFile[] = [];
  const seen = new Map<string, number>();
  const dropped = new Map<string, number>();
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
    for (const attribute of doc.attributes) {
      if (!BUNDLE_KEYS.includes(attribute.key)) dropped.set(attribute.key, (dropped.get(attribute.key) ?? 0) + 1);
    }
    const body = lines.slice(doc.openLine + 1, doc.closeLine).map((text) => (text.endsWith('\r') ? text.slice(0, -1) : text));
    const restored = restoreFile(doc, body, (message) => error(`${doc.id}: ${message}`, line));
    if (restored !== undefined) files.push({ name: `${doc.id}.txt`, text: restored, line });
  }
  if (dropped.size) {
    const list = [...dropped].map(([key, count]) => `${key} (${plural(count, 'document')})`).join(', ');
    problems.push({ severity: 'warning', message: `attributes not kept, a bare seed file has no place for them: ${list}` });
  }
  const commentLines = parsed.comments.reduce((sum, block) => sum + block.endLine - block.startLine + 1, 0);
  if (commentLines) problems.push({ severity: 'warning', message: `${plural(commentLines, 'comment line')} outside documents not kept` });
  return { files: problems.some((p) => p.severity === 'error') ? [] : files, problems };
}

/** Rebuilds the exact text of one bundled file from its body lines and bundle attributes. */
function restoreFile(doc: SeedDocument, body: string[], fail: (message: string) => void): string | undefined {
  const attr = (key: string) => doc.attributes.find((attribute) => attribute.key === key)?.value;
  // The same checks as the parser's SEED010 on bundle attributes, before anything is expanded.
  const [problem] = bundleAttributeProblems(attr, body.length);
  if (problem) return void fail(problem.message);
  const eol = attr(EOL_KEY) ?? 'lf';
  const finalNewline = attr(FINAL_NEWLINE_KEY) ?? 'yes';
  const bom = attr(BOM_KEY) ?? 'no';
  const crlfLines = lineListFlags(attr(CRLF_LINES_KEY) ?? '', body.length);
  const escaped = lineListFlags(attr(ESCAPED_LINES_KEY) ?? '', body.length);
  let text = bom === 'yes' ? '\ufeff' : '';
  for (let i = 0; i < body.length; i++) {
    let line = body[i];
    if (escaped[i + 1]) {
      if (!line.startsWith(ESCAPE)) return void fail(`line ${i + 1} is listed in escaped-lines but does not start with ${ESCAPE}`);
      line = line.slice(1);
    }
    const last = i === body.length - 1;
    const ending = last && finalNewline === 'no' ? '' : eol === 'crlf' || (eol === 'mixed' && crlfLines[i + 1]) ? '\r\n' : '\n';
    text += line + ending;
  }
  return text;
}
