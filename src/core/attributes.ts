/**
 * The attributes of an open delimiter line (`key=value` / `key="quoted"`), with SEED009
 * (malformed attribute) and SEED010 (bad status or date) diagnostics. Reading never stops at
 * a mistake: the rest of the line is still read.
 */
import type { Range, ReviewStatus, SeedAttribute, SeedDiagnostic } from './types';
import { messages } from './messages';
import { fix, replaceEdit } from './fixes';
import { lineRange } from './text-edits';

/** The review statuses the format knows. */
export const REVIEW_STATUSES: readonly ReviewStatus[] = ['unreviewed', 'approved', 'rejected', 'flagged'];

/** The attribute keys the format reserves. */
export const RESERVED_KEYS: readonly string[] = ['status', 'note', 'source', 'date', 'lang'];

const SPACE = 32;
const TAB = 9;
const QUOTE = 34;
const BACKSLASH = 92;
const EQUALS = 61;

function isWs(c: number): boolean {
  return c === SPACE || c === TAB;
}

/** Whether `key` is `[a-z][a-z0-9_-]*`. */
export function isValidKey(key: string): boolean {
  if (key.length === 0) return false;
  const f = key.charCodeAt(0);
  if (f < 97 || f > 122) return false;
  for (let i = 1; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45)) return false;
  }
  return true;
}

function digitAt(value: string, i: number): number {
  const c = value.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
}

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isValidDate(value: string): 'ok' | 'format' | 'calendar' {
  if (value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return 'format';
  const digit = (i: number) => digitAt(value, i);
  const y = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3);
  const m = digit(5) * 10 + digit(6);
  const d = digit(8) * 10 + digit(9);
  if (Number.isNaN(y) || Number.isNaN(m) || Number.isNaN(d)) return 'format';
  if (m < 1 || m > 12 || d < 1) return 'calendar';
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
  return d <= days ? 'ok' : 'calendar';
}

