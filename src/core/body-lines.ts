/**
 * The paragraphs of one parse, kept as numbers rather than objects.
 *
 * A 50 MB corpus has about 180,000 paragraphs. As an object and a sliced string each, they were
 * the largest share of what a parse leaves on the heap, and objects that outlive a garbage
 * collection are what a parse pays for most. Here each paragraph is three integers (line, start
 * and end offset in the parsed text) in one growable Int32Array; its text is one slice away.
 */
import type { BodyLine } from './types';

const FIELDS = 3;

/** The non-blank body lines after each headline, in file order, for one parsed text. */
export class BodyLineTable {
  private data: Int32Array;
  private size = 0;

  /** `text` is the parsed text (BOM removed): offsets refer to it. */
  constructor(readonly text: string, initialCapacity = 1024) {
    this.data = new Int32Array(initialCapacity * FIELDS);
  }

  /** How many lines the table holds. */
  get count(): number {
    return this.size;
  }

  /** Appends a line [start, end) of the text, which is line `line` of the file; returns its index. */
  add(line: number, start: number, end: number): number {
    let data = this.data;
    const at = this.size * FIELDS;
    if (at + FIELDS > data.length) {
      const grown = new Int32Array(data.length * 2);
      grown.set(data);
      this.data = data = grown;
    }
    data[at] = line;
    data[at + 1] = start;
    data[at + 2] = end;
    return this.size++;
  }

  /** The 0-based file line of entry `index`. */
  line(index: number): number {
    return this.data[index * FIELDS];
  }

  /** The text of entry `index`, without its line ending. */
  textOf(index: number): string {
    const at = index * FIELDS;
    return this.text.slice(this.data[at + 1], this.data[at + 2]);
  }

  /** The offset just past entry `index`'s text (before its line ending). */
  endOf(index: number): number {
    return this.data[index * FIELDS + 2];
  }

  /** The UTF-16 length of entry `index`. */
  lengthOf(index: number): number {
    const at = index * FIELDS;
    return this.data[at + 2] - this.data[at + 1];
  }

  /** The first character code of entry `index` (entries are never empty). */
  firstCharCode(index: number): number {
    return this.text.charCodeAt(this.data[index * FIELDS + 1]);
  }

  /** Whether entry `index` of this table and entry `otherIndex` of `other` have the same line and text. */
  sameEntry(index: number, other: BodyLineTable, otherIndex: number): boolean {
    const a = index * FIELDS;
    const b = otherIndex * FIELDS;
    const od = other.data;
    if (this.data[a] !== od[b]) return false;
    const start = this.data[a + 1];
    const length = this.data[a + 2] - start;
    const otherStart = od[b + 1];
    if (od[b + 2] - otherStart !== length) return false;
    const text = this.text;
    const otherText = other.text;
    for (let i = 0; i < length; i++) if (text.charCodeAt(start + i) !== otherText.charCodeAt(otherStart + i)) return false;
    return true;
  }

  /** Entries [first, first + count) as BodyLine objects. */
  bodyLines(first: number, count: number): BodyLine[] {
    const out = new Array<BodyLine>(count);
    for (let i = 0; i < count; i++) out[i] = { line: this.line(first + i), text: this.textOf(first + i) };
    return out;
  }
}
