/**
 * Edits that set, replace or remove one attribute (`status`, `note`) on the open delimiter
 * line of a seed document, touching nothing else on the line. Pure: the VS Code commands and
 * the tests share it.
 */
import type { Range, ReviewStatus, SeedAttribute, SeedDocument, TextEdit } from '../types';
import { lineRange } from '../text-edits';
import { readAttributesIn, type AttributeDetails } from '../attributes';

const SPACE = 32;
const TAB = 9;

/** Why a bare seed file cannot take a review status or note. */
export const BARE_FILE_MESSAGE =
  'This is a bare seed file: it has no delimiter line to carry a status or note. Bundle it into a corpus (.seed) to review it.';

function isWs(c: number): boolean {
  return c === SPACE || c === TAB;
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
  // The attributes as the parser reads them, positions included: a text search would find
  // ` status=rejected` inside a quoted note.
  const more: AttributeDetails = { duplicates: [], unterminatedAt: -1 };
  const { attributes } = readAttributesIn(openLineText, from, openLineText.length, 0, line, [], more);
  const matching = [...attributes, ...more.duplicates].filter((attribute) => attribute.key === key).sort((a, b) => a.start - b.start);
  const isGluedAfter = (attribute: SeedAttribute) => attribute.end < openLineText.length && !isWs(openLineText.charCodeAt(attribute.end));
  const edits: TextEdit[] = [];
  const remove = (attribute: SeedAttribute) => {
    // The space before goes with it, unless text is glued after it (which then needs that space).
    const start = !isGluedAfter(attribute) && attribute.start > 0 && isWs(openLineText.charCodeAt(attribute.start - 1)) ? attribute.start - 1 : attribute.start;
    edits.push({ range: lineRange(line, start, attribute.end), newText: '' });
  };
  const written = valueText === undefined ? undefined : `${key}=${valueText}`;
  if (written === undefined) {
    matching.forEach(remove);
  } else if (matching.length === 0) {
    // Appended text would end up inside a quote that is never closed.
    if (more.unterminatedAt >= 0) {
      return { error: `The open line of ${doc.id || 'this document'} has an unterminated quote (column ${more.unterminatedAt + 1}); close it first.` };
    }
    // After everything already written on the line (a malformed token included), before trailing whitespace.
    let at = openLineText.length;
    while (at > from && isWs(openLineText.charCodeAt(at - 1))) at--;
    edits.push({ range: lineRange(line, at, at), newText: ` ${written}` });
  } else {
    const [first, ...rest] = matching;
    // Text glued to the old value (a mistake the parser reports) must not glue to the new one.
    const glued = isGluedAfter(first);
    if (openLineText.slice(first.start, first.end) !== written || glued) {
      edits.push({ range: lineRange(line, first.start, first.end), newText: glued ? `${written} ` : written });
    }
    rest.forEach(remove);
  }
  if (edits.length === 0 || holds(openLineText, edits, from, attributes, key, written)) return { edits };
  // On a line whose quotes do not pair up (SEED009), changing one attribute can change how the
  // parser pairs the quotes around it: refuse rather than change more than asked.
  return { error: `The open line of ${doc.id || 'this document'} has quotes that do not pair up; fix them first (SEED009).` };
}

/**
 * Whether the line after `edits` reads as asked: `key` written exactly as `written` (or absent
 * when undefined), every other attribute as before.
 */
function holds(openLineText: string, edits: readonly TextEdit[], from: number, before: readonly SeedAttribute[], key: string, written: string | undefined): boolean {
  let text = openLineText;
  for (const e of [...edits].sort((a, b) => b.range.start.character - a.range.start.character)) {
    text = text.slice(0, e.range.start.character) + e.newText + text.slice(e.range.end.character);
  }
  const after = readAttributesIn(text, from, text.length, 0, 0, []).attributes;
  const others = (list: readonly SeedAttribute[]) => list.filter((a) => a.key !== key).map((a) => `${a.key}=${a.quoted ? JSON.stringify(a.value) : a.value}`).join(' ');
  const mine = after.filter((a) => a.key === key);
  const asked = written === undefined ? mine.length === 0 : mine.length === 1 && text.slice(mine[0].start, mine[0].end) === written;
  return asked && others(after) === others(before);
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
