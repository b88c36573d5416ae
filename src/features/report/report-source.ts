import * as vscode from 'vscode';
import type { EntityCorpusIndex } from '../../core/entities/corpus-index';
import type { EntitySummary } from '../../core/entities/types';
import type { ReportStatus } from '../../core/report-model';
import type { ReviewStatus } from '../../core/types';

/** A document where an entity occurs, ready to be listed and opened. */
export interface ReportDocument {
  uri: vscode.Uri;
  docId: string;
  headline?: string;
  count: number;
  /** Its review status (a bare file's from its folder's ledger), when the workspace index knows it. */
  status?: ReviewStatus;
  /** Where the reviewer lands when opening it. */
  firstMention?: vscode.Range;
}

/**
 * What the Entity Report needs from whatever holds the corpus's entities. Kept small so that any
 * entity service (or a test) can be adapted to it.
 */
export interface EntityReportSource {
  entities(): readonly EntitySummary[];
  documentsOf(key: string): readonly ReportDocument[];
  /** Fires when entities changed (the panel debounces). */
  readonly onDidChange: vscode.Event<void>;
  /** Undefined means ready. */
  status?(): ReportStatus;
  /** Changes whenever entities() would answer differently (lets a status-only change skip the rows). */
  version?(): number;
  /**
   * Fires when documents' headlines or review statuses may have changed without any entity
   * changing (an approve, a ledger changed on disk): the page's document list is sent again.
   */
  readonly onDidChangeDocuments?: vscode.Event<unknown>;
}

/** How to look up a document's headline (the workspace index knows them all). */
export type HeadlineLookup = (uri: vscode.Uri, docId: string) => string | undefined;

/** How to look up a document's review status. */
export type ReviewStatusLookup = (uri: vscode.Uri, docId: string) => ReviewStatus | undefined;

/** What the workspace index gives per file. */
interface SummaryIndex {
  get(uri: vscode.Uri): { documents: readonly { id: string; headline: string; status: ReviewStatus }[] } | undefined;
}

/** A document of the index by its entity key: its id, or `id#2` for the second document with that id in the file. */
function summaryOf<T extends { id: string }>(documents: readonly T[] | undefined, docKey: string): T | undefined {
  if (!documents) return undefined;
  const repeat = /^(.*)#(\d+)$/.exec(docKey);
  if (!repeat) return documents.find((d) => d.id === docKey);
  let n = Number(repeat[2]);
  for (const d of documents) if (d.id === repeat[1] && --n === 0) return d;
  return undefined;
}

/** Headlines from the workspace index's summaries. */
export function headlinesFrom(index: SummaryIndex): HeadlineLookup {
  return (uri, docId) => summaryOf(index.get(uri)?.documents, docId)?.headline;
}

/** Review statuses from the workspace index's summaries (bare files: their folder's ledger). */
export function reviewStatusesFrom(index: SummaryIndex): ReviewStatusLookup {
  return (uri, docId) => summaryOf(index.get(uri)?.documents, docId)?.status;
}

/**
 * Adapts a core EntityCorpusIndex: documents come with their first mention (the index keeps
 * mentions by file and position, so the first one seen per document is its first).
 */
export function reportSourceFromIndex(
  index: EntityCorpusIndex,
  options: {
    onDidChange: vscode.Event<void>; headline?: HeadlineLookup; status?: () => ReportStatus;
    reviewStatus?: ReviewStatusLookup; onDidChangeDocuments?: vscode.Event<unknown>;
  },
): EntityReportSource {
  return {
    entities: () => index.allEntities(),
    documentsOf: (key) => {
      const first = new Map<string, vscode.Range>();
      for (const m of index.mentionsOf(key)) {
        const k = `${m.uri}\u0000${m.docId}`;
        const r = first.get(k);
        if (!r || m.line < r.start.line || (m.line === r.start.line && m.start < r.start.character)) {
          first.set(k, new vscode.Range(m.line, m.start, m.line, m.end));
        }
      }
      return index.documentsOf(key).map((d) => {
        const uri = vscode.Uri.parse(d.uri);
        return {
          uri, docId: d.docId, count: d.count, headline: options.headline?.(uri, d.docId), status: options.reviewStatus?.(uri, d.docId),
          firstMention: first.get(`${d.uri}\u0000${d.docId}`),
        };
      });
    },
    onDidChange: options.onDidChange,
    onDidChangeDocuments: options.onDidChangeDocuments,
    status: options.status,
    version: () => index.version,
  };
}

/** The shape of an entity service the report can read (structural: no dependency on its class). */
export interface EntityIndexHolder {
  readonly index: EntityCorpusIndex;
  /** Entities changed. */
  readonly onDidChange: vscode.Event<void>;
  /** Building started, progressed or ended (may come without an entity change). */
  readonly onDidChangeState?: vscode.Event<void>;
  status?(): ReportStatus;
}

/**
 * Adapts an entity service that owns an EntityCorpusIndex (src/features/entities). `documents`
 * gives the listed documents' review statuses and says when they change (the workspace index).
 */
export function reportSourceFromService(
  service: EntityIndexHolder, headline?: HeadlineLookup, documents?: { reviewStatus: ReviewStatusLookup; onDidChange: vscode.Event<unknown> },
): EntityReportSource {
  const status = service.status ? () => service.status?.() ?? { building: false } : undefined;
  const onDidChange: vscode.Event<void> = (listener, thisArgs, disposables) => {
    const subscriptions = [service.onDidChange, service.onDidChangeState].flatMap((event) => (event ? [event(listener, thisArgs)] : []));
    const disposable = vscode.Disposable.from(...subscriptions);
    disposables?.push(disposable);
    return disposable;
  };
  // The service may replace its index (rebuild): read it on every call.
  const current = () => reportSourceFromIndex(service.index, { onDidChange, headline, status, reviewStatus: documents?.reviewStatus });
  return {
    entities: () => current().entities(),
    documentsOf: (key) => current().documentsOf(key),
    onDidChange,
    onDidChangeDocuments: documents?.onDidChange,
    status,
    // Distinct per index object too: a rebuild may start a new index at a lower version.
    version: () => versionOf(service.index),
  };
}

const indexIds = new WeakMap<EntityCorpusIndex, number>();
let nextIndexId = 0;

/** A number that changes when the index changes or is replaced. */
function versionOf(index: EntityCorpusIndex): number {
  let id = indexIds.get(index);
  if (id === undefined) indexIds.set(index, (id = ++nextIndexId));
  return id * 1e9 + index.version;
}
