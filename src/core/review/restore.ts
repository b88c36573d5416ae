/**
 * Rebuilding a bare seed file's exact bytes from a bundled document: shared by split and by
 * bundle, which checks that a document written with a ledger's layout still splits back into
 * the same file.
 */
import type { SeedDocument } from '../types';
import {
  BOM_KEY, bundleAttributeProblems, CRLF_LINES_KEY, EOL_KEY, ESCAPE, ESCAPED_LINES_KEY, FINAL_NEWLINE_KEY, lineListFlags,
} from './bundle-format';

/** Rebuilds the exact text of one bundled file from its body lines and bundle attributes. */
export function restoreFile(doc: SeedDocument, body: string[], fail: (message: string) => void): string | undefined {
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