/** Quotes a value for an open line when it needs quoting. */
export function formatAttributeValue(value: string): string {
  if (value !== '' && !/[\s"\\]/.test(value)) return value;
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

/** Where an attribute is written: the whole `key=value`, its key, or its value (quotes included). */
export function attributeRange(attribute: SeedAttribute, part: 'whole' | 'key' | 'value' = 'whole'): Range {
  const start = part === 'value' ? attribute.valueStart : attribute.start;
  const end = part === 'key' ? attribute.keyEnd : attribute.end;
  return lineRange(attribute.line, start, end);
}

/** The attribute list of an open line without attributes, shared: most lines have few or none. */
export const NO_ATTRIBUTES: readonly SeedAttribute[] = Object.freeze([]);

/** What reading the attributes of one open line yields. */
export interface AttributeReading {
  /** Shared and frozen when the line has none. */
  attributes: readonly SeedAttribute[];
  status: ReviewStatus;
}

/**
 * Reads the attributes in `text` from `start` on (the part of the open line after the id) and
 * pushes SEED009/SEED010 diagnostics into `diagnostics`.
 */
export function readAttributes(text: string, start: number, line: number, diagnostics: SeedDiagnostic[]): AttributeReading {
  return readAttributesIn(text, start, text.length, 0, line, diagnostics);
}

/**
 * readAttributes over characters [start, end) of a larger text whose line `line` starts at
 * offset `base`, so the parser does not have to slice the line first.
 */
export function readAttributesIn(
  text: string, start: number, end: number, base: number, line: number, diagnostics: SeedDiagnostic[], more?: AttributeDetails,
): AttributeReading {
  const attributes: SeedAttribute[] = [];
  const status = scanAttributes(text, start, end, base, line, diagnostics, attributes, more);
  return { attributes: attributes.length > 0 ? attributes : NO_ATTRIBUTES, status };
}

/** What an editor of the line needs besides the attributes (filled in by readAttributesIn). */
export interface AttributeDetails {
  /** The attributes that repeat an earlier key (SEED009), in line order. */
  duplicates: SeedAttribute[];
  /** Where a quoted value that is never closed starts (its quote), or -1. */
  unterminatedAt: number;
}

/**
 * What the parser needs of an open line's attributes: every SEED009/SEED010 diagnostic and the
 * status, without building the attribute list (a parsed document builds it on first read). The
 * diagnostics are exactly those of readAttributesIn.
 */
export function validateAttributesIn(
  text: string, start: number, end: number, base: number, line: number, diagnostics: SeedDiagnostic[],
): ReviewStatus {
  return start >= end ? 'unreviewed' : scanAttributes(text, start, end, base, line, diagnostics, undefined);
}

/** Above this many attributes on one line, duplicates are found through a map. */
const MANY_ATTRIBUTES = 16;

/**
 * Attributes seen by a validating scan, reused from call to call: duplicate keys, the status
 * and the date need the attributes read so far, but nothing of them outlives the scan.
 */
const scratch: SeedAttribute[] = [];

/**
 * Reads the attributes of [start, end), reports their problems and returns the status. With
 * `into`, each attribute is a new object pushed there; without, the scratch entries hold them.
 */
function scanAttributes(
  text: string, start: number, end: number, base: number, line: number, diagnostics: SeedDiagnostic[], into: SeedAttribute[] | undefined,
  more?: AttributeDetails,
): ReviewStatus {
  const list = into ?? scratch;
  /** Attributes read so far: the first `count` entries of `list`. */
  let count = 0;
  /**
   * First index of each key, built once a line has many attributes: a linear search per
   * attribute is fastest for the usual few, and quadratic for a line of 100,000.
   */
  let byKey: Map<string, number> | undefined;
  const find = (key: string): SeedAttribute | undefined => {
    if (byKey === undefined) {
      if (count <= MANY_ATTRIBUTES) return findAttribute(list, key, count);
      byKey = new Map();
      for (let k = count - 1; k >= 0; k--) byKey.set(list[k].key, k);
    }
    const k = byKey.get(key);
    return k === undefined ? undefined : list[k];
  };
  const n = end;
  if (start >= n) return 'unreviewed';
  let i = start;
  while (i < n) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const tokStart = i;
    let c = 0;
    while (i < n && !isWs(c = text.charCodeAt(i)) && c !== EQUALS && c !== QUOTE) i++;
    const keyEnd = i;
    const key = knownOrSlice(text, tokStart, keyEnd, RESERVED_KEYS);
    if (i >= n || text.charCodeAt(i) !== EQUALS) {
      // No '=': the token (up to whitespace, a quoted part included) is not an attribute.
      while (i < n && !isWs(text.charCodeAt(i))) {
        if (text.charCodeAt(i) === QUOTE) {
          const q = skipQuoted(text, i, n);
          if (!q.closed && more && more.unterminatedAt < 0) more.unterminatedAt = i - base;
          i = q.end;
        } else {
          i++;
        }
      }
      reportAttribute(diagnostics, line, 'SEED009', tokStart - base, i - base, messages.missingEquals(text.slice(tokStart, i)), {});
      continue;
    }
    let bad = false;
    if (key === '') {
      reportAttribute(diagnostics, line, 'SEED009', tokStart - base, keyEnd + 1 - base, messages.missingKey(), {});
      bad = true;
    } else if (!isValidKey(key)) {
      reportAttribute(diagnostics, line, 'SEED009', tokStart - base, keyEnd - base, messages.badKey(key), {});
      bad = true;
    }
    i++; // '='
    const valueStart = i;
    let value: string;
    let quoted = false;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      quoted = true;
      const q = skipQuoted(text, i, n);
      value = q.value;
      i = q.end;
      for (const e of q.badEscapes) reportAttribute(diagnostics, line, 'SEED009', e - base, e + 2 - base, messages.badEscape(text.slice(e, e + 2)), {});
      if (!q.closed) {
        let backslashes = 0;
        for (let k = n - 1; k > valueStart && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
        const closer = backslashes % 2 === 1 ? '\\"' : '"';
        if (more && more.unterminatedAt < 0) more.unterminatedAt = valueStart - base;
        reportAttribute(diagnostics, line, 'SEED009', valueStart - base, n - base, messages.unterminatedQuote(key), {
          fixes: [fix('Close the quoted value', [replaceEdit(line, n - base, n - base, closer)])],
        });
      } else if (i < n && !isWs(text.charCodeAt(i)) && !startsAttribute(text, i, n)) {
        // Text glued to the closing quote that is not a next attribute: the quote was meant
        // inside the value (`note="say "hi" now"`). The value ends at the first later quote
        // after which the line reads cleanly (its end, or a well-formed attribute), else at the
        // end of the line; one diagnostic, and the fix escapes the quotes inside.
        const close = realClosingQuote(text, i, n);
        const valueEnd = close < 0 ? n : close + 1;
        if (close < 0 && more && more.unterminatedAt < 0) more.unterminatedAt = valueStart - base;
        const inner = text.slice(valueStart + 1, close < 0 ? n : close);
        value = unescapeLoose(inner);
        i = valueEnd;
        reportAttribute(diagnostics, line, 'SEED009', valueStart - base, valueEnd - base, messages.unescapedQuote(key), {
          fixes: [fix('Escape the quotes inside the value', [replaceEdit(line, valueStart - base, valueEnd - base, `"${escapeLoose(inner)}"`)])],
        });
      } else if (i < n && !isWs(text.charCodeAt(i))) {
        let e = i;
        while (e < n && !isWs(text.charCodeAt(e))) e++;
        reportAttribute(diagnostics, line, 'SEED009', i - base, e - base, messages.noSpaceAfterQuote(key), {
          fixes: [fix('Insert a space after the quoted value', [replaceEdit(line, i - base, i - base, ' ')])],
        });
      }
    } else {
      let hasQuote = false;
      while (i < n && !isWs(c = text.charCodeAt(i))) {
        if (c === QUOTE) hasQuote = true;
        i++;
      }
      value = key === 'status' ? knownOrSlice(text, valueStart, i, REVIEW_STATUSES) : text.slice(valueStart, i);
      if (value === '') {
        reportAttribute(diagnostics, line, 'SEED009', tokStart - base, i - base, messages.missingValue(key), {});
        bad = true;
      } else if (hasQuote) {
        reportAttribute(diagnostics, line, 'SEED009', valueStart - base, i - base, messages.quoteInBareValue(key), {});
      }
    }
    if (bad) continue;
    const first = find(key);
    if (first) {
      // Removing the duplicate is certain only when it repeats the same value.
      let delStart = tokStart;
      while (delStart > start && isWs(text.charCodeAt(delStart - 1))) delStart--;
      reportAttribute(diagnostics, line, 'SEED009', tokStart - base, i - base, messages.duplicateKey(key), {
        related: [{ range: attributeRange(first), message: `first '${key}' attribute` }],
        fixes: first.value === value ? [fix(`Remove the duplicate '${key}' attribute`, [replaceEdit(line, delStart - base, i - base, '')])] : [],
      });
      more?.duplicates.push({ key, value, quoted, line, start: tokStart - base, end: i - base, keyEnd: keyEnd - base, valueStart: valueStart - base });
      continue;
    }
    if (into) {
      into.push({ key, value, quoted, line, start: tokStart - base, end: i - base, keyEnd: keyEnd - base, valueStart: valueStart - base });
    } else {
      const attr = scratch[count] ??= { key, value, quoted, line, start: 0, end: 0, keyEnd: 0, valueStart: 0 };
      attr.key = key;
      attr.value = value;
      attr.quoted = quoted;
      attr.line = line;
      attr.start = tokStart - base;
      attr.end = i - base;
      attr.keyEnd = keyEnd - base;
      attr.valueStart = valueStart - base;
    }
    if (byKey !== undefined) byKey.set(key, count);
    count++;
  }
  let status: ReviewStatus = 'unreviewed';
  const s = find('status');
  if (s) {
    const v = s.value;
    if (v === 'approved' || v === 'rejected' || v === 'flagged' || v === 'unreviewed') status = v;
    else reportAttribute(diagnostics, line, 'SEED010', s.valueStart, s.end, messages.unknownStatus(v), {});
  }
  const d = find('date');
  if (d) {
    const v = isValidDate(d.value);
    if (v !== 'ok') {
      reportAttribute(diagnostics, line, 'SEED010', d.valueStart, d.end,
        v === 'format' ? messages.badDateFormat(d.value) : messages.badDateValue(d.value), {});
    }
  }
  // The scratch entries keep their last strings until overwritten: drop them, they may be slices of a large text.
  if (!into) {
    for (let k = 0; k < count; k++) {
      scratch[k].key = '';
      scratch[k].value = '';
    }
  }
  return status;
}

function reportAttribute(
  diagnostics: SeedDiagnostic[], line: number, code: 'SEED009' | 'SEED010', s: number, e: number, message: string, extra: Partial<SeedDiagnostic>,
): void {
  diagnostics.push({ code, severity: code === 'SEED009' ? 'error' : 'warning', range: lineRange(line, s, e), message, fixes: [], ...extra });
}

/**
 * The text of [start, end), returned as the matching constant when it is one of `known`:
 * reserved keys and status values then cost no allocation and compare by pointer.
 */
function knownOrSlice(text: string, start: number, end: number, known: readonly string[]): string {
  const len = end - start;
  for (const k of known) if (k.length === len && text.startsWith(k, start)) return k;
  return text.slice(start, end);
}

/** The first of the first `count` attributes with `key`; lists are short, so a linear search. */
function findAttribute(attributes: readonly SeedAttribute[], key: string, count: number): SeedAttribute | undefined {
  for (let k = 0; k < count; k++) if (attributes[k].key === key) return attributes[k];
  return undefined;
}

const NO_ESCAPES: readonly number[] = [];

/** Reads a quoted value starting at the quote at `q`. */
function skipQuoted(text: string, q: number, n: number): { value: string; end: number; closed: boolean; badEscapes: readonly number[] } {
  let value = '';
  // Made only when there is one: most values have no escape at all (an allocation per value otherwise).
  let badEscapes: number[] | undefined;
  let i = q + 1;
  let chunk = i;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      value += text.slice(chunk, i);
      return { value, end: i + 1, closed: true, badEscapes: badEscapes ?? NO_ESCAPES };
    }
    if (c === BACKSLASH) {
      value += text.slice(chunk, i);
      const next = text.charCodeAt(i + 1);
      if (next === QUOTE || next === BACKSLASH) {
        value += text[i + 1];
      } else if (i + 1 < n) {
        (badEscapes ??= []).push(i);
        value += text.slice(i, i + 2);
      } else {
        value += '\\';
      }
      i += 2;
      chunk = i;
      continue;
    }
    i++;
  }
  value += text.slice(chunk, Math.min(i, n));
  return { value, end: n, closed: false, badEscapes: badEscapes ?? NO_ESCAPES };
}

