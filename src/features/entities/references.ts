import * as vscode from 'vscode';
import { seedSelector } from '../parse-cache';
import type { EntityService } from './entity-service';

/**
 * Find All References on a mention: every mention of its entity in the workspace's seed files
 * (from the corpus index; before the index is built, the mentions of the current document).
 */
export function registerEntityReferences(service: EntityService): vscode.Disposable {
  return vscode.languages.registerReferenceProvider(seedSelector, {
    provideReferences(document, position, _context, token) {
      service.noteInteraction();
      const found = service.lookup(document, position, token);
      if (!found || token.isCancellationRequested) return undefined;
      const mentions = found.mode === 'corpus' ? service.index.mentionsOf(found.entity.key) : found.inDocument;
      const uris = new Map<string, vscode.Uri>();
      return mentions.map((m) => {
        let uri = uris.get(m.uri);
        if (!uri) uris.set(m.uri, (uri = vscode.Uri.parse(m.uri)));
        return new vscode.Location(uri, new vscode.Range(m.line, m.start, m.line, m.end));
      });
    },
  });
}
