import * as vscode from 'vscode';
import {
  parseWebviewMessage, toReportRows, type ReportDocumentRow, type ReportRendered, type ReportSort, type ReportToWebview,
} from '../../core/report-model';
import type { EntityType } from '../../core/entities/types';
import { baseName } from '../../core/host/file-system';
import { reportHtml, REPORT_MEDIA } from './report-html';
import type { EntityReportSource, ReportDocument } from './report-source';

/** The webview panel type (also the serializer's key). */
export const REPORT_VIEW_TYPE = 'seedReview.entityReport';

/** How long source changes are gathered before the webview gets new data. */
const UPDATE_DEBOUNCE_MS = 300;

/**
 * The Entity Report: one webview panel (revealed when open again) that lists the corpus's
 * entities. The page does search, sort and chart itself (media/report); the panel sends data,
 * answers document requests and opens documents. Page state (sort, filter, selection) lives in
 * the webview's getState/setState, so the page survives being hidden without retaining its
 * context.
 */
export class EntityReportPanel implements vscode.Disposable {
  private static current: EntityReportPanel | undefined;

  private readonly disposables: vscode.Disposable[] = [];
  private sourceSubscription: vscode.Disposable | undefined;
  private documentsSubscription: vscode.Disposable | undefined;
  private documentsTimer: ReturnType<typeof setTimeout> | undefined;
  /** The entity whose documents the page asked for last (its list is sent again when statuses change). */
  private selectedKey: string | undefined;
  private documents = new Map<string, readonly ReportDocument[]>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stale = false;
  private dataVersion = 0;
  /** The source's version the page's rows come from (undefined: unknown, send rows). */
  private sentSourceVersion: number | undefined;
  private readonly renderEmitter = new vscode.EventEmitter<ReportRendered>();
  private disposed = false;
  /** What the page last said it shows (for tests and diagnostics). */
  lastRendered: ReportRendered | undefined;
  /** Fires after each render of the page. */
  readonly onDidRender = this.renderEmitter.event;

  /** The open report, if any. */
  static get instance(): EntityReportPanel | undefined {
    return EntityReportPanel.current;
  }

  /** Shows the report (reveals it when open, with `source` as its data). */
  static createOrShow(extensionUri: vscode.Uri, source: EntityReportSource): EntityReportPanel {
    const current = EntityReportPanel.current;
    if (current) {
      current.setSource(source);
      current.panel.reveal();
      return current;
    }
    const panel = vscode.window.createWebviewPanel(REPORT_VIEW_TYPE, 'Entity Report', vscode.ViewColumn.Active, webviewOptions(extensionUri));
    return (EntityReportPanel.current = new EntityReportPanel(panel, extensionUri, source));
  }

  /** Takes over a panel VS Code restored after a reload (the serializer's job). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, source: EntityReportSource): EntityReportPanel {
    EntityReportPanel.current?.dispose();
    const { enableScripts, localResourceRoots } = webviewOptions(extensionUri);
    panel.webview.options = { enableScripts, localResourceRoots };
    return (EntityReportPanel.current = new EntityReportPanel(panel, extensionUri, source));
  }

  private constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, private source: EntityReportSource) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'seed-review.svg');
    panel.webview.html = reportHtml(panel.webview, vscode.Uri.joinPath(extensionUri, ...REPORT_MEDIA), vscode.Uri.joinPath);
    this.disposables.push(
      this.renderEmitter,
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((message) => this.receive(message)),
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.stale) this.sendData(true);
      }),
    );
    this.subscribe();
  }

  /** Replaces the data source (keeps the page and its state). */
  setSource(source: EntityReportSource): void {
    if (source === this.source) return;
    this.source = source;
    this.sentSourceVersion = undefined;
    this.subscribe();
    this.sendData();
  }

  /** Selects an entity in the page, as a click on its row does. */
  select(key: string): Thenable<boolean> {
    return this.post({ type: 'select', key });
  }

  /** Sets the page's search, type filter or sort, as the user would. */
  setView(view: { query?: string; types?: Partial<Record<EntityType, boolean>>; sort?: ReportSort }): Thenable<boolean> {
    return this.post({ type: 'view', ...view });
  }

