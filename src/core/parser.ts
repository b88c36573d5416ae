/**
 * The seed parser: one pass over the lines of a corpus (or a bare seed file) that yields the
 * documents, every SEED001-SEED011 diagnostic with its quick fixes, and the comment blocks.
 *
 * Speed matters (20-50 MB corpora): lines are found with indexOf('\n'), classified by their
 * first character, and a paragraph costs three integers in the parse's BodyLineTable (a headline
 * one BodyLine object). Only lines that start with a marker character (or whitespace) are looked
 * at more closely.
 */
import type {
  CommentBlock, ParseOptions, ParseResult, SeedDiagnostic, SeedDocument,
} from './types';
import { BodyLineTable } from './body-lines';
import { ParsedDocument } from './parsed-document';
import { canonicalDelimiterAt, classifyDelimiter, mayStartDelimiter, type DelimiterLine } from './delimiters';
import {
  compareSequenceKeys, describeIdProblem, formatSequence, generateSeedId, isBareSeedFileName, isValidSeedId, nextSequence, parseSeedId,
  sequenceKeyOf, type SequenceKey,
} from './ids';
import { attributeRange, validateAttributesIn } from './attributes';
import { bundleAttributeProblems, bundleKeyEndsAt } from './review/bundle-format';
import { messages } from './messages';
import { deleteLineEdit, fix, insertLineAfterEdit, insertLineBeforeEdit, replaceEdit } from './fixes';
import { lineRange } from './text-edits';
import { isBlankSpan, scanLines, stripBom } from './scanner';

export { isBareSeedFileName } from './ids';

const HASH = 35;
const GT = 62;
const SPACE = 32;
const TAB = 9;

/** A document being read (open delimiter seen, close not yet). */
interface OpenState {
  doc: ParsedDocument;
  openLength: number;
  delim: DelimiterLine;
  /** The SEED006 diagnostic of an open line without id, which gets its fix at the close. */
  missingIdDiag?: SeedDiagnostic;
  /**
   * Where a fix that renames the document writes the new id at the document's end: the close
   * id when the close line is `>>> id` with the open id, the whole close line otherwise (no id,
   * another id, a malformed marker), or an insertion where SEED001 inserts the close. Every
   * fix that writes an id there overlaps this edit, so Fix All never applies two of them.
   */
  closeTarget?: { line: number; start: number; end: number; kind: 'id' | 'line' | 'insert'; eol?: string };
  /** The open line carries bundle attributes, checked at the close against the body's line count. */
  bundleAttributes: boolean;
}

/** A run of text outside documents (SEED007), possibly ended by a stray close (SEED002). */
interface OrphanRun {
  start: number;
  end: number;
  endLen: number;
  startOffset: number;
  endOffset: number;
  strayClose?: { line: number; lineLen: number; id: string; diag: SeedDiagnostic; isLast: boolean };
}

/**
 * First document of each id, keyed by sequence key when the id is well-formed (fast Smi
 * keys for the usual short numbers, no extra objects: the documents themselves are the entries).
 */
class IdTable {
  private readonly bySequence = new Map<SequenceKey, SeedDocument>();
  private readonly byText = new Map<string, SeedDocument>();

  get(id: string, sequence: SequenceKey | undefined): SeedDocument | undefined {
    if (sequence !== undefined) {
      const e = this.bySequence.get(sequence);
      if (e !== undefined && e.id === id) return e;
    }
    return this.byText.size ? this.byText.get(id) : undefined;
  }

  has(id: string): boolean {
    return this.get(id, isValidSeedId(id) ? sequenceKeyOf(id) : undefined) !== undefined;
  }

  firstWithSequence(sequence: SequenceKey): SeedDocument | undefined {
    return this.bySequence.get(sequence);
  }

  /**
   * Adds the first document of an id. `sameSequence`: what firstWithSequence gave for its
   * sequence (the caller has it already: one map lookup per document, not three).
   */
  add(doc: SeedDocument, sequence: SequenceKey | undefined, sameSequence: SeedDocument | undefined): void {
    if (sequence !== undefined && sameSequence === undefined) this.bySequence.set(sequence, doc);
    else this.byText.set(doc.id, doc);
  }

