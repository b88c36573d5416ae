/** Shared helpers for the parser, diagnostics and fix tests. */
import { expect } from 'vitest';
import { parseSeed } from '../../src/core';
import type { ParseOptions, ParseResult, Range, SeedDiagnostic, SeedDocument } from '../../src/core';
import { fixProblem } from '../properties/properties';

export { fixProblem };

/** The diagnostics of one code. */
export function ofCode(result: ParseResult, code: string): SeedDiagnostic[] {
  return result.diagnostics.filter((d) => d.code === code);
}

/** Counts of errors per code. */
export function errorCounts(result: ParseResult): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of result.diagnostics) {
    if (d.severity !== 'error') continue;
    m.set(d.code, (m.get(d.code) ?? 0) + 1);
  }
  return m;
}

/** Asserts that every quick fix of `diag` removes it and adds no new error. */
export function expectFixesWork(text: string, diag: SeedDiagnostic, options?: ParseOptions): void {
  const before = parseSeed(text, options);
  for (const f of diag.fixes) expect(fixProblem(text, before, diag, f, options)).toBeUndefined();
}

/** The text a single-line range covers. */
export function textAt(text: string, range: Range): string {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (range.start.line !== range.end.line) throw new Error('multi-line range');
  return lines[range.start.line].slice(range.start.character, range.end.character);
}

/** A valid id from a sequence number (hash repeated from the number, for readable tests). */
export function id(seq: number, hashDigit = 'a'): string {
  return `${String(seq).padStart(3, '0')}_${hashDigit.repeat(16)}`;
}

/** A well-formed document. */
export function doc(seq: number, lines: string[] = ['Headline', 'A paragraph.'], attrs = ''): string {
  const i = id(seq);
  return `<<< ${i}${attrs ? ' ' + attrs : ''}\n${lines.join('\n')}\n>>> ${i}\n`;
}

/**
 * Every field of the SeedDocument model as a plain object, getters included (paragraphs, hash
 * and idRange of a parsed document are getters), so that toEqual compares the whole model.
 */
export function documentView(d: SeedDocument): Record<string, unknown> {
  return {
    kind: d.kind, id: d.id, idValid: d.idValid, sequence: d.sequence, hash: d.hash, idRange: d.idRange,
    attributes: d.attributes, status: d.status, openLine: d.openLine, closeLine: d.closeLine, startLine: d.startLine,
    endLine: d.endLine, bodyStartLine: d.bodyStartLine, bodyEndLine: d.bodyEndLine, headline: d.headline, paragraphs: d.paragraphs,
  };
}
