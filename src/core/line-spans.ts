/**
 * Lines held by spans of lines: documents of a parse, the lines given CodeLenses. Pure.
 */

/**
 * The index of the span whose lines (first and last, inclusive) hold `line`, or -1. The spans are
 * sorted and do not overlap (documents in file order, merged windows); binary search, as files
 * hold 10,000s of documents.
 */
export function spanIndexAt<T>(spans: readonly T[], line: number, first: (span: T) => number, last: (span: T) => number): number {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (line < first(spans[mid])) hi = mid - 1;
    else if (line > last(spans[mid])) lo = mid + 1;
    else return mid;
  }
  return -1;
}
