/**
 * The attributes of an open delimiter line (`key=value` / `key="quoted"`), with SEED009
 * (malformed attribute) and SEED010 (bad status or date) diagnostics. Reading never stops at
 * a mistake: the rest of the line is still read.
 */
import type { ReviewStatus, SeedAttribute, SeedDiagnostic } from './types';
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

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isValidDate(value: string): 'ok' | 'format' | 'calendar' {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return 'format';
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
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

/** What reading the attributes of one open line yields. */
export interface AttributeReading {
  attributes: SeedAttribute[];
  status: ReviewStatus;
}

/**
 * Reads the attributes in `text` from `start` on (the part of the open line after the id) and
 * pushes SEED009/SEED010 diagnostics into `diagnostics`.
 */
export function readAttributes(text: string, start: number, line: number, diagnostics: SeedDiagnostic[]): AttributeReading {
  const attributes: SeedAttribute[] = [];
  const n = text.length;
  const seen = new Map<string, SeedAttribute>();
  let i = start;
  const report = (code: 'SEED009' | 'SEED010', s: number, e: number, message: string, extra: Partial<SeedDiagnostic> = {}) => {
    diagnostics.push({
      code, severity: code === 'SEED009' ? 'error' : 'warning', range: lineRange(line, s, e), message, fixes: [], ...extra,
    });
  };
  while (i < n) {
    while (i < n && isWs(text.charCodeAt(i))) i++;
    if (i >= n) break;
    const tokStart = i;
    while (i < n && !isWs(text.charCodeAt(i)) && text.charCodeAt(i) !== EQUALS && text.charCodeAt(i) !== QUOTE) i++;
    const keyEnd = i;
    const key = text.slice(tokStart, keyEnd);
    if (i >= n || text.charCodeAt(i) !== EQUALS) {
      // No '=': the token (up to whitespace, a quoted part included) is not an attribute.
      while (i < n && !isWs(text.charCodeAt(i))) {
        if (text.charCodeAt(i) === QUOTE) i = skipQuoted(text, i).end;
        else i++;
      }
      report('SEED009', tokStart, i, messages.missingEquals(text.slice(tokStart, i)));
      continue;
    }
    let bad = false;
    if (key === '') {
      report('SEED009', tokStart, keyEnd + 1, messages.missingKey());
      bad = true;
    } else if (!isValidKey(key)) {
      report('SEED009', tokStart, keyEnd, messages.badKey(key));
      bad = true;
    }
    i++; // '='
    const valueStart = i;
    let value: string;
    let quoted = false;
    if (i < n && text.charCodeAt(i) === QUOTE) {
      quoted = true;
      const q = skipQuoted(text, i);
      value = q.value;
      i = q.end;
      for (const e of q.badEscapes) report('SEED009', e, e + 2, messages.badEscape(text.slice(e, e + 2)));
      if (!q.closed) {
        let backslashes = 0;
        for (let k = n - 1; k > valueStart && text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
        const closer = backslashes % 2 === 1 ? '\\"' : '"';
        report('SEED009', valueStart, n, messages.unterminatedQuote(key), {
          fixes: [fix('Close the quoted value', [replaceEdit(line, n, n, closer)])],
        });
      } else if (i < n && !isWs(text.charCodeAt(i))) {
        let e = i;
        while (e < n && !isWs(text.charCodeAt(e))) e++;
        report('SEED009', i, e, messages.noSpaceAfterQuote(key), {
          fixes: [fix('Insert a space after the quoted value', [replaceEdit(line, i, i, ' ')])],
        });
      }
    } else {
      while (i < n && !isWs(text.charCodeAt(i))) i++;
      value = text.slice(valueStart, i);
      if (value === '') {
        report('SEED009', tokStart, i, messages.missingValue(key));
        bad = true;
      } else if (value.indexOf('"') >= 0) {
        report('SEED009', valueStart, i, messages.quoteInBareValue(key));
      }
    }
    const attr: SeedAttribute = {
      key, value, quoted,
      range: lineRange(line, tokStart, i),
      keyRange: lineRange(line, tokStart, keyEnd),
      valueRange: lineRange(line, valueStart, i),
    };
    if (bad) continue;
    const first = seen.get(key);
    if (first) {
      // Removing the duplicate is certain only when it repeats the same value.
      let delStart = tokStart;
      while (delStart > start && isWs(text.charCodeAt(delStart - 1))) delStart--;
      report('SEED009', tokStart, i, messages.duplicateKey(key), {
        related: [{ range: first.range, message: `first '${key}' attribute` }],
        fixes: first.value === value ? [fix(`Remove the duplicate '${key}' attribute`, [replaceEdit(line, delStart, i, '')])] : [],
      });
      continue;
    }
    seen.set(key, attr);
    attributes.push(attr);
  }
  let status: ReviewStatus = 'unreviewed';
  const s = seen.get('status');
  if (s) {
    if ((REVIEW_STATUSES as readonly string[]).includes(s.value)) status = s.value as ReviewStatus;
    else report('SEED010', s.valueRange.start.character, s.valueRange.end.character, messages.unknownStatus(s.value));
  }
  const d = seen.get('date');
  if (d) {
    const v = isValidDate(d.value);
    if (v !== 'ok') {
      report('SEED010', d.valueRange.start.character, d.valueRange.end.character,
        v === 'format' ? messages.badDateFormat(d.value) : messages.badDateValue(d.value));
    }
  }
  return { attributes, status };
}

/** Reads a quoted value starting at the quote at `q`. */
function skipQuoted(text: string, q: number): { value: string; end: number; closed: boolean; badEscapes: number[] } {
  const n = text.length;
  let value = '';
  const badEscapes: number[] = [];
  let i = q + 1;
  let chunk = i;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      value += text.slice(chunk, i);
      return { value, end: i + 1, closed: true, badEscapes };
    }
    if (c === BACKSLASH) {
      value += text.slice(chunk, i);
      const next = text.charCodeAt(i + 1);
      if (next === QUOTE || next === BACKSLASH) {
        value += text[i + 1];
      } else if (i + 1 < n) {
        badEscapes.push(i);
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
  return { value, end: n, closed: false, badEscapes };
}
