import { sameParagraphs } from './parsed-document';
import type { DocumentSummary } from './summary';
import type { BodyLine, Range, SeedDiagnostic, SeedDocument } from './types';

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

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/**
 * Whether two lists of document summaries say the same (ids, statuses, headlines, places and
 * counts): an editor opened on a file the index read from disk gives the same summaries, and
 * nothing that reads them needs to hear of it.
 */
export function sameSummaries(a: readonly DocumentSummary[], b: readonly DocumentSummary[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.id !== y.id || x.idValid !== y.idValid || x.headline !== y.headline || x.status !== y.status) return false;
    if (x.startLine !== y.startLine || x.endLine !== y.endLine || x.paragraphCount !== y.paragraphCount || x.wordCount !== y.wordCount) return false;
    if (!sameRange(x.idRange, y.idRange)) return false;
  }
  return true;
}

/** Whether two lists of diagnostics are the same, fixes and related locations included. */
export function sameDiagnostics(a: readonly SeedDiagnostic[], b: readonly SeedDiagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.code !== y.code || x.severity !== y.severity || x.message !== y.message || !sameRange(x.range, y.range)) return false;
    // Rare and small: compared whole.
    if (JSON.stringify(x.fixes) !== JSON.stringify(y.fixes) || JSON.stringify(x.related) !== JSON.stringify(y.related)) return false;
  }
  return true;
}
