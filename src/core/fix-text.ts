/**
 * Fixing a whole file, as `seed-review check --fix` and `source.fixAll.seed` mean it: every
 * diagnostic's preferred fix (combinePreferredFixes, the editor's Fix All), applied in passes
 * because fixes that overlap wait for the next one, until nothing certain is left to fix.
 */
import { combinePreferredFixes } from './fix-all';
import { parseSeed } from './parser';
import { applyTextEdits } from './text-edits';
import type { ParseResult, SeedDiagnostic, TextEdit } from './types';

/** At most this many passes: each pass fixes at least one thing, so real files need two or three. */
const MAX_PASSES = 10;

/** What fixing a file did. */
export interface FileFixResult {
  /** The text after every pass (the input when nothing was fixed). */
  text: string;
  /** The edits of each pass, each against the text the pass started from. */
  passes: TextEdit[][];
  /** The parse of the final text. */
  result: ParseResult;
}

/**
 * Applies every certain fix of the diagnostics `select` keeps (by default all; the CLI drops the
 * codes a configuration turned off), pass after pass. Stops when a pass has nothing to apply, or
 * would give a text seen before (two fixes that undo each other), or after MAX_PASSES.
 */
export function fixText(
  text: string, fileName: string | undefined,
  select: (diagnostics: readonly SeedDiagnostic[]) => readonly SeedDiagnostic[] = (d) => d,
): FileFixResult {
  let current = text;
  let result = parseSeed(current, { fileName });
  const passes: TextEdit[][] = [];
  const seen = new Set<string>([current]);
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const edits = combinePreferredFixes(select(result.diagnostics));
    if (edits.length === 0) break;
    const next = applyTextEdits(current, edits);
    if (seen.has(next)) break;
    seen.add(next);
    passes.push(edits);
    current = next;
    result = parseSeed(current, { fileName });
  }
  return { text: current, passes, result };
}