  /** get() for a caller that has looked up firstWithSequence(sequence) already. */
  getWith(id: string, sameSequence: SeedDocument | undefined): SeedDocument | undefined {
    if (sameSequence !== undefined && sameSequence.id === id) return sameSequence;
    return this.byText.size ? this.byText.get(id) : undefined;
  }
}

class CorpusParser {
  private readonly documents: SeedDocument[] = [];
  private readonly diagnostics: SeedDiagnostic[] = [];
  private readonly comments: CommentBlock[] = [];
  private readonly ids = new IdTable();
  /**
   * Ids that close lines could give to a document by a fix (a stray close's "insert the open",
   * an id-less open taking its close id). A fix may claim an id only when nothing else uses or
   * claims it, so that applying one fix never turns another line into an error.
   */
  private readonly claims = new Map<string, number>();
  private readonly orphanRuns: OrphanRun[] = [];
  private readonly deferred: Array<() => void> = [];
  private cur: OpenState | undefined;
  private run: OrphanRun | undefined;
  /** Sequence keys of the previous well-formed id and the largest one (none yet: undefined). */
  private lastSequence: SequenceKey | undefined;
  private maxSequence: SequenceKey | undefined;
  private isLastLine = false;
  /** End offset (line ending excluded) of the line being read. */
  private lineEnd = 0;
  private readonly body: BodyLineTable;
  eol: '\n' | '\r\n' = '\n';

  constructor(private readonly text: string) {
    // About one paragraph per 250 characters of news text: most corpora never grow the table.
    this.body = new BodyLineTable(text, Math.max(64, text.length / 250) | 0);
  }

  parse(hasBom: boolean): ParseResult {
    const text = this.text;
    let pos = 0;
    let line = 0;
    let crlf = 0;
    let lf = 0;
    // Prefer the file's first line ending for fixes computed during the scan.
    const firstNl = text.indexOf('\n');
    if (firstNl > 0 && text.charCodeAt(firstNl - 1) === 13) this.eol = '\r\n';
    for (;;) {
      const nl = text.indexOf('\n', pos);
      let end: number;
      if (nl < 0) {
        end = text.length;
        if (end > pos && text.charCodeAt(end - 1) === 13) end--;
        this.isLastLine = true;
      } else {
        end = nl;
        if (end > pos && text.charCodeAt(end - 1) === 13) {
          end--;
          crlf++;
        } else {
          lf++;
        }
      }
      this.line(line, pos, end);
      if (nl < 0) break;
      pos = nl + 1;
      line++;
    }
    const lineCount = line + 1;
    if (this.cur) this.endUnclosed();
    this.endRun();
    this.eol = crlf > lf ? '\r\n' : '\n';
    this.resolveOrphans();
    for (const task of this.deferred) task();
    const cr = loneCrDiagnostic(text);
    if (cr) {
      // In a file whose every line ends in a lone CR, everything else is an artefact of reading it as one line.
      if (cr.fixes.length > 0) this.diagnostics.length = 0;
      this.diagnostics.push(cr);
    }
    this.diagnostics.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
    return {
      kind: 'corpus', documents: this.documents, diagnostics: this.diagnostics, comments: this.comments,
      lineCount, eol: this.eol, hasBom,
    };
  }

