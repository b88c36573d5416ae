import { sameParagraphs } from './parsed-document';
import type { BodyLine, SeedDocument } from './types';

/**
 * Whether two parses of a document give the same outline entry: same place, id, status,
 * headline and paragraphs (line and text). Lets the outline reuse what it built for the previous
 * version of a file, so a keystroke rebuilds one document's symbols, not ten thousand.
 */
export function sameOutlineEntry(a: SeedDocument, b: SeedDocument): boolean {
  if (a.startLine !== b.startLine || a.endLine !== b.endLine || a.openLine !== b.openLine) return false;
  if (a.id !== b.id || a.status !== b.status) return false;
  return sameLine(a.headline, b.headline) && sameParagraphs(a, b);
}

function sameLine(a: BodyLine | undefined, b: BodyLine | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.line === b.line && a.text === b.text;
}
