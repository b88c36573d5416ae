import * as vscode from 'vscode';
import { summarizeDocument } from '../../core/summary';
import { escapeMarkdown, markdownCodeSpan } from '../../core/markdown';
import type { ParseResult } from '../../core/types';
import { documentIndexAt } from '../../core/entities/document-keys';
import { toVsRange } from '../convert';

/** What the id hover can add from the entity index. */
export type EntityCountLookup = (docIndex: number) => number | undefined;

/**
 * The hover on a document id (on its open or close delimiter): headline, review status,
 * paragraph and word counts, and the entity count when the index knows it.
 */
export function idHover(document: vscode.TextDocument, parse: ParseResult, position: vscode.Position, entityCount: EntityCountLookup): vscode.Hover | undefined {
  const i = documentIndexAt(parse, position.line);
  if (i < 0) return undefined;
  const doc = parse.documents[i];
  let range: vscode.Range | undefined;
  if (doc.kind === 'delimited' && position.line === doc.openLine && doc.idRange.start.line === doc.openLine) {
    range = toVsRange(doc.idRange);
  } else if (doc.closeLine !== undefined && position.line === doc.closeLine) {
    // The close id is not kept by the parser: it is the token after the marker.
    const text = document.lineAt(doc.closeLine).text;
    const m = /^(\S+)([ \t]+)(\S+)/.exec(text);
    if (m) range = new vscode.Range(doc.closeLine, m[1].length + m[2].length, doc.closeLine, m[0].length);
  }
  if (!range || range.isEmpty || !range.contains(position)) return undefined;
  const summary = summarizeDocument(doc);
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${escape(summary.headline || '(no headline)')}**\n\n`);
  const counts = [
    `status: **${summary.status}**`,
    `${summary.paragraphCount} paragraph${summary.paragraphCount === 1 ? '' : 's'}`,
    `${summary.wordCount} word${summary.wordCount === 1 ? '' : 's'}`,
  ];
  const entities = entityCount(i);
  if (entities !== undefined) counts.push(`${entities} entit${entities === 1 ? 'y' : 'ies'}`);
  md.appendMarkdown(counts.join(' · '));
  md.appendMarkdown(`\n\n${markdownCodeSpan(doc.id)}${doc.idValid ? '' : ' (malformed id)'}`);
  return new vscode.Hover(md, range);
}

/** Escapes Markdown so headlines and names show as written (outside code spans). */
export const escape = escapeMarkdown;