  private line(line: number, start: number, end: number): void {
    const text = this.text;
    if (start === end) return;
    this.lineEnd = end;
    const c = text.charCodeAt(start);
    if (c === GT && this.cur !== undefined && this.isPlainClose(start, end, this.cur.doc.id)) {
      this.closeDocument(this.cur, line);
      return;
    }
    if (mayStartDelimiter(c)) {
      const canonical = canonicalDelimiterAt(text, start, end);
      const d = canonical ?? classifyDelimiter(text.slice(start, end));
      if (d) {
        if (d.kind === 'open') this.open(line, start, end, d, canonical !== undefined);
        else if (d.kind === 'conflict') this.conflictMarker(line, end - start);
        else if (d.id !== '' || this.cur === undefined || !this.closeFollows(end, this.cur.doc.id)) this.close(line, end - start, d);
        else {
          // A close attempt without id (`>>`, an empty e-mail quote line) while the document's
          // own close comes later: body text, with one diagnostic.
          this.closeLikeText(line, start, d);
          const doc = this.cur.doc;
          if (doc.headline === undefined) doc.headline = { line, text: text.slice(start, end) };
          else doc.addParagraph(line, start, end);
        }
        return;
      }
      if ((c === SPACE || c === TAB) && isBlankSpan(text, start, end)) return;
    }
    const cur = this.cur;
    if (cur) {
      const doc = cur.doc;
      if (doc.headline === undefined) doc.headline = { line, text: text.slice(start, end) };
      else doc.addParagraph(line, start, end);
      return;
    }
    if (c === HASH) {
      this.endRun();
      this.addComment(line);
      return;
    }
    if ((c === SPACE || c === TAB) && isBlankSpan(text, start, end)) return;
    if (this.run) {
      this.run.end = line;
      this.run.endLen = end - start;
      this.run.endOffset = end;
    } else {
      this.run = { start: line, end: line, endLen: end - start, startOffset: start, endOffset: end };
    }
  }

  private addComment(line: number): void {
    const last = this.comments[this.comments.length - 1];
    if (last && last.endLine === line - 1) last.endLine = line;
    else this.comments.push({ startLine: line, endLine: line });
  }

  private endRun(): void {
    if (this.run) this.orphanRuns.push(this.run);
    this.run = undefined;
  }

  private claim(id: string): void {
    this.claims.set(id, (this.claims.get(id) ?? 0) + 1);
  }

  /** Whether a fix may introduce `id`: well-formed, unused, and claimed at most by `claimers` lines. */
  private canTake(id: string, claimers: number): boolean {
    return isValidSeedId(id) && !this.ids.has(id) && (this.claims.get(id) ?? 0) <= claimers;
  }

  /**
   * The line break for a line inserted after a line whose text ends with character `last`. After
   * a lone CR (part of that line's text, SEED016), a plain LF would join it into a CRLF and take
   * the CR out of the line (a `»\r` line would become a `»` close attempt): CRLF keeps it.
   */
  private eolAfter(last: number): string {
    return last === 13 ? '\r\n' : this.eol;
  }

  private push(d: SeedDiagnostic): SeedDiagnostic {
    this.diagnostics.push(d);
    return d;
  }

  /** `canonical`: the line is `<<< id` with a well-formed id (canonicalDelimiterAt checked it). */
  private open(line: number, start: number, end: number, d: DelimiterLine, canonical: boolean): void {
    const lineLength = end - start;
    if (this.cur) this.endUnclosed();
    this.endRun();
    const id = d.id;
    const state: OpenState = {
      doc: undefined as unknown as ParsedDocument, openLength: lineLength, delim: d,
      bundleAttributes: d.restStart < lineLength && this.mentionsBundleKey(start + d.restStart - 1, end),
    };
    if (d.problems.length) {
      const diag = this.push({
        code: 'SEED006', severity: 'error', range: lineRange(line, d.problemStart, d.problemEnd),
        message: messages.malformedDelimiter('open', d.problems), fixes: [],
      });
      // With invisible characters the rewrite runs to the attributes, so none is left in the separator.
      if (id && d.invisible) diag.fixes.push(fix(`Rewrite as '<<< ${id}'`, [replaceEdit(line, 0, d.restStart, `<<< ${id}${d.restStart < lineLength ? ' ' : ''}`)]));
      else if (id) diag.fixes.push(fix(`Rewrite as '<<< ${id}'`, [replaceEdit(line, 0, d.idEnd, `<<< ${id}`)]));
      else state.missingIdDiag = diag;
    }
    const valid = canonical || isValidSeedId(id);
    const sequence = valid ? sequenceKeyOf(id) : undefined;
    const status = validateAttributesIn(this.text, start + d.restStart, end, start, line, this.diagnostics);
    const doc = new ParsedDocument(
      this.body, 'delimited', id, valid, sequence === undefined ? undefined : Number(sequence), d.idStart, d.idEnd, status, line, start, start + d.restStart, end,
    );
    if (id && !valid) {
      const diag = this.push({
        code: 'SEED004', severity: 'error', range: doc.idRange, message: messages.malformedId(id, describeIdProblem(id)), fixes: [],
      });
      this.deferred.push(() => {
        const lower = id.toLowerCase();
        if (!this.canTake(lower, 0)) return;
        const edits = [replaceEdit(line, d.idStart, d.idEnd, lower)];
        const t = state.closeTarget;
        if (t) edits.push(replaceEdit(t.line, t.start, t.end, t.kind === 'id' ? lower : t.kind === 'line' ? `>>> ${lower}` : `${t.eol ?? this.eol}>>> ${lower}`));
        diag.fixes.push(fix(`Change the id to '${lower}'`, edits));
      });
    }
    if (id) {
      const sameSequence = sequence === undefined ? undefined : this.ids.firstWithSequence(sequence);
      const first = this.ids.getWith(id, sameSequence);
      if (first) {
        this.push({
          code: 'SEED005', severity: 'error', range: doc.idRange, message: messages.duplicateId(id),
          related: [{ range: first.idRange, message: `first use of '${id}'` }], fixes: [],
        });
      } else {
        if (sequence !== undefined) this.checkSequence(doc, sequence, sameSequence);
        this.ids.add(doc, sequence, sameSequence);
      }
    }
    state.doc = doc;
    this.documents.push(doc);
    this.cur = state;
  }

