/**
 * What each diagnostic code means, in one place: the short name the settings and the SARIF rules
 * show, the default severity, and a help text (the table of docs/seed-format.md in short).
 */
import type { DiagnosticCode, Severity } from './types';

/** One diagnostic code as a rule: SARIF's reportingDescriptor, the settings' descriptions. */
export interface RuleInfo {
  code: DiagnosticCode;
  /** A few words, as the settings show them. */
  name: string;
  defaultSeverity: Severity;
  /** What the code reports and what its quick fix does, one or two sentences. */
  help: string;
}

/** Every code, in order. */
export const rules: readonly RuleInfo[] = [
  { code: 'SEED001', name: 'Open delimiter never closed', defaultSeverity: 'error', help: 'An open line is never closed: the next open line or the end of the file comes first. Fix: insert the close line `>>> id` after the document\'s last body line.' },
  { code: 'SEED002', name: 'Close delimiter without an open document', defaultSeverity: 'error', help: 'A close line with no open document. Fix: insert the missing open line before the text above it, or delete the close line.' },
  { code: 'SEED003', name: 'Close id differs from the open id', defaultSeverity: 'error', help: 'The close line names another id than the open line. Fix: write the open id on the close line.' },
  { code: 'SEED004', name: 'Malformed id', defaultSeverity: 'error', help: 'An id is not NNN_ followed by 16 lowercase hex digits (too few digits, no underscore, uppercase or non-hex hash, wrong length). Fix: lowercase it when that makes it valid and unused.' },
  { code: 'SEED005', name: 'Duplicate id in the same file', defaultSeverity: 'error', help: 'An id used earlier in the same file. No automatic fix: one of the two documents needs a new id.' },
  { code: 'SEED006', name: 'Malformed delimiter-like line', defaultSeverity: 'error', help: 'A line that tries to be a delimiter and is not quite one (a wrong number of markers, leading whitespace, tabs, text after the close id), or a git conflict marker. Fix: rewrite it canonically, or delete a conflict marker.' },
  { code: 'SEED007', name: 'Text outside any document', defaultSeverity: 'error', help: 'Text between documents. Fix: wrap it in a new document with a generated id.' },
  { code: 'SEED008', name: 'Document without a headline', defaultSeverity: 'warning', help: 'A document whose body is empty.' },
  { code: 'SEED009', name: 'Malformed attribute', defaultSeverity: 'error', help: 'A key=value on the open line that cannot be read: bad key, no value, an unterminated or misplaced quote, an unknown escape, a duplicate key. Fix where certain: close the quote, remove the duplicate, separate glued text.' },
  { code: 'SEED010', name: 'Unknown status or malformed date', defaultSeverity: 'warning', help: '`status` is not one of approved, rejected, flagged, unreviewed; `date` is not a real YYYY-MM-DD date; or a bundle attribute lists lines the body does not have.' },
  { code: 'SEED011', name: 'Sequence numbers not increasing', defaultSeverity: 'information', help: 'A sequence number not above the previous document\'s, or reused with another hash.' },
  { code: 'SEED012', name: 'Same id in two files of the workspace', defaultSeverity: 'warning', help: 'The same id in another file checked together with this one.' },
  { code: 'SEED013', name: 'Same document text under two ids', defaultSeverity: 'warning', help: 'The same document text under another id, in this file or another one checked with it.' },
  { code: 'SEED014', name: 'Malformed review ledger line', defaultSeverity: 'error', help: 'A git conflict marker or a malformed line in the review ledger seed-review.jsonl; the ledger is not rewritten until it is fixed.' },
  { code: 'SEED015', name: 'Review ledger line without a seed file', defaultSeverity: 'warning', help: 'A review ledger line for an id with no bare seed file in the folder; the line is kept.' },
  { code: 'SEED016', name: 'CR line endings', defaultSeverity: 'error', help: 'Lines that end in a lone CR (carriage return without line feed), which no seed tool reads as a line ending. Fix, when every line ending of the file is a lone CR: convert them to LF.' },
];

const byCode = new Map(rules.map((rule) => [rule.code, rule]));

/** The rule of a code. */
export function ruleOf(code: DiagnosticCode): RuleInfo {
  return byCode.get(code) ?? { code, name: code, defaultSeverity: 'error', help: '' };
}

/** Whether a string is one of the diagnostic codes. */
export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return byCode.has(code as DiagnosticCode);
}
