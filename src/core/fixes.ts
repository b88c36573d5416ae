/** Builders for the quick fixes the parser attaches to diagnostics. */
import type { QuickFix, TextEdit } from './types';
import { lineRange } from './text-edits';

/** A fix made of one or more edits. */
export function fix(title: string, edits: TextEdit[], isPreferred = true): QuickFix {
  return { title, edits, isPreferred };
}

/** An edit that replaces characters [start, end) of one line. */
export function replaceEdit(line: number, start: number, end: number, newText: string): TextEdit {
  return { range: lineRange(line, start, end), newText };
}

/** An edit that inserts a new line `text` after line `line` (whose content is `lineLength` long). */
export function insertLineAfterEdit(line: number, lineLength: number, text: string, eol: string): TextEdit {
  return { range: lineRange(line, lineLength, lineLength), newText: eol + text };
}

/** An edit that inserts a new line `text` before line `line`. */
export function insertLineBeforeEdit(line: number, text: string, eol: string): TextEdit {
  return { range: lineRange(line, 0, 0), newText: text + eol };
}

/**
 * An edit that deletes line `line` with its line ending. The last line of a file has no line
 * ending of its own, so only its content is removed (leaving a blank last line).
 */
export function deleteLineEdit(line: number, lineLength: number, isLastLine: boolean): TextEdit {
  if (isLastLine) return { range: lineRange(line, 0, lineLength), newText: '' };
  return { range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } }, newText: '' };
}