  /** SEED011 for `doc`, whose sequence key is `seq`; `same`: the first document with that key. */
  private checkSequence(doc: SeedDocument, seq: SequenceKey, same: SeedDocument | undefined): void {
    const otherHash = same !== undefined && same.hash !== doc.hash;
    const last = this.lastSequence;
    if (otherHash || (last !== undefined && compareSequenceKeys(seq, last) <= 0)) {
      const seqText = doc.id.slice(0, doc.id.length - 17);
      const at = doc.idRange.start;
      const range = lineRange(at.line, at.character, at.character + seqText.length);
      this.push(otherHash
        ? {
          code: 'SEED011', severity: 'information', range, message: messages.sequenceOtherHash(seqText),
          related: [{ range: same.idRange, message: `sequence number ${seqText} first used here` }], fixes: [],
        }
        : {
          code: 'SEED011', severity: 'information', range,
          message: messages.sequenceNotIncreasing(seqText, formatSequence(last!)), fixes: [],
        });
    }
    this.lastSequence = seq;
    if (this.maxSequence === undefined || compareSequenceKeys(seq, this.maxSequence) > 0) this.maxSequence = seq;
  }

  /** Ends a document whose close delimiter never came (SEED001): at the next open or the end. */
  private endUnclosed(): void {
    const cur = this.cur!;
    this.cur = undefined;
    const doc = cur.doc;
    // A trailing run of '#' lines right before the next open reads as that document's
    // comment, so the document (and the fix's close line) ends before it.
    // (Only when a line without '#' comes before them: an all-'#' body stays the body.)
    const count = doc.paragraphCount;
    let keep = count;
    while (keep > 0 && doc.paragraphFirstCharCode(keep - 1) === HASH) keep--;
    if (keep === 0 && doc.headline !== undefined && doc.headline.text.charCodeAt(0) === HASH) keep = count;
    for (let i = keep; i < count; i++) this.addComment(doc.paragraphLine(i));
    doc.truncateParagraphs(keep);
    const cut = keep > 0 ? doc.paragraphLine(keep - 1) : doc.headline ? doc.headline.line : doc.openLine;
    const cutLen = keep > 0 ? doc.paragraphLength(keep - 1) : doc.headline ? doc.headline.text.length : cur.openLength;
    doc.endLine = cut;
    doc.bodyEndLine = cut;
    const d = cur.delim;
    const diag = this.push({
      code: 'SEED001', severity: 'error', range: lineRange(doc.openLine, d.markerStart, Math.max(d.idEnd, d.markerEnd)),
      message: messages.unclosed(doc.id),
      related: [{
        range: lineRange(cut, cutLen, cutLen),
        message: `the document ends here; '>>> ${doc.id || 'id'}' is expected after this line`,
      }],
      fixes: [],
    });
    const last = keep > 0 ? doc.paragraphLastCharCode(keep - 1)
      : doc.headline ? doc.headline.text.charCodeAt(doc.headline.text.length - 1) : this.text.charCodeAt(doc.startOffset + cur.openLength - 1);
    const eol = this.eolAfter(last);
    if (doc.id) diag.fixes.push(fix(`Insert '>>> ${doc.id}'`, [insertLineAfterEdit(cut, cutLen, `>>> ${doc.id}`, eol)]));
    cur.closeTarget = { line: cut, start: cutLen, end: cutLen, kind: 'insert', eol };
  }

