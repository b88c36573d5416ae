import * as vscode from 'vscode';
import { EntityReportPanel, REPORT_VIEW_TYPE } from './entity-report-panel';
import type { EntityReportSource } from './report-source';

export { EntityReportPanel, REPORT_VIEW_TYPE } from './entity-report-panel';
export type { EntityReportSource, ReportDocument } from './report-source';
export { headlinesFrom, reportSourceFromIndex, reportSourceFromService, type EntityIndexHolder } from './report-source';

/** The command that opens the report. */
export const SHOW_ENTITY_REPORT = 'seedReview.showEntityReport';

/**
 * Registers `seedReview.showEntityReport` (which returns the panel, for tests) and the panel
 * serializer that restores an open report after a reload. `source` is asked on each use, so the
 * entity service can be created lazily or arrive later.
 */
export function registerEntityReport(context: vscode.ExtensionContext, source: () => EntityReportSource): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(SHOW_ENTITY_REPORT, () => EntityReportPanel.createOrShow(context.extensionUri, source())),
    vscode.window.registerWebviewPanelSerializer(REPORT_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel) => {
        EntityReportPanel.revive(panel, context.extensionUri, source());
      },
    }),
    { dispose: () => EntityReportPanel.instance?.dispose() },
  );
}
