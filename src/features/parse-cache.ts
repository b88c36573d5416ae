import * as vscode from 'vscode';
import { parseSeed } from '../core/parser';
import type { ParseResult } from '../core/types';
import { UnchangedEnds } from '../core/unchanged-ends';
import { carryOver } from '../core/document-memo';
import { baseName } from '../core/host/file-system';
import { ParsedDocument } from '../core/parsed-document';
import { ledgerAttributes, statusOfAttributes } from '../core/review/ledger';

/** The language id contributed in package.json. */
export const SEED_LANGUAGE_ID = 'seed';

/** Document selector for every provider: seed files on disk and unsaved ones. */
export const seedSelector: vscode.DocumentSelector = [
  { language: SEED_LANGUAGE_ID, scheme: 'file' },
  { language: SEED_LANGUAGE_ID, scheme: 'untitled' },
  { language: SEED_LANGUAGE_ID, scheme: 'vscode-remote' },
  { language: SEED_LANGUAGE_ID, scheme: 'vscode-vfs' },
];

/** The open documents by uri, kept by `trackOpenDocuments` (undefined while nothing tracks them). */
let openByKey: Map<string, vscode.TextDocument> | undefined;

/**
 * Keeps a map of the open documents so that `openDocument` is one lookup: the index asks it for
 * each of 10,000 files when it compares itself with a listing, and `workspace.textDocuments`
 * builds a new array of every loaded document (VS Code keeps up to 50 that extensions opened)
 * on each call. Call it before anything else listens to documents opening and closing: listeners
 * run in the order they were added, so the later ones see the map already up to date.
 */
export function trackOpenDocuments(): vscode.Disposable {
  const byKey = new Map(vscode.workspace.textDocuments.map((document) => [document.uri.toString(), document]));
  openByKey = byKey;
  const subscriptions = [
    vscode.workspace.onDidOpenTextDocument((document) => byKey.set(document.uri.toString(), document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      const key = document.uri.toString();
      if (byKey.get(key) === document) byKey.delete(key);
    }),
  ];
  return new vscode.Disposable(() => {
    subscriptions.forEach((subscription) => subscription.dispose());
    if (openByKey === byKey) openByKey = undefined;
  });
}

/** The open document of `uri`, if an editor (or an extension) has it open. */
export function openDocument(uri: vscode.Uri | string): vscode.TextDocument | undefined {
  const key = uri.toString();
  if (openByKey) return openByKey.get(key);
  return vscode.workspace.textDocuments.find((document) => document.uri.toString() === key);
}

interface Entry {
  version: number;
  result: ParseResult;
  /** Length of the parsed text. */
  length: number;
  /** The review source's generation when a bare file's review was last applied. */
  reviewGeneration?: number;
}

/** Where a bare seed file's review comes from (its folder's ledger: review/ledger-service.ts). */
export interface BareReviewSource {
  /** Grows whenever any review changed. */
  readonly generation: number;
  recordFor(uri: vscode.Uri, id: string): { attributes: Readonly<Record<string, string>> } | undefined;
}

/** The edits since the cached version of a document, as far as they can be followed. */
interface EditTrack {
  baseVersion: number;
  /** The version the last recorded event produced. */
  version: number;
  ends: UnchangedEnds;
}

/**
 * Parses each open seed document once per version and hands the same result to every
 * feature (symbols, folding, diagnostics, code actions, hover...). Entries are dropped when
 * the document closes, so memory follows what is open.
 */
export class ParseCache implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly edits = new Map<string, EditTrack>();
  private readonly subscriptions: vscode.Disposable[];
  /** Counts real parses; tests and benchmarks read it to prove the sharing. */
  parseCount = 0;
  /** Documents whose per-document values were carried from the previous parse (see document-memo). */
  carriedCount = 0;
  private review: BareReviewSource | undefined;

  /** @param readFile the host's faster way to read a workspace file, when it has one (see SeedReviewHost.readWorkspaceFile). */
  constructor(private readonly readFile?: (uri: vscode.Uri) => Promise<Uint8Array> | undefined) {
    // Registered before any feature's listener (the cache is made first), so the edits of a
    // version are recorded before anything can ask for its parse.
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((event) => this.record(event)),
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.entries.delete(document.uri.toString());
        this.edits.delete(document.uri.toString());
      }),
    ];
  }

  /**
   * Follows the edits made since the cached parse of a document, so the next parse can tell
   * which documents they left alone. Any gap in the versions stops following (nothing carries).
   */
  private record(event: vscode.TextDocumentChangeEvent): void {
    if (event.contentChanges.length === 0) return;
    const key = event.document.uri.toString();
    const entry = this.entries.get(key);
    if (!entry) return;
    let track = this.edits.get(key);
    if (!track || track.baseVersion !== entry.version) {
      track = { baseVersion: entry.version, version: entry.version, ends: new UnchangedEnds(entry.length) };
      this.edits.set(key, track);
    }
    if (event.document.version !== track.version + 1) {
      this.edits.delete(key);
      return;
    }
    track.ends.apply(event.contentChanges.map((change) => ({ rangeOffset: change.rangeOffset, rangeLength: change.rangeLength, insertedLength: change.text.length })));
    track.version = event.document.version;
  }

  /**
   * Makes bare seed files' documents carry the status and attributes of their folder's review
   * ledger, so every feature reading a parse sees a bare file's review as a corpus document's.
   */
  setReviewSource(source: BareReviewSource): void {
    this.review = source;
  }

  /** Sets a bare file's review from the review source on its one document. */
  private applyReview(uri: vscode.Uri, result: ParseResult): void {
    const doc = result.documents[0];
    if (result.kind !== 'bare' || !this.review || !(doc instanceof ParsedDocument)) return;
    const record = this.review.recordFor(uri, doc.id);
    doc.setReview(statusOfAttributes(record?.attributes), ledgerAttributes(record?.attributes ?? {}));
  }

  /** The parse of this exact document version, computed on first use. */
  get(document: vscode.TextDocument): ParseResult {
    const key = document.uri.toString();
    const cached = this.entries.get(key);
    if (cached && cached.version === document.version) {
      if (cached.result.kind === 'bare' && this.review && cached.reviewGeneration !== this.review.generation) {
        this.applyReview(document.uri, cached.result);
        cached.reviewGeneration = this.review.generation;
      }
      return cached.result;
    }
    const text = document.getText();
    const result = parseSeed(text, { fileName: baseName(document.uri.path) });
    this.parseCount++;
    const track = this.edits.get(key);
    if (cached && track && track.baseVersion === cached.version && track.version === document.version && track.ends.length === text.length) {
      this.carriedCount += carryOver(cached.result, result, track.ends);
    }
    this.edits.delete(key);
    this.applyReview(document.uri, result);
    this.entries.set(key, { version: document.version, result, length: text.length, reviewGeneration: this.review?.generation });
    return result;
  }

  /**
   * The parse of a seed file as the reviewer sees it: the editor's text when it is open (shared
   * with every feature), else the file on disk. Throws when the file cannot be read or is not
   * valid UTF-8: guessing an encoding would corrupt offsets.
   */
  async parseFile(uri: vscode.Uri): Promise<ParseResult> {
    const open = openDocument(uri);
    if (open) return this.get(open);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await (this.readFile?.(uri) ?? vscode.workspace.fs.readFile(uri)));
    const result = parseSeed(text, { fileName: baseName(uri.path) });
    this.applyReview(uri, result);
    return result;
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.entries.clear();
    this.edits.clear();
  }
}
