/**
 * The review ledger: the review decisions (and every other attribute) of the bare seed files of
 * one folder, kept beside them in `seed-review.jsonl` because a bare file has no open line to
 * carry them and must never be modified. JSON Lines, one line per document id, sorted by id so
 * that two reviewers' changes merge in git line by line (see docs/review-ledger.md).
 *
 * Pure: parsing, validation, merging and serialising are functions of text; reading and writing
 * go through HostFileSystem (ledger-store.ts), so the CLI, the Node extension host and the
 * browser host share them.
 */
import { isValidDate, isValidKey, REVIEW_STATUSES } from '../attributes';
import { isValidSeedId } from '../ids';
import { lineRange } from '../text-edits';
import type { ReviewStatus, SeedAttribute, SeedDiagnostic } from '../types';
import { BUNDLE_KEYS } from './bundle-format';

/** The ledger's file name, one per folder of bare seed files. */
export const LEDGER_FILE_NAME = 'seed-review.jsonl';

/**
 * How the document was written in the corpus it was split from, where that differs from what
 * bundle writes by itself; kept so that corpus -> split -> bundle gives back the same bytes.
 * Every field is optional and written only when needed.
 */
export interface LedgerLayout {
  /** The open line after the id, verbatim (attribute order, quoting, spacing); used only while its attributes still match. */
  open?: string;
  /** Text after the id on the close line (trailing spaces). */
  close?: string;
  /** Blank lines (possibly holding spaces or tabs) right before the open line. */
  before?: string[];
  /** Blank lines after the close line (the corpus's last document only). */
  after?: string[];
  /** The document's lines in the corpus end in CRLF. */
  crlf?: boolean;
  /** `false`: the corpus ends right after this document's close line, without a line ending. */
  finalNewline?: boolean;
}

/** One document's record: its attributes (in open-line order) and optional layout. */
export interface LedgerRecord {
  id: string;
  attributes: Record<string, string>;
  layout?: LedgerLayout;
}

/** A record as read from a ledger file, with the 0-based line it is on. */
export interface LedgerEntry extends LedgerRecord {
  line: number;
}

/** A parsed ledger. */
export interface Ledger {
  /** Valid entries, in file order; an id appears once (a duplicate is a diagnostic). */
  entries: LedgerEntry[];
  byId: Map<string, LedgerEntry>;
  /** SEED014 (errors: conflict marker, malformed line, duplicate id), SEED015 (unknown id), SEED010 (status, date). */
  diagnostics: SeedDiagnostic[];
  /** True when the file must not be rewritten: a conflict marker or a malformed line (any SEED014). */
  blocked: boolean;
}

/** What a ledger write refuses with: the first blocking problem, with its 0-based line. */
export class LedgerBlockedError extends Error {
  constructor(readonly location: string, readonly diagnostic: SeedDiagnostic) {
    super(`${diagnostic.message} The ledger is not rewritten until this is fixed.`);
  }
}

const TOP_KEYS = new Set(['id', 'attributes', 'layout']);
const LAYOUT_KEYS = new Set(['open', 'close', 'before', 'after', 'crlf', 'finalNewline']);

/** Whether a line is a git conflict marker (`<<<<<<<`, `=======`, `>>>>>>>`, `|||||||`). */
function isConflictMarker(line: string): boolean {
  if (line.length < 7) return false;
  const c = line[0];
  if (c !== '<' && c !== '>' && c !== '=' && c !== '|') return false;
  for (let i = 1; i < 7; i++) if (line[i] !== c) return false;
  return line.length === 7 || line[7] === ' ' || (c === '=' && line.trim() === '=======');
}

/**
 * Parses a ledger's text. `knownIds`, when given, are the ids of the bare seed files in the
 * ledger's folder: a line for any other id is kept and reported (SEED015), never dropped.
 * Linear in the text's size.
 */
