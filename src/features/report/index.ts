import * as vscode from 'vscode';
import { EntityReportPanel, REPORT_VIEW_TYPE } from './entity-report-panel';
import type { EntityReportSource } from './report-source';

export { EntityReportPanel, REPORT_VIEW_TYPE } from './entity-report-panel';
export type { EntityReportSource, ReportDocument } from './report-source';
export { headlinesFrom, reportSourceFromIndex, reviewStatusesFrom, reportSourceFromService, type EntityIndexHolder } from './report-source';

/** The command that opens the report. */
export const SHOW_ENTITY_REPORT = 'seedReview.showEntityReport';

/**
 * What restores an Entity Report VS Code kept open across a reload: the restored panel becomes
 * the live report on `source()` (the page gets its own saved view state back from VS Code).
 */
export function entityReportSerializer(extensionUri: vscode.Uri, source: () => EntityReportSource): vscode.WebviewPanelSerializer {
  return {
    deserializeWebviewPanel: async (panel) => {
      EntityReportPanel.revive(panel, extensionUri, source());
    },
  };
}

/**
 * Registers `seedReview.showEntityReport` (which returns the panel, for tests) and the panel
 * serializer that restores an open report after a reload. `source` is asked on each use, so the
 * entity service can be created lazily or arrive later.
 */
export function registerEntityReport(context: vscode.ExtensionContext, source: () => EntityReportSource): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(SHOW_ENTITY_REPORT, () => EntityReportPanel.createOrShow(context.extensionUri, source())),
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, entityReportSerializer(context.extensionUri, source)),
    { dispose: () => EntityReportPanel.instance?.dispose() },
  );
}
