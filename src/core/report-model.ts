/**
 * The Entity Report's data as it crosses into the webview: compact rows (10,000 entities stay a
 * few hundred kilobytes of JSON) and the messages both sides exchange. The webview's search,
 * sort and chart logic is media/report/report-model.js (plain JS, loaded by the webview).
 */
import type { EntitySummary, EntityType } from './entities/types';

/** One entity row: key, type, canonical name, aliases (other surfaces), mentions, documents. */
export interface ReportRow {
  k: string;
  t: EntityType;
  c: string;
  s: string[];
  m: number;
  d: number;
}

/** Whether the source is still building its index, with progress when known. */
export interface ReportStatus {
  building: boolean;
  done?: number;
  total?: number;
}

/** One document of the selected entity, as the webview lists it. */
export interface ReportDocumentRow {
  /** Index in the extension's list for this entity (what an `open` message names). */
  i: number;
  docId: string;
  headline: string;
  /** File name, to tell apart documents of several files. */
  file: string;
  count: number;
  /** Review status (a bare file's from its folder's ledger); absent when unknown. */
  status?: string;
}

/** Extension → webview. */
export type ReportToWebview =
  | { type: 'data'; version: number; status: ReportStatus; rows: ReportRow[] }
  | { type: 'status'; status: ReportStatus }
  | { type: 'documents'; key: string; documents: ReportDocumentRow[] }
  | { type: 'select'; key: string }
  | { type: 'view'; query?: string; types?: Partial<Record<EntityType, boolean>>; sort?: ReportSort };

/** A table sort. */
export interface ReportSort {
  column: 'canonical' | 'type' | 'mentions' | 'documents';
  direction: 'ascending' | 'descending';
}

/** What the webview reports after each render (the panel keeps the last one for tests). */
export interface ReportRendered {
  version: number;
  building: boolean;
  total: number;
  filtered: number;
  shownRows: number;
  /** Canonical names of the first rows shown, in order (at most 20). */
  firstRows: string[];
  typeCounts: Record<EntityType, number>;
  bars: number;
  sort: ReportSort;
  query: string;
  types: Record<EntityType, boolean>;
  selected?: string;
  /** Documents listed for the selection (undefined while none is selected). */
  documents?: number;
  /** The listed documents as the page shows them, "docId status" each (at most 20). */
  documentStatuses?: string[];
  /** How long the last full render (filter, sort, chart, rows) took in the page, in milliseconds. */
  renderMs?: number;
}

/** Webview → extension. */
export type ReportFromWebview =
  | { type: 'ready' }
  | { type: 'selectEntity'; key: string }
  | { type: 'open'; key: string; index: number }
  | { type: 'rendered'; state: ReportRendered };

/** The rows of a corpus's entities, most mentioned first. */
export function toReportRows(entities: readonly EntitySummary[]): ReportRow[] {
  const rows = entities.map((e) => ({
    k: e.key,
    t: e.type,
    c: e.canonical,
    // Case variants (GERMANY for Germany) say nothing new; search ignores case anyway.
    s: e.surfaces.filter((s) => s.toLowerCase() !== e.canonical.toLowerCase()),
    m: e.mentionCount,
    d: e.documentCount,
  }));
  return rows.sort((a, b) => b.m - a.m || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
}

/** Checks a message from the webview (it is untrusted input: the page runs our script, but still). */
export function parseWebviewMessage(message: unknown): ReportFromWebview | undefined {
  if (typeof message !== 'object' || message === null) return undefined;
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'selectEntity':
      return typeof m.key === 'string' ? { type: 'selectEntity', key: m.key } : undefined;
    case 'open':
      return typeof m.key === 'string' && Number.isInteger(m.index) && (m.index as number) >= 0
        ? { type: 'open', key: m.key, index: m.index as number } : undefined;
    case 'rendered':
      return typeof m.state === 'object' && m.state !== null ? { type: 'rendered', state: m.state as ReportRendered } : undefined;
    default:
      return undefined;
  }
}
