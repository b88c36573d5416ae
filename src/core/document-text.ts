/** The text of a document's body, as other features (entities, duplicate checks) need it. */
import { forEachParagraph } from './parsed-document';
import type { SeedDocument } from './types';

/**
 * The body of `doc` as the lines between its delimiters joined with '\n' (line endings
 * normalised, blank lines kept), so offset 0 is the first character of the first body line.
 * `source` is the parsed text, or its lines (without line endings). For a bare file the body
 * is the whole file.
 */
export function documentBodyText(source: string | readonly string[], doc: SeedDocument): string {
  const first = doc.bodyStartLine;
  const last = doc.bodyEndLine;
  if (last < first) return '';
  if (typeof source !== 'string') return source.slice(first, last + 1).join('\n');
  let text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  let pos = 0;
  for (let l = 0; l < first; l++) {
    const nl = text.indexOf('\n', pos);
    if (nl < 0) return '';
    pos = nl + 1;
  }
  let end = pos;
  for (let l = first; l <= last; l++) {
    const nl = text.indexOf('\n', end);
    if (nl < 0) {
      end = text.length;
      break;
    }
    end = l === last ? nl : nl + 1;
  }
  text = text.slice(pos, end);
  return text.indexOf('\r') >= 0 ? text.replace(/\r(?=\n|$)/g, '') : text;
}

/**
 * The content of `doc` without blank lines: headline and paragraphs joined with '\n'. Two
 * documents with the same content are "the same text" for SEED013 whatever their spacing.
 */
export function documentContentText(doc: SeedDocument): string {
  if (!doc.headline) return '';
  let s = doc.headline.text;
  forEachParagraph(doc, (_line, text) => {
    s += '\n' + text;
  });
  return s;
}
