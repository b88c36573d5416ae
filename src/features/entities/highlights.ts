import * as vscode from 'vscode';
import { seedSelector } from '../parse-cache';
import type { EntityService } from './entity-service';

/**
 * Document highlights on a mention: the entity's other mentions in this editor (every seed
 * document of the file once the index is built; the current seed document before).
 */
export function registerEntityHighlights(service: EntityService): vscode.Disposable {
  return vscode.languages.registerDocumentHighlightProvider(seedSelector, {
    provideDocumentHighlights(document, position, token) {
      service.noteInteraction();
      const found = service.lookup(document, position, token);
      if (!found || token.isCancellationRequested) return undefined;
      const uri = document.uri.toString();
      const mentions = found.mode === 'corpus'
        ? service.index.mentionsOf(found.entity.key).filter((m) => m.uri === uri)
        : found.inDocument;
      return mentions.map((m) => new vscode.DocumentHighlight(new vscode.Range(m.line, m.start, m.line, m.end), vscode.DocumentHighlightKind.Read));
    },
  });
}
