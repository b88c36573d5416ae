/**
 * The data model of the seed language service. Everything here is plain data so that a
 * parse result can cross a worker boundary and be cached per document version.
 *
 * Positions follow VS Code: 0-based line, 0-based UTF-16 character offset in that line.
 */

/** A 0-based line and UTF-16 character offset. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open range [start, end). */
export interface Range {
  start: Position;
  end: Position;
}

/** Severities, named as the CLI prints them. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** The stable diagnostic codes of the seed format, SEED001-SEED011 (see docs/seed-format.md). */
export type DiagnosticCode =
  | 'SEED001' | 'SEED002' | 'SEED003' | 'SEED004' | 'SEED005' | 'SEED006'
  | 'SEED007' | 'SEED008' | 'SEED009' | 'SEED010' | 'SEED011'
  /** Workspace-level checks (same id in two files, same text under two ids). */
  | 'SEED012' | 'SEED013'
  /** Review ledger (seed-review.jsonl): a conflict marker or malformed line; a line for an id without a file. */
  | 'SEED014' | 'SEED015'
  /** Lines that end in a lone CR (carriage return without line feed). */
  | 'SEED016';

/** A replacement of the text in `range` by `newText` (insertions have an empty range). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A quick fix computed by the language service: a title and the edits that apply it. */
export interface QuickFix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants (shown first, applied by "fix all"). */
  isPreferred?: boolean;
}

/** A location elsewhere that explains a diagnostic (SEED005 points at the first occurrence). */
export interface RelatedLocation {
  /** Absent: the same file as the diagnostic. */
  uri?: string;
  range: Range;
  message: string;
}

/** One problem found in a seed file. */
export interface SeedDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  range: Range;
  /** One line: what is wrong and what is expected. */
  message: string;
  related?: RelatedLocation[];
  /** Empty when no fix is certain. */
  fixes: QuickFix[];
}

/**
 * One `key=value` on an open delimiter line. Its place is kept as numbers (the open line and
 * UTF-16 offsets in it) rather than as three Range objects: a large corpus has tens of
 * thousands of attributes and hardly any feature asks where one is (see attributeRange).
 */
export interface SeedAttribute {
  key: string;
  /** The value with quotes removed and `\"` / `\\` unescaped. */
  value: string;
  quoted: boolean;
  /** The open delimiter line. */
  line: number;
  /** Where `key=value` starts (the key's first character) and ends. */
  start: number;
  end: number;
  /** Where the key ends (the `=`) and the value starts (its opening quote, if quoted). */
  keyEnd: number;
  valueStart: number;
}

/** The review statuses of the format; an absent `status` means unreviewed. */
export type ReviewStatus = 'unreviewed' | 'approved' | 'rejected' | 'flagged';

/** One non-blank body line (the headline or a paragraph). */
export interface BodyLine {
  line: number;
  /** The line's text without its line ending. */
  text: string;
}

/** One seed document: delimited inside a corpus, or a whole bare seed file. */
export interface SeedDocument {
  kind: 'delimited' | 'bare';
  /** The id as written (may be malformed; see SEED004). */
  id: string;
  /** Whether the id matches `NNN+_` + 16 lowercase hex digits. */
  idValid: boolean;
  /** The sequence number, when the id is well-formed. */
  sequence?: number;
  /** The 16-hex-digit hash, when the id is well-formed. */
  hash?: string;
  /** Where the id is written (the open delimiter's id; for a bare file, line 0 char 0, empty). */
  idRange: Range;
  attributes: readonly SeedAttribute[];
  /** `status` attribute, or 'unreviewed' when absent or unknown. */
  status: ReviewStatus;
  /** Line of the open delimiter; for a bare file, the first line (0). */
  openLine: number;
  /** Line of the close delimiter; undefined when unclosed (SEED001) or bare. */
  closeLine?: number;
  /** First and last line that belong to the document (delimiters included). */
  startLine: number;
  endLine: number;
  /** First body line and last body line (inclusive); bodyEndLine < bodyStartLine when the body is empty. */
  bodyStartLine: number;
  bodyEndLine: number;
  headline?: BodyLine;
  /**
   * The non-blank body lines after the headline. On a parsed document this list is built on
   * first read; code that visits every document should use forEachParagraph / paragraphCount
   * (parsed-document.ts), which build nothing.
   */
  readonly paragraphs: readonly BodyLine[];
}

/** Line ranges of comment runs outside documents (for folding). */
export interface CommentBlock {
  startLine: number;
  endLine: number;
}

/** Everything one parse of a seed file yields; computed once per document version. */
export interface ParseResult {
  /** 'bare' for a bare seed file; 'corpus' otherwise (also for empty files). */
  kind: 'corpus' | 'bare';
  documents: SeedDocument[];
  diagnostics: SeedDiagnostic[];
  comments: CommentBlock[];
  lineCount: number;
  /** The dominant line ending; used when a fix inserts lines. */
  eol: '\n' | '\r\n';
  hasBom: boolean;
}

/** Options for parsing. */
export interface ParseOptions {
  /**
   * The file's base name (e.g. `000_0f5d7b9424756893.txt`). A bare seed file is recognised
   * only when the name matches `NNN_HHHHHHHHHHHHHHHH.txt` and the first non-blank line is not
   * an open delimiter.
   */
  fileName?: string;
}