  private close(line: number, lineLength: number, d: DelimiterLine): void {
    const cur = this.cur;
    let malformed: SeedDiagnostic | undefined;
    if (d.problems.length) {
      malformed = this.push({
        code: 'SEED006', severity: 'error', range: lineRange(line, d.problemStart, d.problemEnd),
        message: messages.malformedDelimiter('close', d.problems), fixes: [],
      });
      const id = d.id || (cur ? cur.doc.id : '');
      if (id) malformed.fixes.push(fix(`Rewrite as '>>> ${id}'`, [replaceEdit(line, 0, lineLength, `>>> ${id}`)]));
    }
    if (!cur) {
      this.strayClose(line, lineLength, d);
      return;
    }
    this.cur = undefined;
    const doc = cur.doc;
    if (d.id && doc.id && d.id !== doc.id) {
      // On a malformed close line the fix writes the whole line: replacing the id alone could
      // leave a wrong marker, or turn a `>>>>>>>` run into a git conflict marker.
      const edit = d.problems.length ? replaceEdit(line, 0, lineLength, `>>> ${doc.id}`) : replaceEdit(line, d.idStart, d.idEnd, doc.id);
      this.push({
        code: 'SEED003', severity: 'error', range: lineRange(line, d.idStart, d.idEnd),
        message: messages.closeMismatch(d.id, doc.id), related: [{ range: doc.idRange, message: `open delimiter of '${doc.id}'` }],
        fixes: [fix(`Use the open id '${doc.id}'`, [edit])],
      });
    }
    if (!doc.id && d.id && cur.missingIdDiag) {
      const diag = cur.missingIdDiag;
      const od = cur.delim;
      const closeId = d.id;
      const openLine = doc.openLine;
      const tail = od.restStart < cur.openLength ? ' ' : '';
      this.claim(closeId);
      this.deferred.push(() => {
        if (!this.canTake(closeId, 1)) return;
        diag.fixes.push(fix(`Rewrite as '<<< ${closeId}' (the close id)`, [replaceEdit(openLine, 0, od.restStart, `<<< ${closeId}${tail}`)]));
      });
    }
    cur.closeTarget = d.id === doc.id && d.problems.length === 0
      ? { line, start: d.idStart, end: d.idEnd, kind: 'id' }
      : { line, start: 0, end: lineLength, kind: 'line' };
    this.closeDocument(cur, line);
  }

  /**
   * The first '=' at or after the last place searched (text.length: none). Open lines come in
   * order, so the '=' search never goes over a character twice, however far the next '=' is.
   */
  private nextEquals = -1;

  /**
   * Whether characters [start, end) (an open line's attributes, from the space before them) hold
   * a bundle key: as mentionsBundleKey, but looking only at the '=' characters, found by indexOf.
   */
  private mentionsBundleKey(start: number, end: number): boolean {
    const text = this.text;
    const find = (from: number) => {
      const i = text.indexOf('=', from);
      return i < 0 ? text.length : i;
    };
    let eq = this.nextEquals > start ? this.nextEquals : find(start + 1);
    while (eq < end && !bundleKeyEndsAt(text, eq, start)) eq = find(eq + 1);
    this.nextEquals = eq;
    return eq < end;
  }

  /** Where the last lookahead of closeFollows started and the delimiter line it found. */
  private lookFrom = -1;
  private lookUntil = -1;
  private lookCloseId: string | undefined;

