/**
 * The review queue across a workspace: every document of every seed file in one stable order
 * (folder, then file name, then document order in the file), and where next / previous / next
 * unreviewed go from a position in it. A long-lived state machine fed file by file (the workspace
 * index's changes), so moving across 10,000 files never sorts or re-counts them: the order is
 * rebuilt only when the set of files changes, and each file keeps its own count of unreviewed
 * documents so that a search for the next one skips reviewed files in one step.
 */
import type { ReviewStatus } from '../types';
import { documentIndexAt, nextDocument, nextUnreviewedDocument, previousDocument, type NavigableDocument } from './navigation';

/** One seed file as the queue needs it. */
export interface QueueFile {
  /** A unique key (the file's uri as a string). */
  key: string;
  /**
   * The folder holding the file, the first sort key (compared as text): its path, which the editor
   * prefixes with the workspace folder's place so a multi-root workspace goes folder by folder.
   */
  folder: string;
  /** The file name, the second sort key. */
  name: string;
  /** Its documents in file order. */
  documents: readonly NavigableDocument[];
}

/** Where the reviewer is: a file of the queue (or none) and the cursor line in it. */
export interface QueuePosition {
  key?: string;
  line: number;
}

/** Move across the whole workspace, or only inside the current file. */
export type QueueScope = 'workspace' | 'file';

/** Where a move goes: a file, the index of a document in it, and whether the move went round the end. */
export interface QueueTarget {
  key: string;
  index: number;
  wrapped: boolean;
}

/** How far the review of the workspace is. */
export interface QueueProgress {
  /** Documents in every file of the queue. */
  total: number;
  /** Documents with any status other than unreviewed. */
  reviewed: number;
  counts: Record<ReviewStatus, number>;
}

interface Entry {
  file: QueueFile;
  counts: Record<ReviewStatus, number>;
}

function countsOf(documents: readonly NavigableDocument[]): Record<ReviewStatus, number> {
  const counts: Record<ReviewStatus, number> = { unreviewed: 0, approved: 0, rejected: 0, flagged: 0 };
  for (const doc of documents) counts[doc.status]++;
  return counts;
}

/** Code-unit order, the same on every machine and locale (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const STATUSES: readonly ReviewStatus[] = ['unreviewed', 'approved', 'rejected', 'flagged'];

/** The queue of every document of the workspace's seed files. */
export class ReviewQueue {
  private readonly entries = new Map<string, Entry>();
  private order: Entry[] | undefined;
  private positionOf = new Map<string, number>();
  private readonly totals: Record<ReviewStatus, number> = { unreviewed: 0, approved: 0, rejected: 0, flagged: 0 };

  /** Adds a file or replaces what the queue knows of it (new text, new statuses). */
  set(file: QueueFile): void {
    const previous = this.entries.get(file.key);
    if (previous) this.addCounts(previous.counts, -1);
    const entry: Entry = { file, counts: countsOf(file.documents) };
    this.addCounts(entry.counts, 1);
    this.entries.set(file.key, entry);
    if (!previous || previous.file.folder !== file.folder || previous.file.name !== file.name) this.order = undefined;
    else if (this.order) this.order[this.positionOf.get(file.key)!] = entry;
  }

  /** Forgets a file (deleted, or no longer a seed file). */
  delete(key: string): void {
    const previous = this.entries.get(key);
    if (!previous) return;
    this.addCounts(previous.counts, -1);
    this.entries.delete(key);
    this.order = undefined;
  }

  /** Whether the queue holds a file. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** The files in queue order. */
  files(): readonly QueueFile[] {
    return this.sorted().map((entry) => entry.file);
  }

  /** The workspace's progress: documents in all, reviewed, and per status. */
  progress(): QueueProgress {
    const counts = { ...this.totals };
    const total = STATUSES.reduce((sum, status) => sum + counts[status], 0);
    return { total, reviewed: total - counts.unreviewed, counts };
  }

  /** The document after the one at the position; past a file's last document, the next file's first. */
  next(position: QueuePosition, scope: QueueScope = 'workspace'): QueueTarget | undefined {
    if (scope === 'file') return this.inFile(position, nextDocument);
    const order = this.sorted();
    const at = this.indexOf(position);
    if (at >= 0) {
      const index = documentIndexAt(order[at].file.documents, position.line) + 1;
      if (index < order[at].file.documents.length) return { key: order[at].file.key, index, wrapped: false };
    }
    for (let k = at + 1; k <= at + order.length; k++) {
      const candidate = order[k % order.length];
      if (candidate.file.documents.length) return { key: candidate.file.key, index: 0, wrapped: at >= 0 && k >= order.length };
    }
    return undefined;
  }

