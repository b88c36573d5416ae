import * as vscode from 'vscode';
import type { EntityType, ResolvedMention } from '../../core/entities/types';
import type { ParseCache } from '../parse-cache';
import { seedSelector } from '../parse-cache';
import type { WorkspaceSeedIndex } from '../workspace-index';
import { documentKeys } from '../../core/entities/document-keys';
import type { EntityService, MentionLookup } from './entity-service';
import { escape, idHover } from './id-hover';
import { OPEN_MENTION_COMMAND, openMentionUri } from './open-mention';
import { plural } from '../../core/wording';

const TYPE_LABEL: Record<EntityType, string> = { person: 'person', place: 'place', organization: 'organization' };
const TYPE_ICON: Record<EntityType, string> = { person: '$(person)', place: '$(location)', organization: '$(organization)' };
/** How many documents and co-mentioned entities a hover lists. */
const MAX_DOCUMENTS = 8;
const MAX_COMENTIONED = 5;

/**
 * Hover on a mention (the entity, its counts, the documents that mention it, the entities most
 * often mentioned with it) and on a document id (headline, status, counts).
 */
export function registerEntityHover(service: EntityService, parseCache: ParseCache, workspaceIndex: WorkspaceSeedIndex): vscode.Disposable {
  return vscode.languages.registerHoverProvider(seedSelector, {
    provideHover(document, position, token) {
      // First: the build gives the cores to this request's round trip (a bounded pause).
      service.noteInteraction();
      const parse = parseCache.get(document);
      const onId = idHover(document, parse, position, (i) => service.entityCountOf(document.uri, documentKeys(parse)[i]));
      if (onId || token.isCancellationRequested) return onId;
      const found = service.lookup(document, position, token);
      if (!found || token.isCancellationRequested) return undefined;
      return mentionHover(found, service, workspaceIndex, token);
    },
  });
}

/** Builds the hover of a resolved mention. Exported for the benchmark and tests. */
export function mentionHover(found: MentionLookup, service: EntityService, workspaceIndex: WorkspaceSeedIndex, token?: vscode.CancellationToken): vscode.Hover | undefined {
  const { entity, mention } = found;
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [OPEN_MENTION_COMMAND] };
  md.appendMarkdown(`${TYPE_ICON[entity.type]} **${escape(entity.canonical)}** — ${TYPE_LABEL[entity.type]}\n\n`);
  const aliases = entity.surfaces.filter((s) => s !== entity.canonical);
  if (aliases.length > 0) md.appendMarkdown(`Also written: ${aliases.slice(0, 8).map((s) => `*${escape(s)}*`).join(', ')}${aliases.length > 8 ? ', …' : ''}\n\n`);
  md.appendMarkdown(found.mode === 'line'
    ? `In this paragraph: ${plural(found.inDocument.length, 'mention')}\n\n`
    : `In this document: ${plural(found.inDocument.length, 'mention')}\n\n`);
  if (found.mode !== 'corpus') {
    // A workspace file answered alone means its index is not built yet (first build, or a file just added).
    md.appendMarkdown(workspaceIndex.get(found.uri)
      ? `*corpus index: building ${service.building ? service.percent : 0}%* — counts are for this ${found.mode === 'line' ? 'paragraph' : 'document'} only`
      : `*not part of the workspace corpus* — counts are for this ${found.mode === 'line' ? 'paragraph' : 'document'} only`);
    return new vscode.Hover(md, rangeOf(mention));
  }
  md.appendMarkdown(`In the corpus: ${plural(entity.mentionCount, 'mention')} in ${plural(entity.documentCount, 'document')}\n\n`);
  if (token?.isCancellationRequested) return undefined;
  const facts = service.index.entityFacts(entity.key, MAX_DOCUMENTS, MAX_COMENTIONED);
  const lines: string[] = [];
  for (const d of facts.documents) {
    const docId = d.docId.replace(/#\d+$/, '');
    const headline = workspaceIndex.get(vscode.Uri.parse(d.uri))?.documents.find((s) => s.id === docId)?.headline;
    const here = d.uri === found.uri.toString() && d.docId === found.docKey ? ' (this document)' : '';
    lines.push(`- [${escape(docId)}](${openMentionUri(d.uri, d.first.line, d.first.start, d.first.end)} "Open at the mention")${headline ? ` ${escape(truncate(headline, 70))}` : ''} — ${d.count}×${here}`);
  }
  if (facts.documentCount > facts.documents.length) lines.push(`- … and ${plural(facts.documentCount - facts.documents.length, 'more document')} (Find All References lists every mention)`);
  if (lines.length > 0) md.appendMarkdown(`Mentioned in:\n${lines.join('\n')}\n\n`);
  if (facts.coMentioned.length > 0) {
    md.appendMarkdown(`Often mentioned with: ${facts.coMentioned.map((c) => `${escape(c.entity.canonical)} (${c.documents})`).join(', ')}`);
  }
  return new vscode.Hover(md, rangeOf(mention));
}

function rangeOf(m: ResolvedMention): vscode.Range {
  return new vscode.Range(m.line, m.start, m.line, m.end);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