  /**
   * Whether the next delimiter line after offset `from` (id-less close attempts and conflict
   * markers skipped) is a close line with `id`. Remembered for the lines before the one found,
   * so a body of many `>>` lines is read in linear time.
   */
  private closeFollows(from: number, id: string): boolean {
    if (!(from >= this.lookFrom && from < this.lookUntil)) {
      const text = this.text;
      this.lookFrom = from;
      this.lookCloseId = undefined;
      let pos = text.indexOf('\n', from);
      pos = pos < 0 ? text.length : pos + 1;
      while (pos < text.length) {
        const nl = text.indexOf('\n', pos);
        let end = nl < 0 ? text.length : nl;
        if (end > pos && text.charCodeAt(end - 1) === 13) end--;
        if (end > pos && mayStartDelimiter(text.charCodeAt(pos))) {
          const d = canonicalDelimiterAt(text, pos, end) ?? classifyDelimiter(text.slice(pos, end));
          if (d && (d.kind === 'open' || d.id !== '')) {
            if (d.kind === 'close') this.lookCloseId = d.id;
            break;
          }
        }
        pos = nl < 0 ? text.length : nl + 1;
      }
      this.lookUntil = pos;
    }
    return this.lookCloseId === id;
  }

  /** SEED006 for a close attempt without id read as body text (its document's close follows). */
  private closeLikeText(line: number, start: number, d: DelimiterLine): void {
    const id = this.cur!.doc.id;
    const written = this.text.slice(start + d.markerStart, start + d.markerEnd);
    const diag = this.push({
      code: 'SEED006', severity: 'error', range: lineRange(line, d.markerStart, d.markerEnd),
      message: messages.closeLikeText(written, id), fixes: [],
    });
    // `>>` as `> >` stays a quote line and is no longer a marker run; look-alikes have no such spelling.
    if (/^>+$/.test(written)) diag.fixes.push(fix(`Write it as '${written.split('').join(' ')}' (text)`, [replaceEdit(line, d.markerStart, d.markerEnd, written.split('').join(' '))]));
  }