function isKeyStart(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

/** Whether a `key=` starts at `i` (so text glued to a closing quote is a next attribute). */
function startsAttribute(text: string, i: number, n: number): boolean {
  if (!isKeyStart(text.charCodeAt(i))) return false;
  let k = i + 1;
  while (k < n && isKeyChar(text.charCodeAt(k))) k++;
  return k < n && text.charCodeAt(k) === EQUALS;
}

/** Whether a well-formed attribute (`key=bare` or `key="quoted"`) starts at `i` and ends at whitespace or the end. */
function cleanAttributeAt(text: string, i: number, n: number): boolean {
  if (!startsAttribute(text, i, n)) return false;
  let k = text.indexOf('=', i) + 1;
  if (k >= n) return false;
  if (text.charCodeAt(k) === QUOTE) {
    const q = skipQuoted(text, k, n);
    return q.closed && (q.end >= n || isWs(text.charCodeAt(q.end)));
  }
  const start = k;
  while (k < n && !isWs(text.charCodeAt(k))) {
    if (text.charCodeAt(k) === QUOTE) return false;
    k++;
  }
  return k > start;
}

/**
 * The quote that really closes a value whose first closing quote had text glued to it: the
 * first later unescaped quote followed by the end of the line, or by whitespace and a
 * well-formed attribute. -1 when there is none.
 */
function realClosingQuote(text: string, from: number, n: number): number {
  for (let j = from; j < n; j++) {
    const c = text.charCodeAt(j);
    if (c === BACKSLASH) {
      j++;
      continue;
    }
    if (c !== QUOTE) continue;
    let k = j + 1;
    if (k >= n) return j;
    if (!isWs(text.charCodeAt(k))) continue;
    while (k < n && isWs(text.charCodeAt(k))) k++;
    if (k >= n || cleanAttributeAt(text, k, n)) return j;
  }
  return -1;
}

/** The value of quoted text whose inner quotes may be unescaped: `\"` and `\\` decoded, a bare `"` kept. */
function unescapeLoose(inner: string): string {
  return inner.replace(/\\(["\\])/g, '$1');
}

/** Quoted-value text for `inner`: bare quotes (and a trailing lone backslash) escaped, escapes kept. */
function escapeLoose(inner: string): string {
  let out = '';
  for (let k = 0; k < inner.length; k++) {
    const c = inner[k];
    if (c === '\\') {
      out += k + 1 < inner.length ? c + inner[++k] : '\\\\';
    } else {
      out += c === '"' ? '\\"' : c;
    }
  }
  return out;
}