export function parseLedger(text: string, knownIds?: { has(id: string): boolean }): Ledger {
  const entries: LedgerEntry[] = [];
  const byId = new Map<string, LedgerEntry>();
  const diagnostics: SeedDiagnostic[] = [];
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const error = (line: number, start: number, end: number, message: string, related?: SeedDiagnostic['related']) =>
    diagnostics.push({ code: 'SEED014', severity: 'error', range: lineRange(line, start, end), message, fixes: [], ...(related ? { related } : {}) });
  let pos = 0;
  for (let line = 0; pos <= body.length; line++) {
    const nl = body.indexOf('\n', pos);
    let end = nl < 0 ? body.length : nl;
    const next = nl < 0 ? body.length + 1 : nl + 1;
    if (end > pos && body.charCodeAt(end - 1) === 13) end--;
    const raw = body.slice(pos, end);
    pos = next;
    if (raw.trim() === '') continue;
    if (isConflictMarker(raw)) {
      error(line, 0, raw.length, 'Git conflict marker in the review ledger; expected the conflict resolved (keep one line per id) and the marker removed.');
      continue;
    }
    const record = readLine(raw, line, error);
    if (!record) continue;
    const first = byId.get(record.id);
    const idAt = locate(raw, JSON.stringify(record.id), 0);
    if (first) {
      error(line, idAt.start, idAt.end, `Id '${record.id}' has a line already; expected one line per id.`,
        [{ range: lineRange(first.line, 0, 0), message: 'the first line for this id' }]);
      continue;
    }
    const entry: LedgerEntry = { ...record, line };
    entries.push(entry);
    byId.set(record.id, entry);
    if (knownIds && !knownIds.has(record.id)) {
      diagnostics.push({
        code: 'SEED015', severity: 'warning', range: lineRange(line, idAt.start, idAt.end), fixes: [],
        message: `No seed file ${record.id}.txt in this folder; the line is kept (restore the file, or delete the line if the document is gone for good).`,
      });
    }
    checkValues(raw, line, record, diagnostics);
  }
  return { entries, byId, diagnostics, blocked: diagnostics.some((d) => d.code === 'SEED014') };
}

/**
 * The offset of the first character that makes `text` invalid JSON (its length when the text
 * ends too early). One forward scan with an explicit stack: linear, and no recursion to exhaust.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const n = text.length;
  const ws = () => { while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++; };
  const literal = (word: string) => { for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) return false; return true; };
  const string = (): boolean => {
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 34) { i++; return true; }
      if (c < 32) return false;
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          for (let k = 2; k < 6; k++) if (!/[0-9a-fA-F]/.test(text[i + k] ?? '')) { i += k; return false; }
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else { i++; return false; }
      } else i++;
    }
    return false;
  };
  const number = (): boolean => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') return false;
    i += m[0].length;
    return true;
  };
  const stack: string[] = [];
  const value = (): boolean => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      stack.push(c === '{' ? '}' : ']');
      i++;
      ws();
      if (text[i] === stack[stack.length - 1]) { i++; stack.pop(); return true; }
      return c === '{' ? text[i] === '"' : true;
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    return number();
  };
  // Containers are walked with the stack: after a value, expect ',' or the closer.
  let expectKey = false;
  for (;;) {
    if (expectKey) {
      ws();
      if (text[i] !== '"' || !string()) return i;
      ws();
      if (text[i] !== ':') return i;
      i++;
    }
    const before = stack.length;
    if (!value()) return i;
    if (stack.length > before) {
      expectKey = stack[stack.length - 1] === '}';
      if (expectKey) continue;
      ws();
      continue;
    }
    for (;;) {
      ws();
      if (stack.length === 0) return i < n ? i : n + 1;
      const closer = stack[stack.length - 1];
      if (text[i] === ',') { i++; expectKey = closer === '}'; break; }
      if (text[i] === closer) { i++; stack.pop(); continue; }
      return i;
    }
  }
}

/** Where `needle` is in `raw` from `from` on (the whole line when it is not). */
function locate(raw: string, needle: string, from: number): { start: number; end: number } {
  const at = raw.indexOf(needle, from);
  return at < 0 ? { start: 0, end: raw.length } : { start: at, end: at + needle.length };
}