  /** Whether characters [start, end) are exactly `>>> id` (trailing whitespace aside). */
  private isPlainClose(start: number, end: number, id: string): boolean {
    const text = this.text;
    const idEnd = start + 4 + id.length;
    if (id.length === 0 || idEnd > end || text.charCodeAt(start + 1) !== GT || text.charCodeAt(start + 2) !== GT ||
        text.charCodeAt(start + 3) !== SPACE || !text.startsWith(id, start + 4)) return false;
    for (let i = idEnd; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c !== SPACE && c !== TAB) return false;
    }
    return true;
  }

  /** Ends the open document at its close line `line`. */
  private closeDocument(cur: OpenState, line: number): void {
    this.cur = undefined;
    const doc = cur.doc;
    // Only a malformed id's lowercase fix needs to know where the close id is (`>>> id` here).
    if (cur.closeTarget === undefined && doc.id && !doc.idValid) cur.closeTarget = { line, start: 4, end: 4 + doc.id.length, kind: 'id' };
    doc.closeLine = line;
    doc.endLine = line;
    doc.bodyEndLine = line - 1;
    doc.setEndOffset(this.lineEnd);
    if (cur.bundleAttributes) this.checkBundleAttributes(doc, line - doc.openLine - 1);
    if (!doc.headline) {
      const od = cur.delim;
      this.push({
        code: 'SEED008', severity: 'warning', range: lineRange(doc.openLine, od.markerStart, Math.max(od.idEnd, od.markerEnd)),
        message: messages.emptyDocument(doc.id), fixes: [],
      });
    }
  }

  /** SEED010 for bundle attributes that split could not honour (a line list beyond the body, say). */
  private checkBundleAttributes(doc: SeedDocument, bodyLineCount: number): void {
    const first = (key: string) => doc.attributes.find((a) => a.key === key);
    for (const problem of bundleAttributeProblems((key) => first(key)?.value, bodyLineCount)) {
      const attribute = first(problem.key)!;
      this.push({
        code: 'SEED010', severity: 'warning', range: attributeRange(attribute, 'value'), message: messages.badBundleAttribute(problem.message), fixes: [],
      });
    }
  }

  private strayClose(line: number, lineLength: number, d: DelimiterLine): void {
    const diag = this.push({
      code: 'SEED002', severity: 'error', range: lineRange(line, d.markerStart, Math.max(d.idEnd, d.markerEnd)),
      message: messages.strayClose(d.id), fixes: [],
    });
    const stray = { line, lineLen: lineLength, id: d.id, diag, isLast: this.isLastLine };
    if (d.id) this.claim(d.id);
    const run = this.run;
    this.run = undefined;
    if (run) {
      run.strayClose = stray;
      this.orphanRuns.push(run);
    } else {
      diag.fixes.push(fix('Delete the close line', [deleteLineEdit(line, lineLength, this.isLastLine)]));
    }
  }

  private conflictMarker(line: number, lineLength: number): void {
    this.push({
      code: 'SEED006', severity: 'error', range: lineRange(line, 0, lineLength), message: messages.conflictMarker(),
      fixes: [fix('Delete the conflict marker line', [deleteLineEdit(line, lineLength, this.isLastLine)])],
    });
  }

  /**
   * Text outside documents: when a stray close follows it and its id can open a document,
   * the text is that document's body with a lost open line (one SEED002, fix: insert the
   * open); otherwise it is reported once per run (SEED007, fix: wrap in a new document).
   */
  private resolveOrphans(): void {
    // Generated ids count up from the largest sequence number in digits (exact at any length).
    let next: SequenceKey = this.maxSequence === undefined ? 0 : nextSequence(this.maxSequence);
    const generated = new Set<string>();
    for (const run of this.orphanRuns) {
      const stray = run.strayClose;
      if (stray && this.canTake(stray.id, 1)) {
        stray.diag.related = [{ range: lineRange(run.start, 0, 0), message: 'the text above this close line has no open delimiter' }];
        stray.diag.fixes.push(fix(`Insert '<<< ${stray.id}' before the text`, [insertLineBeforeEdit(run.start, `<<< ${stray.id}`, this.eol)]));
        continue;
      }
      const body = this.text.slice(run.startOffset, run.endOffset);
      const newId = generateSeedId(next, body, { has: (x) => this.ids.has(x) || this.claims.has(x) || generated.has(x) });
      generated.add(newId);
      next = nextSequence(sequenceKeyOf(newId));
      this.push({
        code: 'SEED007', severity: 'error', range: { start: { line: run.start, character: 0 }, end: { line: run.end, character: run.endLen } },
        message: messages.textOutside(),
        fixes: [fix(`Wrap in a new document '${newId}'`, [
          insertLineBeforeEdit(run.start, `<<< ${newId}`, this.eol),
          insertLineAfterEdit(run.end, run.endLen, `>>> ${newId}`, this.eolAfter(this.text.charCodeAt(run.endOffset - 1))),
        ])],
      });
      if (stray) stray.diag.fixes.push(fix('Delete the close line', [deleteLineEdit(stray.line, stray.lineLen, stray.isLast)]));
    }
  }
}

/**
 * SEED016 for the first lone CR (a CR neither before LF nor at the very end of the text, which
 * the line scan reads as line endings): no seed tool ends a line there, so the lines around it
 * run together. Only in a text without any LF (an old Mac file) is converting every CR to LF
 * certain: then it is the fix, and the caller drops every other diagnostic, which describes the
 * text read as one line. One pass over the text.
 */
function loneCrDiagnostic(text: string): SeedDiagnostic | undefined {
  let cr = text.indexOf('\r');
  while (cr >= 0 && (text.charCodeAt(cr + 1) === 10 || cr === text.length - 1)) cr = text.indexOf('\r', cr + 1);
  if (cr < 0) return undefined;
  let line = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < cr; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const noLf = line === 0 && text.indexOf('\n', cr) < 0;
  const diag: SeedDiagnostic = {
    code: 'SEED016', severity: 'error', range: lineRange(line, cr - lineStart, cr - lineStart + 1), message: messages.loneCr(noLf), fixes: [],
  };
  if (noLf) {
    // The one line's content: a CR at the very end is its line ending, out of reach of an edit (and read as one).
    const end = text.charCodeAt(text.length - 1) === 13 ? text.length - 1 : text.length;
    diag.fixes.push(fix('Convert the CR line endings to LF', [replaceEdit(0, 0, end, text.slice(0, end).replace(/\r/g, '\n'))]));
  }
  return diag;
}

