/**
 * Values computed from a document's text alone (its word count, its content key, the hash the
 * entity cache files it under), kept per document and carried from one parse of a file to the
 * next for every document an edit cannot have touched.
 *
 * Without this, a keystroke in a 20 MB corpus recounted 3 million words and rehashed 20 MB of
 * text (about 180 ms on the extension host) to update one document.
 */
import { ParsedDocument, forEachParagraph } from './parsed-document';
import { countWords } from './labels';
import type { ParseResult, SeedDocument } from './types';
import type { UnchangedEnds } from './unchanged-ends';

const memos: DocumentMemo<unknown>[] = [];

/** One kind of per-document value; every memo takes part in carryOver. */
export class DocumentMemo<T> {
  private readonly values = new WeakMap<SeedDocument, T>();

  constructor(private readonly compute: (doc: SeedDocument) => T) {
    memos.push(this as DocumentMemo<unknown>);
  }

  /** The value for `doc`, computed on first use. */
  get(doc: SeedDocument): T {
    let value = this.values.get(doc);
    if (value === undefined && !this.values.has(doc)) {
      value = this.compute(doc);
      this.values.set(doc, value);
    }
    return value as T;
  }

  /** Whether `doc` already has its value (tests and counters). */
  has(doc: SeedDocument): boolean {
    return this.values.has(doc);
  }

  /** @internal */
  copy(from: SeedDocument, to: SeedDocument): void {
    if (this.values.has(from) && !this.values.has(to)) this.values.set(to, this.values.get(from) as T);
  }
}

/**
 * The pairs (document before, document now) whose text is the same: both spans lie in a part of
 * the text the edits left alone (see UnchangedEnds), and both parses made a closed document of
 * exactly that span. Pure text values of the first hold for the second.
 */
export function unchangedDocuments(previous: ParseResult, next: ParseResult, ends: UnchangedEnds): Array<[SeedDocument, SeedDocument]> {
  const pairs: Array<[SeedDocument, SeedDocument]> = [];
  // A BOM shifts offsets between the editor's text and the parse's: do not guess.
  if (previous.hasBom || next.hasBom) return pairs;
  const byStart = new Map<number, ParsedDocument>();
  const suffixStart = ends.baseLength - ends.suffix;
  for (const doc of previous.documents) {
    if (!(doc instanceof ParsedDocument) || doc.endOffset < 0) continue;
    if (doc.endOffset <= ends.prefix || doc.startOffset >= suffixStart) byStart.set(doc.startOffset, doc);
  }
  if (byStart.size === 0) return pairs;
  const delta = ends.delta;
  for (const doc of next.documents) {
    if (!(doc instanceof ParsedDocument) || doc.endOffset < 0) continue;
    // The same characters sit at the same offsets in the untouched prefix, and `delta` further on in the untouched suffix.
    const shift = doc.endOffset <= ends.prefix ? 0 : doc.startOffset - delta >= suffixStart ? delta : undefined;
    if (shift === undefined) continue;
    const before = byStart.get(doc.startOffset - shift);
    if (before !== undefined && before.endOffset === doc.endOffset - shift) pairs.push([before, doc]);
  }
  return pairs;
}

/**
 * Hands every memoised value of the documents of `previous` that `ends` shows untouched to the
 * same documents of `next`. Returns how many documents were carried.
 */
export function carryOver(previous: ParseResult, next: ParseResult, ends: UnchangedEnds): number {
  const pairs = unchangedDocuments(previous, next, ends);
  for (const [from, to] of pairs) for (const memo of memos) memo.copy(from, to);
  return pairs.length;
}

const wordCounts = new DocumentMemo<number>((doc) => {
  let words = doc.headline ? countWords(doc.headline.text) : 0;
  forEachParagraph(doc, (_line, text) => {
    words += countWords(text);
  });
  return words;
});

/** The words of a document's headline and paragraphs (runs of non-space characters). */
export function wordCountOf(doc: SeedDocument): number {
  return wordCounts.get(doc);
}

const contentKeys = new DocumentMemo<string>(contentKey);

/**
 * A key for a document's content (headline and paragraphs, blank lines and spacing between lines
 * aside): documents with the same key have the same text, for SEED013. Empty without a headline.
 */
export function contentKeyOf(doc: SeedDocument): string {
  return contentKeys.get(doc);
}

/**
 * Two 32-bit multiplicative hashes over the content, lines joined by '\n' as documentContentText
 * joins them, without building that string; the length is part of the key.
 */
function contentKey(doc: SeedDocument): string {
  if (!doc.headline) return '';
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  let length = 0;
  const feed = (text: string, newline: boolean) => {
    if (newline) {
      h1 = Math.imul(h1 ^ 10, 2654435761);
      h2 = Math.imul(h2 ^ 10, 1597334677);
      length++;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    length += text.length;
  };
  feed(doc.headline.text, false);
  forEachParagraph(doc, (_line, text) => feed(text, true));
  // Final mixing (as in cyrb53) so that nearby inputs spread over the whole range.
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}:${length}`;
}