  /** Resolves with the first render (from now on, or the last one) that satisfies `predicate`. */
  whenRendered(predicate: (state: ReportRendered) => boolean, timeoutMs = 15_000): Promise<ReportRendered> {
    if (this.lastRendered && predicate(this.lastRendered)) return Promise.resolve(this.lastRendered);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.dispose();
        reject(new Error(`the entity report did not render the expected state in ${timeoutMs} ms; last: ${JSON.stringify(this.lastRendered)}`));
      }, timeoutMs);
      const subscription = this.onDidRender((state) => {
        if (!predicate(state)) return;
        clearTimeout(timer);
        subscription.dispose();
        resolve(state);
      });
    });
  }

  private subscribe(): void {
    this.sourceSubscription?.dispose();
    this.sourceSubscription = this.source.onDidChange(() => this.scheduleUpdate());
    this.documentsSubscription?.dispose();
    this.documentsSubscription = this.source.onDidChangeDocuments?.(() => this.scheduleDocumentsUpdate());
  }

  /** Statuses or headlines changed (an approve, a ledger changed on disk): the selected entity's list again. */
  private scheduleDocumentsUpdate(): void {
    if (this.selectedKey === undefined) return;
    clearTimeout(this.documentsTimer);
    this.documentsTimer = setTimeout(() => {
      this.documentsTimer = undefined;
      const key = this.selectedKey;
      // A hidden page asks for the list itself when it renders again.
      if (key !== undefined && this.panel.visible && !this.disposed) void this.post({ type: 'documents', key, documents: this.documentRows(key) });
    }, UPDATE_DEBOUNCE_MS);
  }

  private scheduleUpdate(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.panel.visible) this.sendData(true);
      else this.stale = true;
    }, UPDATE_DEBOUNCE_MS);
  }

  /**
   * Sends the rows, or only the status when the entities did not change since the page got them
   * (progress events of a build come often; 10,000 rows each time would be waste).
   */
  private sendData(statusOnlyIfUnchanged = false): void {
    if (this.disposed) return;
    this.stale = false;
    const status = this.source.status?.() ?? { building: false };
    const sourceVersion = this.source.version?.();
    if (statusOnlyIfUnchanged && sourceVersion !== undefined && sourceVersion === this.sentSourceVersion) {
      void this.post({ type: 'status', status });
      return;
    }
    this.sentSourceVersion = sourceVersion;
    this.documents.clear();
    void this.post({ type: 'data', version: ++this.dataVersion, status, rows: toReportRows(this.source.entities()) });
  }

  private post(message: ReportToWebview): Thenable<boolean> {
    return this.disposed ? Promise.resolve(false) : this.panel.webview.postMessage(message);
  }

  private receive(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        this.sendData();
        break;
      case 'selectEntity':
        this.selectedKey = message.key;
        void this.post({ type: 'documents', key: message.key, documents: this.documentRows(message.key) });
        break;
      case 'open':
        void this.openDocument(message.key, message.index);
        break;
      case 'rendered':
        this.lastRendered = message.state;
        this.renderEmitter.fire(message.state);
        break;
    }
  }

  private documentRows(key: string): ReportDocumentRow[] {
    const docs = this.source.documentsOf(key);
    this.documents.set(key, docs);
    return docs.map((d, i) => ({ i, docId: d.docId, headline: d.headline ?? '', file: baseName(d.uri.path), count: d.count, ...(d.status ? { status: d.status } : {}) }));
  }

  /** Opens a listed document (index in documentsOf order) at its first mention of the entity, next to the report. */
  async openDocument(key: string, index: number): Promise<void> {
    if (!this.documents.has(key)) this.documentRows(key);
    const doc = this.documents.get(key)?.[index];
    if (!doc) return;
    try {
      const column = this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
      const editor = await vscode.window.showTextDocument(doc.uri, { viewColumn: column, preview: true, selection: doc.firstMention });
      if (doc.firstMention) editor.revealRange(doc.firstMention, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (error) {
      void vscode.window.showErrorMessage(`Could not open ${doc.docId}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (EntityReportPanel.current === this) EntityReportPanel.current = undefined;
    clearTimeout(this.timer);
    clearTimeout(this.documentsTimer);
    this.sourceSubscription?.dispose();
    this.documentsSubscription?.dispose();
    this.panel.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableFindWidget: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, ...REPORT_MEDIA)],
  };
}