/** Whether the first non-blank line of `text` is an open delimiter (canonical or malformed). */
function firstNonBlankIsOpen(text: string): boolean {
  let pos = 0;
  for (;;) {
    const nl = text.indexOf('\n', pos);
    let end = nl < 0 ? text.length : nl;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    if (!isBlankSpan(text, pos, end)) return classifyDelimiter(text.slice(pos, end))?.kind === 'open';
    if (nl < 0) return false;
    pos = nl + 1;
  }
}

function parseBare(text: string, id: string, hasBom: boolean): ParseResult {
  const parsed = parseSeedId(id);
  const body = new BodyLineTable(text, 16);
  const doc = new ParsedDocument(body, 'bare', id, parsed !== undefined, parsed?.sequence, 0, 0, 'unreviewed', 0, 0, 0, 0);
  const { lineCount, crlf, lf } = scanLines(text, (line, start, end) => {
    if (isBlankSpan(text, start, end)) return;
    if (doc.headline === undefined) doc.headline = { line, text: text.slice(start, end) };
    else doc.addParagraph(line, start, end);
  });
  const line = lineCount - 1;
  doc.endLine = line;
  doc.bodyEndLine = line;
  doc.setEndOffset(text.length);
  const diagnostics: SeedDiagnostic[] = [];
  const cr = loneCrDiagnostic(text);
  if (cr) diagnostics.push(cr);
  // As in a corpus: a file without LF is read as one line, so nothing else is worth saying about it.
  if (!doc.headline && !cr?.fixes.length) {
    diagnostics.push({ code: 'SEED008', severity: 'warning', range: lineRange(0, 0, 0), message: messages.emptyDocument(id), fixes: [] });
  }
  return {
    kind: 'bare', documents: [doc], diagnostics, comments: [], lineCount,
    eol: crlf > lf ? '\r\n' : '\n', hasBom,
  };
}

/**
 * Parses a seed corpus, or a bare seed file when `options.fileName` is a bare seed file name
 * and the first non-blank line is not an open delimiter. A leading BOM is dropped (hasBom is
 * set) and every position refers to the text without it. Pure: the result is plain data.
 */
export function parseSeed(text: string, options: ParseOptions = {}): ParseResult {
  shapeKeeper ??= keepShapes();
  const { text: body, hasBom } = stripBom(text);
  if (options.fileName && isBareSeedFileName(options.fileName) && !firstNonBlankIsOpen(body)) {
    const slash = Math.max(options.fileName.lastIndexOf('/'), options.fileName.lastIndexOf('\\'));
    return parseBare(body, options.fileName.slice(slash + 1, -4), hasBom);
  }
  return new CorpusParser(body).parse(hasBom);
}


/**
 * Keeps the object shapes of a parse alive for the life of the module. V8's optimised code for
 * the parser is specialised on the shapes (maps) of its objects: the parser itself, its id and
 * line tables, the documents, the open-document state. A class instance reaches its final shape
 * through a chain of transitions that V8 holds weakly, and every object of these shapes died with
 * its parse; so after each full garbage collection the optimised code was thrown away ("weak
 * objects" deoptimisation) and the next parse ran unoptimised while it was compiled again (see
 * docs/benchmarks.md for what it cost). One small parse, kept here, holds one object of each
 * shape. Its sample touches the common paths: comment, attributes, paragraphs, a close, a close
 * with another id. Set by the first parseSeed (a variable that a function reads stays alive;
 * one written only at module load would not).
 */
let shapeKeeper: readonly unknown[] | undefined;

function keepShapes(): readonly unknown[] {
  const sample = '# c\n<<< 001_0123456789abcdef status=approved note="n"\nHeadline\nParagraph\n>>> 001_0123456789abcdef\n'
    + '<<< 002_0123456789abcdef\nHeadline\n\nParagraph\n>>> 003_0123456789abcdef\n';
  const parser = new CorpusParser(sample);
  return [parser, parser.parse(false)];
}
