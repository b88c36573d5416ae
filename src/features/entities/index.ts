import * as vscode from 'vscode';
import type { ParseCache } from '../parse-cache';
import type { ProjectConfigs } from '../project-config';
import type { WorkspaceSeedIndex } from '../workspace-index';
import { readEntityConfig } from './entity-config';
import type { EntityHost } from './entity-host';
import { EntityService } from './entity-service';
import { registerEntityHighlights } from './highlights';
import { registerEntityHover } from './hover';
import { LexiconSource } from './lexicon-config';
import { registerOpenMention } from './open-mention';
import { registerEntityReferences } from './references';
import { registerEntitySemanticTokens } from './semantic-tokens';

export { EntityService } from './entity-service';
export type { EntityServiceStats, ExtractionMode, MentionLookup } from './entity-service';
export type { EntityHost, EntityWorkerSupply } from './entity-host';

/** The entity features, as one disposable; the service is exposed for the review features, the report and tests. */
export interface EntityFeatures extends vscode.Disposable {
  readonly service: EntityService;
  readonly lexicon: LexiconSource;
}

/**
 * Registers the named-entity features: the background entity index, hover, Find All
 * References, document highlights, optional semantic tokens, and the Rebuild / Show Log commands.
 * `host` says how this extension host reads the model and runs extraction (workers or slices).
 */
export function registerEntityFeatures(
  context: vscode.ExtensionContext,
  deps: { parseCache: ParseCache; workspaceIndex: WorkspaceSeedIndex; log: vscode.LogOutputChannel; projectConfigs: ProjectConfigs },
  host: EntityHost,
): EntityFeatures {
  const lexicon = new LexiconSource(deps.log, deps.projectConfigs);
  const service = new EntityService({ context, parseCache: deps.parseCache, workspaceIndex: deps.workspaceIndex, lexicon, log: deps.log, host });
  const disposables: vscode.Disposable[] = [
    lexicon,
    service,
    registerOpenMention(),
    registerEntityHover(service, deps.parseCache, deps.workspaceIndex),
    registerEntityReferences(service),
    registerEntityHighlights(service),
    registerEntitySemanticTokens(service, () => readEntityConfig().semanticHighlighting),
    vscode.commands.registerCommand('seedReview.entities.rebuild', async () => {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Seed entities: rebuilding' },
        () => service.rebuild({ dropCache: true }),
      );
      deps.log.info(`Entity index rebuilt: ${service.index.documentCount} document(s), ${service.index.allEntities().length} entities`);
    }),
    vscode.commands.registerCommand('seedReview.entities.showLog', () => deps.log.show()),
  ];
  return {
    service,
    lexicon,
    dispose: () => disposables.reverse().forEach((d) => d.dispose()),
  };
}
