/**
 * The documents the parser yields, and how to read their paragraphs without building objects.
 *
 * A ParsedDocument is a SeedDocument whose paragraphs live in the parse's BodyLineTable.
 * `doc.paragraphs` builds the BodyLine list on first read and keeps it; code that visits every
 * document of a corpus (summaries, duplicate-text checks, the outline, entity input) uses
 * forEachParagraph and paragraphCount instead, which read the table and build nothing. Plain
 * SeedDocument objects (tests, hand-built documents) work with both.
 */
import type { BodyLineTable } from './body-lines';
import { NO_ATTRIBUTES, readAttributesIn } from './attributes';
import { lineRange } from './text-edits';
import type { BodyLine, Range, ReviewStatus, SeedAttribute, SeedDocument } from './types';

/** A document read by the parser; see the module comment. */
export class ParsedDocument implements SeedDocument {
  closeLine: number | undefined = undefined;
  startLine: number;
  endLine: number;
  bodyStartLine: number;
  bodyEndLine: number;
  headline: BodyLine | undefined = undefined;
  // Private (#) so that they are not properties: equality in tests and anything that walks a
  // document's fields sees exactly the SeedDocument model.
  /** This document's paragraphs are entries [#first, #first + #count) of #body. */
  readonly #body: BodyLineTable;
  readonly #first: number;
  #count = 0;
  #built: readonly BodyLine[] | undefined = undefined;
  /** Where the id is written on the open line; its Range is built when first asked for. */
  readonly #idStart: number;
  readonly #idEnd: number;
  #idRange: Range | undefined = undefined;
  /** Where the open line starts in the parsed text, and its attribute part [#attributesFrom, #attributesTo). */
  readonly #lineStart: number;
  readonly #attributesFrom: number;
  readonly #attributesTo: number;
  #attributes: readonly SeedAttribute[] | undefined = undefined;
  #endOffset = -1;

  constructor(
    body: BodyLineTable,
    readonly kind: 'delimited' | 'bare',
    readonly id: string,
    readonly idValid: boolean,
    readonly sequence: number | undefined,
    idStart: number,
    idEnd: number,
    public status: ReviewStatus,
    readonly openLine: number,
    lineStart: number,
    attributesFrom: number,
    attributesTo: number,
  ) {
    this.startLine = openLine;
    this.endLine = openLine;
    this.bodyStartLine = kind === 'bare' ? openLine : openLine + 1;
    this.bodyEndLine = openLine;
    this.#body = body;
    this.#first = body.count;
    this.#idStart = idStart;
    this.#idEnd = idEnd;
    this.#lineStart = lineStart;
    this.#attributesFrom = attributesFrom;
    this.#attributesTo = attributesTo;
  }

  /** Where the document's text starts in the parsed text: its open line (0 for a bare file). */
  get startOffset(): number {
    return this.#lineStart;
  }

  /** Where its text ends: the end of its close line (of the file, for a bare one); -1 when unclosed. */
  get endOffset(): number {
    return this.#endOffset;
  }

  /** Parser only: records where the document ends. */
  setEndOffset(offset: number): void {
    this.#endOffset = offset;
  }

