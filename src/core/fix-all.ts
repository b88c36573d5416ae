import type { Position, SeedDiagnostic, TextEdit } from './types';

/**
 * Picks each diagnostic's preferred (else first) fix and keeps those whose edits do not
 * overlap an already chosen one, so the combined edit is always valid.
 */
export function combinePreferredFixes(diagnostics: readonly SeedDiagnostic[]): TextEdit[] {
  const chosen: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    const fix = diagnostic.fixes.find((candidate) => candidate.isPreferred) ?? diagnostic.fixes[0];
    if (!fix) continue;
    if (fix.edits.some((edit) => chosen.some((other) => overlaps(edit, other)))) continue;
    chosen.push(...fix.edits);
  }
  return chosen;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  const before = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
  const same = (x: Position, y: Position) => x.line === y.line && x.character === y.character;
  // Two insertions at one point would have an undefined order: treat them as overlapping.
  if (same(a.range.start, b.range.start)) return true;
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
}