  /** The document before the one holding the position; before a file's first, the previous file's last. */
  previous(position: QueuePosition, scope: QueueScope = 'workspace'): QueueTarget | undefined {
    if (scope === 'file') return this.inFile(position, previousDocument);
    const order = this.sorted();
    let at = this.indexOf(position);
    if (at >= 0) {
      const documents = order[at].file.documents;
      const inside = documentIndexAt(documents, position.line);
      const index = inside >= 0 && position.line > documents[inside].endLine ? inside : inside - 1;
      if (index >= 0) return { key: order[at].file.key, index, wrapped: false };
    }
    const fresh = at < 0;
    if (fresh) at = order.length; // before the first file: "previous" is the last document of the queue
    for (let k = at - 1; k >= at - order.length; k--) {
      const candidate = order[(k + order.length) % order.length];
      const count = candidate.file.documents.length;
      if (count) return { key: candidate.file.key, index: count - 1, wrapped: !fresh && k < 0 };
    }
    return undefined;
  }

  /**
   * The first unreviewed document after the position: the rest of this file, then the following
   * files (skipping files with none in one step), round to the start and back to this file.
   * Without a position in the queue, the first unreviewed document of the queue.
   * Undefined when every document of the queue is reviewed.
   */
  nextUnreviewed(position: QueuePosition, scope: QueueScope = 'workspace'): QueueTarget | undefined {
    if (scope === 'file') return this.inFile(position, nextUnreviewedDocument);
    const order = this.sorted();
    const at = this.indexOf(position);
    const documents = at >= 0 ? order[at].file.documents : [];
    const start = documentIndexAt(documents, position.line) + 1;
    const key = at >= 0 ? order[at].file.key : '';
    for (let index = start; index < documents.length; index++) {
      if (documents[index].status === 'unreviewed') return { key, index, wrapped: false };
    }
    // From outside the queue every file is "following"; from a file, all the others, then itself.
    const others = at >= 0 ? order.length - 1 : order.length;
    for (let k = at + 1; k <= at + others; k++) {
      const candidate = order[k % order.length];
      if (candidate.counts.unreviewed === 0) continue;
      const index = candidate.file.documents.findIndex((doc) => doc.status === 'unreviewed');
      if (index >= 0) return { key: candidate.file.key, index, wrapped: at >= 0 && k >= order.length };
    }
    for (let index = 0; index < Math.min(start, documents.length); index++) {
      if (documents[index].status === 'unreviewed') return { key, index, wrapped: true };
    }
    return undefined;
  }

  /**
   * The other files that the next forward moves from a position would open (next document, then
   * next unreviewed), without repeats: what a host can load ahead while the reviewer reads.
   * Files of more than `maxDocuments` documents are left out (a large corpus is not worth loading
   * on a guess). Empty for the file scope, where moves never leave the file, and for a position
   * outside the queue (an untitled seed file moves inside itself).
   */
  filesAhead(position: QueuePosition, scope: QueueScope = 'workspace', maxDocuments = Number.POSITIVE_INFINITY): string[] {
    if (scope === 'file' || position.key === undefined || !this.entries.has(position.key)) return [];
    const keys: string[] = [];
    for (const target of [this.next(position, scope), this.nextUnreviewed(position, scope)]) {
      if (!target || target.key === position.key || keys.includes(target.key)) continue;
      const entry = this.entries.get(target.key);
      if (entry && entry.file.documents.length <= maxDocuments) keys.push(target.key);
    }
    return keys;
  }

  /** The position's file in queue order, or -1 when it names no file of the queue. */
  private indexOf(position: QueuePosition): number {
    this.sorted();
    return position.key === undefined ? -1 : this.positionOf.get(position.key) ?? -1;
  }

  private inFile(
    position: QueuePosition,
    find: (documents: readonly NavigableDocument[], line: number) => { index: number; wrapped: boolean } | undefined,
  ): QueueTarget | undefined {
    const entry = position.key === undefined ? undefined : this.entries.get(position.key);
    if (!entry) return undefined;
    const target = find(entry.file.documents, position.line);
    return target && { key: entry.file.key, ...target };
  }

  private sorted(): Entry[] {
    if (!this.order) {
      this.order = [...this.entries.values()].sort((a, b) => compareText(a.file.folder, b.file.folder) || compareText(a.file.name, b.file.name));
      this.positionOf = new Map(this.order.map((entry, i) => [entry.file.key, i]));
    }
    return this.order;
  }

  private addCounts(counts: Record<ReviewStatus, number>, sign: 1 | -1): void {
    for (const status of STATUSES) this.totals[status] += sign * counts[status];
  }
}

/** A count with thousands separators ("1,204"), the same in every locale so messages and tests agree. */
export function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** The status bar's words for the workspace's progress: "1,204 of 7,758 reviewed". */
export function progressText(progress: QueueProgress): string {
  return `${formatCount(progress.reviewed)} of ${formatCount(progress.total)} reviewed`;
}
