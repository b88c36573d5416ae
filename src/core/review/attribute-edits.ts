/**
 * Edits that set, replace or remove one attribute (`status`, `note`) on the open delimiter
 * line of a seed document, touching nothing else on the line. Pure: the VS Code commands and
 * the tests share it.
 */
import type { Range, ReviewStatus, SeedDocument, TextEdit } from '../types';
import { lineRange } from '../text-edits';

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;

/** Why a bare seed file cannot take a review status or note. */
export const BARE_FILE_MESSAGE =
  'This is a bare seed file: it has no delimiter line to carry a status or note. Bundle it into a corpus (.seed) to review it.';

/** One whitespace-separated token of an open line after the id (a quoted part may hold spaces). */
export interface LineToken {
  /** The text before the first '=' (the whole token when there is none). */
  key: string;
  start: number;
  end: number;
}

/** The tokens after `from` on an open line, or the offset of an unterminated quote. */
export function tokenizeAttributes(text: string, from: number): { tokens: LineToken[]; unterminatedQuoteAt?: number } {
  const tokens: LineToken[] = [];
  const n = text.length;
  let i = from;
  while (i < n) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    let eq = -1;
    while (i < n && !isWs(text.charCodeAt(i))) {
      const c = text.charCodeAt(i);
      if (c === 61 && eq < 0) eq = i;
      if (c === QUOTE) {
        const close = closingQuote(text, i);
        if (close < 0) return { tokens, unterminatedQuoteAt: i };
        i = close + 1;
      } else {
        i++;
      }
    }
    tokens.push({ key: text.slice(start, eq < 0 ? i : eq), start, end: i });
  }
  return { tokens };
}

function isWs(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** The offset of the quote that closes the one at `q`, or -1. */
function closingQuote(text: string, q: number): number {
  for (let i = q + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i;
  }
  return -1;
}

/** Writes a value as a quoted attribute value: `"` and `\` escaped, line breaks turned into spaces. */
export function quoteAttributeValue(value: string): string {
  const oneLine = value.replace(/\r\n|\r|\n/g, ' ');
  return '"' + oneLine.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** The result of computing an attribute change for one document. */
export type AttributeChange = { edits: TextEdit[] } | { error: string };

/**
 * The edits that make `key` hold `valueText` (already formatted: bare or quoted) on the open
 * line of `doc`, or remove it when `valueText` is undefined. An existing attribute is replaced
 * in place; a new one is appended after the id and the attributes already written (before any
 * trailing spaces); a removal takes one preceding space or tab with it. Repeated keys (an
 * error the parser reports) are folded into one. No change needed: no edits.
 */
export function attributeEdits(doc: SeedDocument, openLineText: string, key: string, valueText: string | undefined): AttributeChange {
  if (doc.kind === 'bare') return { error: BARE_FILE_MESSAGE };
  const line = doc.openLine;
  const from = doc.idRange.end.character;
  const { tokens, unterminatedQuoteAt } = tokenizeAttributes(openLineText, from);
  if (unterminatedQuoteAt !== undefined) {
    return { error: `The open line of ${doc.id || 'this document'} has an unterminated quote (column ${unterminatedQuoteAt + 1}); close it first.` };
  }
  const matching = tokens.filter((token) => token.key === key);
  const edits: TextEdit[] = [];
  const removeToken = (token: LineToken) => {
    const start = token.start > 0 && isWs(openLineText.charCodeAt(token.start - 1)) ? token.start - 1 : token.start;
    edits.push({ range: lineRange(line, start, token.end), newText: '' });
  };
  if (valueText === undefined) {
    matching.forEach(removeToken);
    return { edits };
  }
  const written = `${key}=${valueText}`;
  if (matching.length === 0) {
    const at = tokens.length ? tokens[tokens.length - 1].end : from;
    return { edits: [{ range: lineRange(line, at, at), newText: ` ${written}` }] };
  }
  const [first, ...rest] = matching;
  if (openLineText.slice(first.start, first.end) !== written) {
    edits.push({ range: lineRange(line, first.start, first.end), newText: written });
  }
  rest.forEach(removeToken);
  return { edits };
}

/** The edits that set a document's review status; `undefined` clears it (removes `status=`). */
export function statusEdits(doc: SeedDocument, openLineText: string, status: ReviewStatus | undefined): AttributeChange {
  return attributeEdits(doc, openLineText, 'status', status);
}

/** The edits that set a document's review note; an empty or blank note removes it. */
export function noteEdits(doc: SeedDocument, openLineText: string, note: string): AttributeChange {
  return attributeEdits(doc, openLineText, 'note', note.trim() === '' ? undefined : quoteAttributeValue(note));
}

/**
 * The documents that the selections touch: a document is touched when a selection's lines
 * overlap its lines (delimiters included). A selection that ends at the start of a line does
 * not touch that line, as in VS Code's line commands. Documents come in file order, once each.
 */
export function documentsTouched<T extends { startLine: number; endLine: number }>(documents: readonly T[], selections: readonly Range[]): T[] {
  const spans = selections.map((selection) => {
    const start = Math.min(selection.start.line, selection.end.line);
    let end = Math.max(selection.start.line, selection.end.line);
    const last = selection.end.line >= selection.start.line ? selection.end : selection.start;
    if (end > start && last.character === 0) end--;
    return { start, end };
  });
  return documents.filter((doc) => spans.some((span) => doc.startLine <= span.end && doc.endLine >= span.start));
}

/** What applying one review change to several documents yields. */
export interface ReviewEdits {
  edits: TextEdit[];
  /** Ids of the documents that get an edit. */
  changed: string[];
  /** Ids of the documents already in the wanted state. */
  unchanged: string[];
  /** Documents that cannot take the change, with the reason. */
  refused: { id: string; reason: string }[];
}

/**
 * Computes one change (via `change`) for every document in `documents` and collects the edits,
 * so a command can apply them as a single undoable edit.
 */
export function collectReviewEdits(
  documents: readonly SeedDocument[],
  lineText: (line: number) => string,
  change: (doc: SeedDocument, openLineText: string) => AttributeChange,
): ReviewEdits {
  const result: ReviewEdits = { edits: [], changed: [], unchanged: [], refused: [] };
  for (const doc of documents) {
    const outcome = change(doc, doc.kind === 'bare' ? '' : lineText(doc.openLine));
    if ('error' in outcome) result.refused.push({ id: doc.id, reason: outcome.error });
    else if (outcome.edits.length === 0) result.unchanged.push(doc.id);
    else {
      result.edits.push(...outcome.edits);
      result.changed.push(doc.id);
    }
  }
  return result;
}