  /**
   * The attributes of the open line, read again from the text on first use: the parse already
   * reported their problems and took the status, and most documents are never asked for more.
   */
  get attributes(): readonly SeedAttribute[] {
    if (this.#attributes === undefined) {
      this.#attributes = this.#attributesFrom >= this.#attributesTo
        ? NO_ATTRIBUTES
        : readAttributesIn(this.#body.text, this.#attributesFrom, this.#attributesTo, this.#lineStart, this.openLine, []).attributes;
    }
    return this.#attributes;
  }

  /**
   * A bare seed file's review, kept in its folder's ledger rather than in the file: the host sets
   * it on the parse (and again when the ledger changes). Delimited documents read theirs from the text.
   */
  setReview(status: ReviewStatus, attributes: readonly SeedAttribute[]): void {
    if (this.kind !== 'bare') return;
    this.status = status;
    this.#attributes = attributes.length ? attributes : NO_ATTRIBUTES;
  }

  /** The 16-hex-digit hash, when the id is well-formed. */
  get hash(): string | undefined {
    return this.idValid ? this.id.slice(this.id.length - 16) : undefined;
  }

  /** Where the id is written (for a bare file, line 0 character 0, empty). */
  get idRange(): Range {
    return (this.#idRange ??= lineRange(this.openLine, this.#idStart, this.#idEnd));
  }

  get paragraphs(): readonly BodyLine[] {
    return (this.#built ??= this.#body.bodyLines(this.#first, this.#count));
  }

  /** How many paragraphs, without building them. */
  get paragraphCount(): number {
    return this.#count;
  }

  /** Parser only: appends characters [start, end) of the parsed text, line `line`, as the next paragraph. */
  addParagraph(line: number, start: number, end: number): void {
    this.#body.add(line, start, end);
    this.#count++;
    this.#built = undefined;
  }

  /** Parser only: drops the paragraphs from index `count` on (an unclosed document's trailing comments). */
  truncateParagraphs(count: number): void {
    this.#count = Math.min(this.#count, count);
    this.#built = undefined;
  }

  /** The file line of paragraph `index`. */
  paragraphLine(index: number): number {
    return this.#body.line(this.#first + index);
  }

  /** The UTF-16 length of paragraph `index`. */
  paragraphLength(index: number): number {
    return this.#body.lengthOf(this.#first + index);
  }

  /** The last character code of paragraph `index` (NaN when it is empty, which a paragraph never is). */
  paragraphLastCharCode(index: number): number {
    return this.#body.text.charCodeAt(this.#body.endOf(this.#first + index) - 1);
  }

  /** The first character code of paragraph `index`. */
  paragraphFirstCharCode(index: number): number {
    return this.#body.firstCharCode(this.#first + index);
  }

  /** Calls `visit` with each paragraph's line, text and index, building no objects but the text. */
  visitParagraphs(visit: (line: number, text: string, index: number) => void): void {
    const body = this.#body;
    for (let i = 0; i < this.#count; i++) visit(body.line(this.#first + i), body.textOf(this.#first + i), i);
  }

  /** Whether `other` has the same paragraphs (line and text), compared in place. */
  sameParagraphsAs(other: ParsedDocument): boolean {
    if (other.#count !== this.#count) return false;
    for (let i = 0; i < this.#count; i++) if (!this.#body.sameEntry(this.#first + i, other.#body, other.#first + i)) return false;
    return true;
  }
}

/** How many paragraphs `doc` has, without building them. */
export function paragraphCount(doc: Pick<SeedDocument, 'paragraphs'>): number {
  return doc instanceof ParsedDocument ? doc.paragraphCount : doc.paragraphs.length;
}

/** Calls `visit` with each paragraph's line, text and 0-based index, without building BodyLine objects. */
export function forEachParagraph(doc: Pick<SeedDocument, 'paragraphs'>, visit: (line: number, text: string, index: number) => void): void {
  if (doc instanceof ParsedDocument) doc.visitParagraphs(visit);
  else doc.paragraphs.forEach((p, i) => visit(p.line, p.text, i));
}

/** Whether `a` and `b` have the same paragraphs (line and text), compared in place where possible. */
export function sameParagraphs(a: SeedDocument, b: SeedDocument): boolean {
  if (a instanceof ParsedDocument && b instanceof ParsedDocument) return a.sameParagraphsAs(b);
  const pa = a.paragraphs;
  const pb = b.paragraphs;
  if (pa.length !== pb.length) return false;
  for (let i = 0; i < pa.length; i++) if (pa[i].line !== pb[i].line || pa[i].text !== pb[i].text) return false;
  return true;
}