/** One line as a record, or undefined after reporting why not. */
function readLine(raw: string, line: number, error: (line: number, start: number, end: number, message: string) => void): LedgerRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // Point from the first character JSON cannot read to the end of the line (engines word this differently, so find it ourselves).
    const start = Math.min(jsonErrorOffset(raw), Math.max(raw.length - 1, 0));
    error(line, start, raw.length, 'Not a JSON object on one line; expected {"id": "NNN_<16 hex>", "attributes": {"status": "approved", ...}}.');
    return undefined;
  }
  const whole = (message: string) => error(line, 0, raw.length, message);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return void whole('Not a JSON object; expected {"id": "NNN_<16 hex>", "attributes": {...}}.');
  }
  const object = value as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    if (!TOP_KEYS.has(key)) {
      const at = locate(raw, JSON.stringify(key), 0);
      return void error(line, at.start, at.end, `Unknown field '${key}'; expected only "id", "attributes" and "layout".`);
    }
  }
  if (typeof object.id !== 'string' || !isValidSeedId(object.id)) {
    const at = typeof object.id === 'string' ? locate(raw, JSON.stringify(object.id), 0) : locate(raw, '"id"', 0);
    return void error(line, at.start, at.end, `${object.id === undefined ? 'No "id"' : 'The "id" is not a seed id'}; expected "id": "NNN_<16 lowercase hex digits>".`);
  }
  const attributes = object.attributes ?? {};
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    const at = locate(raw, '"attributes"', 0);
    return void error(line, at.start, at.end, '"attributes" is not an object; expected {"key": "value", ...}.');
  }
  const attributeValues: Record<string, string> = {};
  const attributesAt = raw.indexOf('"attributes"');
  for (const [key, v] of Object.entries(attributes)) {
    const at = locate(raw, JSON.stringify(key), Math.max(attributesAt, 0));
    if (!isValidKey(key)) {
      return void error(line, at.start, at.end, `Attribute key '${key}' is malformed; expected a lowercase letter followed by lowercase letters, digits, '_' or '-'.`);
    }
    if (BUNDLE_KEYS.includes(key)) {
      return void error(line, at.start, at.end, `'${key}' describes the file's bytes and is read from the file itself; expected it not in the ledger.`);
    }
    if (typeof v !== 'string') return void error(line, at.start, at.end, `The value of '${key}' is not a string; expected "${key}": "...".`);
    if (/[\r\n]/.test(v)) return void error(line, at.start, at.end, `The value of '${key}' holds a line break, which an open line cannot; expected one line of text.`);
    attributeValues[key] = v;
  }
  const record: LedgerRecord = { id: object.id, attributes: attributeValues };
  if (object.layout !== undefined) {
    const layout = readLayout(object.layout);
    if (typeof layout === 'string') {
      const at = locate(raw, '"layout"', 0);
      return void error(line, at.start, at.end, `${layout}; "layout" is written by split, expected it as split wrote it (or removed).`);
    }
    record.layout = layout;
  }
  return record;
}

function readLayout(value: unknown): LedgerLayout | string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return '"layout" is not an object';
  const v = value as Record<string, unknown>;
  for (const key of Object.keys(v)) if (!LAYOUT_KEYS.has(key)) return `Unknown layout field '${key}'`;
  const layout: LedgerLayout = {};
  const oneLine = (s: unknown) => typeof s === 'string' && !/[\r\n]/.test(s);
  const blankLines = (s: unknown) => Array.isArray(s) && s.every((x) => typeof x === 'string' && /^[ \t]*$/.test(x));
  if (v.open !== undefined) { if (!oneLine(v.open)) return 'layout.open is not one line of text'; layout.open = v.open as string; }
  if (v.close !== undefined) {
    if (typeof v.close !== 'string' || !/^[ \t]*$/.test(v.close)) return 'layout.close is not spaces or tabs';
    layout.close = v.close;
  }
  if (v.before !== undefined) { if (!blankLines(v.before)) return 'layout.before is not a list of blank lines'; layout.before = v.before as string[]; }
  if (v.after !== undefined) { if (!blankLines(v.after)) return 'layout.after is not a list of blank lines'; layout.after = v.after as string[]; }
  if (v.crlf !== undefined) { if (v.crlf !== true) return 'layout.crlf is not true'; layout.crlf = true; }
  if (v.finalNewline !== undefined) { if (v.finalNewline !== false) return 'layout.finalNewline is not false'; layout.finalNewline = false; }
  return layout;
}

