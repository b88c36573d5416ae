import * as vscode from 'vscode';
import type { EntityType } from '../../core/entities/types';
import { seedSelector } from '../parse-cache';
import type { EntityService } from './entity-service';

/** Token types contributed in package.json (`semanticTokenTypes`), with fallback TextMate scopes. */
export const ENTITY_TOKEN_TYPES: Record<EntityType, string> = {
  person: 'entityPerson',
  place: 'entityPlace',
  organization: 'entityOrganization',
};

/** The legend: one token type per entity type, no modifiers. */
export const entityTokenLegend = new vscode.SemanticTokensLegend(Object.values(ENTITY_TOKEN_TYPES), []);

const typeIndex: Record<EntityType, number> = { person: 0, place: 1, organization: 2 };

/**
 * Colours mentions by entity type. Registered only while `seedReview.entities.semanticHighlighting`
 * is on (off by default: most reviewers want the text calm). Re-requested when the index changes.
 */
export class EntitySemanticTokens implements vscode.DocumentSemanticTokensProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeSemanticTokens = this.emitter.event;

  constructor(private readonly service: EntityService) {
    this.subscription = service.onDidChange(() => this.emitter.fire());
  }

  provideDocumentSemanticTokens(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.SemanticTokens | undefined {
    const builder = new vscode.SemanticTokensBuilder(entityTokenLegend);
    const mentions = this.service.mentionsForEditor(document);
    if (token.isCancellationRequested) return undefined;
    mentions.sort((a, b) => a.line - b.line || a.start - b.start);
    let lastLine = -1;
    let lastEnd = 0;
    for (const m of mentions) {
      // The builder needs increasing, non-overlapping tokens.
      if (m.line === lastLine && m.start < lastEnd) continue;
      builder.push(m.line, m.start, m.end - m.start, typeIndex[m.type], 0);
      lastLine = m.line;
      lastEnd = m.end;
    }
    return builder.build();
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** Registers the provider while the setting is on; follows the setting. */
export function registerEntitySemanticTokens(service: EntityService, enabled: () => boolean): vscode.Disposable {
  let registration: vscode.Disposable | undefined;
  let provider: EntitySemanticTokens | undefined;
  const update = () => {
    const on = enabled();
    if (on && !registration) {
      provider = new EntitySemanticTokens(service);
      registration = vscode.languages.registerDocumentSemanticTokensProvider(seedSelector, provider, entityTokenLegend);
    } else if (!on && registration) {
      registration.dispose();
      provider?.dispose();
      registration = provider = undefined;
    }
  };
  update();
  const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('seedReview.entities')) update();
  });
  return new vscode.Disposable(() => {
    subscription.dispose();
    registration?.dispose();
    provider?.dispose();
  });
}
