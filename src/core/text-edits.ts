/**
 * Positions, offsets and text edits over plain strings, consistent with the parser: lines end
 * at '\n' (a '\r' before it belongs to the line ending), and a leading BOM is not part of
 * line 0's characters (the parser strips it; VS Code never shows it).
 */
import type { Position, Range, TextEdit } from './types';

const BOM = 0xfeff;

/** Line start offsets of a text, computed once so many positions can be mapped cheaply. */
export class LineIndex {
  private readonly starts: number[];
  private readonly base: number;

  constructor(private readonly text: string) {
    this.base = text.charCodeAt(0) === BOM ? 1 : 0;
    const starts = [this.base];
    let i = text.indexOf('\n', this.base);
    while (i >= 0) {
      starts.push(i + 1);
      i = text.indexOf('\n', i + 1);
    }
    this.starts = starts;
  }

  /** The number of lines (an empty text has one line, as in VS Code). */
  get lineCount(): number {
    return this.starts.length;
  }

  /** The offset just past line `line`'s content (before '\r\n' or '\n'). */
  lineContentEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] - 1 : this.text.length;
    return next > this.starts[line] && this.text.charCodeAt(next - 1) === 13 ? next - 1 : next;
  }

  /** Maps a position to an offset in the text, clamping to the line's content like VS Code. */
  offsetAt(position: Position): number {
    if (position.line < 0) return this.base;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    const end = this.lineContentEnd(position.line);
    return Math.min(start + Math.max(0, position.character), end);
  }

  /** Maps an offset in the text to a position. */
  positionAt(offset: number): Position {
    const o = Math.max(this.base, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: Math.min(o, this.lineContentEnd(lo)) - this.starts[lo] };
  }
}

/** Maps a position to an offset in `text` (one-off; use LineIndex for many). */
export function positionToOffset(text: string, position: Position): number {
  return new LineIndex(text).offsetAt(position);
}

/** Maps an offset in `text` to a position (one-off; use LineIndex for many). */
export function offsetToPosition(text: string, offset: number): Position {
  return new LineIndex(text).positionAt(offset);
}

/**
 * Applies non-overlapping edits to `text` and returns the new text. All positions refer to
 * the original text; insertions at the same position keep their given order. A leading BOM
 * stays in place. Throws on overlapping edits.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const index = new LineIndex(text);
  const resolved = edits.map((e, order) => ({
    start: index.offsetAt(e.range.start),
    end: index.offsetAt(e.range.end),
    newText: e.newText,
    order,
  }));
  resolved.sort((a, b) => a.start - b.start || a.end - b.end || a.order - b.order);
  for (let i = 1; i < resolved.length; i++) {
    if (resolved[i].start < resolved[i - 1].end) throw new Error('applyTextEdits: overlapping edits');
  }
  // One pass over the text (not one copy per edit): many fixes on a large file stay linear.
  const parts: string[] = [];
  let pos = 0;
  for (const e of resolved) {
    parts.push(text.slice(pos, e.start), e.newText);
    pos = e.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/** A range on one line. */
export function lineRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

/** Whether `a` comes before or at `b`. */
export function positionBeforeOrEqual(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}
