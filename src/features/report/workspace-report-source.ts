import * as vscode from 'vscode';
import * as path from 'node:path';
import { EntityCache, extractWithCache } from '../../core/entities/cache';
import { EntityCorpusIndex } from '../../core/entities/corpus-index';
import { extractDocument } from '../../core/entities/extract';
import type { EntityLine } from '../../core/entities/types';
import { parseSeed } from '../../core/parser';
import type { ReportStatus } from '../../core/report-model';
import type { WorkspaceSeedIndex } from '../workspace-index';
import { EntityReportSource, headlinesFrom, reportSourceFromIndex } from './report-source';

/**
 * A stand-in entity source for the report while no entity service is wired: it builds its own
 * EntityCorpusIndex from the workspace index's files, extracting in the extension host one
 * document at a time (yielding in between) and re-extracting files the workspace index reports
 * changed. Simple rather than fast: the entity service's worker pool is the real thing.
 */
export class WorkspaceReportSource implements vscode.Disposable {
  private readonly index = new EntityCorpusIndex();
  private readonly cache = new EntityCache();
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly pending = new Set<string>();
  private readonly subscription: vscode.Disposable;
  private running: Promise<void> | undefined;
  private done = 0;
  private total = 0;
  private started = false;
  private disposed = false;
  readonly source: EntityReportSource;

  constructor(private readonly workspaceIndex: WorkspaceSeedIndex) {
    this.source = reportSourceFromIndex(this.index, {
      onDidChange: this.emitter.event,
      headline: headlinesFrom(workspaceIndex),
      status: () => this.status(),
    });
    this.subscription = workspaceIndex.onDidChange((uris) => {
      if (!this.started) return;
      for (const uri of uris) this.pending.add(uri.toString());
      this.kick();
    });
  }

  /** Starts indexing on first use (the report may never be opened). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.workspaceIndex.ready.then(() => {
      for (const file of this.workspaceIndex.allFiles()) this.pending.add(file.uri.toString());
      this.kick();
    });
  }

  private status(): ReportStatus {
    const building = !this.started || this.running !== undefined || this.pending.size > 0;
    return building ? { building, done: this.done, total: this.total } : { building: false };
  }

  private kick(): void {
    if (this.running || this.disposed) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      if (this.pending.size > 0) this.kick();
      else this.emitter.fire();
    });
  }

  private async drain(): Promise<void> {
    this.done = 0;
    this.total = this.pending.size;
    this.emitter.fire();
    while (this.pending.size > 0 && !this.disposed) {
      const key = this.pending.values().next().value as string;
      this.pending.delete(key);
      await this.indexFile(vscode.Uri.parse(key));
      this.done++;
      this.emitter.fire();
    }
  }

  private async indexFile(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    if (!this.workspaceIndex.get(uri)) {
      this.index.removeFile(key);
      return;
    }
    const text = await readText(uri);
    if (text === undefined) {
      this.index.removeFile(key);
      return;
    }
    const result = parseSeed(text, { fileName: path.posix.basename(uri.path) });
    const ids: string[] = [];
    for (const doc of result.documents) {
      const lines = [doc.headline, ...doc.paragraphs].filter((l): l is EntityLine => l !== undefined);
      const { hash, extraction } = extractWithCache(this.cache, lines, extractDocument);
      this.index.updateDocument(key, doc.id, hash, extraction);
      ids.push(doc.id);
      // One document at a time, so the extension host keeps answering.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.disposed) return;
    }
    this.index.retainDocuments(key, ids);
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

/** The editor's text when the file is open (unsaved edits count), else the disk's. */
async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}
