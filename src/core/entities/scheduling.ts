/**
 * Where entity extraction may run. The extension host's thread answers hovers and keystrokes,
 * so it only ever extracts a bounded amount of text per call; everything else goes to the
 * workers. Pure rules, unit-tested without VS Code.
 */
import type { EntityLine } from './types';

/** Documents at most this many are extracted in the extension host rather than sent to the workers. */
export const IN_PLACE_LIMIT = 4;

/**
 * The most text the extension host extracts in one call (about 3,000 words, a few ms for the
 * model). Extraction is linear, so this bounds the host's time per call; longer documents and
 * lines go to the workers whatever their number.
 */
export const HOST_EXTRACTION_MAX_CHARS = 20_000;

/** Documents up to this many characters are extracted whole for a document-local answer (a hover before the index has them). */
export const LOCAL_WHOLE_DOCUMENT_CHARS = 300;

/** Characters of a document's body lines. */
export function bodyChars(lines: readonly EntityLine[]): number {
  let n = 0;
  for (const l of lines) n += l.text.length;
  return n;
}

/** Whether the host may extract these lines itself (bounded work on the host's thread). */
export function mayExtractOnHost(lines: readonly EntityLine[]): boolean {
  return bodyChars(lines) <= HOST_EXTRACTION_MAX_CHARS;
}

/**
 * Where a round of extraction jobs runs: a few small documents after the first build in the
 * host (no round trip), anything else in the workers.
 */
export function extractionPlace(jobs: readonly { lines: readonly EntityLine[] }[], initialBuildDone: boolean): 'host' | 'workers' {
  if (!initialBuildDone || jobs.length > IN_PLACE_LIMIT) return 'workers';
  return jobs.every((j) => mayExtractOnHost(j.lines)) ? 'host' : 'workers';
}

/**
 * What a document-local answer (before the index has the document) may extract on the host:
 * the whole document when it is short, else only the line asked about when that line is within
 * the bound, else nothing (the index answers once the workers are done).
 */
export function localExtractionScope(lines: readonly EntityLine[], line: number | undefined): { scope: 'document' } | { scope: 'line'; line: EntityLine } | undefined {
  const chars = bodyChars(lines);
  if (chars <= LOCAL_WHOLE_DOCUMENT_CHARS) return { scope: 'document' };
  if (line === undefined) return chars <= HOST_EXTRACTION_MAX_CHARS ? { scope: 'document' } : undefined;
  const one = lines.find((l) => l.line === line);
  if (!one || one.text.length > HOST_EXTRACTION_MAX_CHARS) return undefined;
  return { scope: 'line', line: one };
}
