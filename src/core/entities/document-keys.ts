/**
 * How seed documents are handed to the entity pipeline: a key per document that stays unique when
 * a file repeats an id (SEED005), and the document at a line. The lines themselves come from
 * documentBodyLines (core/entities/extract). No VS Code here: the CLI uses it too.
 */
import { spanIndexAt } from '../line-spans';
import type { ParseResult } from '../types';

const keysOf = new WeakMap<ParseResult, string[]>();

/**
 * One key per document of a parse, in document order: the id as written, and for the second and
 * later documents with the same id `id#2`, `id#3`... so a duplicate never overwrites the first
 * one in the index. Memoised per parse result.
 */
export function documentKeys(result: ParseResult): string[] {
  let keys = keysOf.get(result);
  if (!keys) {
    const seen = new Map<string, number>();
    keys = result.documents.map((doc) => {
      const n = (seen.get(doc.id) ?? 0) + 1;
      seen.set(doc.id, n);
      return n === 1 ? doc.id : `${doc.id}#${n}`;
    });
    keysOf.set(result, keys);
  }
  return keys;
}

/** The index of the document whose lines contain `line`, or -1 (binary search; documents are in file order). */
export function documentIndexAt(result: ParseResult, line: number): number {
  return spanIndexAt(result.documents, line, (doc) => doc.startLine, (doc) => doc.endLine);
}