/** SEED010 for a status or date the format does not know, as on an open line (a warning: the line stays). */
function checkValues(raw: string, line: number, record: LedgerRecord, diagnostics: SeedDiagnostic[]): void {
  const at = (key: string) => {
    const keyAt = raw.indexOf(JSON.stringify(key), Math.max(raw.indexOf('"attributes"'), 0));
    const valueAt = locate(raw, JSON.stringify(record.attributes[key]), Math.max(keyAt, 0));
    return lineRange(line, valueAt.start, valueAt.end);
  };
  const status = record.attributes.status;
  if (status !== undefined && !REVIEW_STATUSES.includes(status as ReviewStatus)) {
    diagnostics.push({ code: 'SEED010', severity: 'warning', range: at('status'), fixes: [], message: `Unknown status '${status}'; expected unreviewed, approved, rejected or flagged.` });
  }
  const date = record.attributes.date;
  if (date !== undefined && isValidDate(date) !== 'ok') {
    diagnostics.push({ code: 'SEED010', severity: 'warning', range: at('date'), fixes: [], message: `Date '${date}' is not a real YYYY-MM-DD date; expected e.g. 2022-09-10.` });
  }
}

/** The review status a record's attributes give (unknown or absent: unreviewed), as on an open line. */
export function statusOfAttributes(attributes: Readonly<Record<string, string>> | undefined): ReviewStatus {
  const status = attributes?.status;
  return status !== undefined && REVIEW_STATUSES.includes(status as ReviewStatus) ? (status as ReviewStatus) : 'unreviewed';
}

/** A record's attributes as the SeedAttribute list a parsed document has (positions: the file's start). */
export function ledgerAttributes(attributes: Readonly<Record<string, string>>): SeedAttribute[] {
  return Object.entries(attributes).map(([key, value]) => ({ key, value, quoted: false, line: 0, start: 0, end: 0, keyEnd: 0, valueStart: 0 }));
}

/** Whether a record says anything: attributes or layout. A record that does not is not written. */
export function isEmptyRecord(record: LedgerRecord): boolean {
  return Object.keys(record.attributes).length === 0 && (record.layout === undefined || Object.keys(record.layout).length === 0);
}

/** Code-point order, the same everywhere (locale compare is not). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The ledger file's text for `records`: one line per record with anything to say, sorted by id,
 * `{"id": "...", "attributes": {...}}` with the layout last when there is one. Deterministic, so
 * the same records always give the same bytes.
 */
export function serializeLedger(records: Iterable<LedgerRecord>): string {
  const lines: [string, string][] = [];
  for (const record of records) {
    if (isEmptyRecord(record)) continue;
    lines.push([record.id, serializeRecord(record)]);
  }
  lines.sort((a, b) => compareIds(a[0], b[0]));
  return lines.map(([, line]) => line + '\n').join('');
}

/** One record as its ledger line (without the line ending). */
export function serializeRecord(record: LedgerRecord): string {
  const object = (entries: [string, string][]) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ')}}`;
  const parts: [string, string][] = [
    ['id', JSON.stringify(record.id)],
    ['attributes', object(Object.entries(record.attributes).map(([k, v]) => [k, JSON.stringify(v)]))],
  ];
  const layout = record.layout;
  if (layout && Object.keys(layout).length) {
    const fields: [string, string][] = [];
    for (const key of ['open', 'close', 'before', 'after', 'crlf', 'finalNewline'] as const) {
      if (layout[key] !== undefined) fields.push([key, JSON.stringify(layout[key])]);
    }
    parts.push(['layout', object(fields)]);
  }
  return object(parts);
}

/** A change to a ledger: the attributes to set (a string) or remove (undefined), per id. */
export interface LedgerChange {
  id: string;
  set: Record<string, string | undefined>;
}

/**
 * Applies changes to the records of a parsed ledger and returns the new records (the input is
 * not modified). Setting an attribute keeps its place; a new one goes last; a changed record
 * loses its `layout.open` only when the attributes no longer match it (bundle checks that too).
 */
export function applyLedgerChanges(records: Iterable<LedgerRecord>, changes: readonly LedgerChange[]): Map<string, LedgerRecord> {
  const result = new Map<string, LedgerRecord>();
  for (const record of records) result.set(record.id, { id: record.id, attributes: { ...record.attributes }, ...(record.layout ? { layout: { ...record.layout } } : {}) });
  for (const change of changes) {
    const record = result.get(change.id) ?? { id: change.id, attributes: {} };
    for (const [key, value] of Object.entries(change.set)) {
      if (value === undefined) delete record.attributes[key];
      else record.attributes[key] = value;
    }
    result.set(change.id, record);
  }
  return result;
}

/** The first diagnostic that blocks rewriting, if any. */
export function firstBlocking(ledger: Ledger): SeedDiagnostic | undefined {
  return ledger.diagnostics.find((d) => d.code === 'SEED014');
}
