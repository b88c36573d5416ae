/**
 * Workspace checks across seed files: the same id in two files (SEED012) and the same
 * document text under two ids (SEED013), both warnings with related locations in the other
 * files. The index is keyed by id and by content hash, so a changed file is re-indexed on its
 * own and only the files that share an id or a text with it need new diagnostics.
 */
import type { ParseResult, Range, SeedDiagnostic, SeedDocument } from './types';
import { contentKeyOf } from './document-memo';
import { messages } from './messages';

/** One file as the workspace checks see it. */
export interface WorkspaceFile {
  uri: string;
  result: ParseResult;
}

interface Entry {
  uri: string;
  id: string;
  range: Range;
  /** Content key (contentKeyOf: two 32-bit hashes + length); empty for documents without content. */
  hash: string;
}

function entryRange(doc: SeedDocument): Range {
  if (doc.kind === 'bare' && doc.headline) {
    return { start: { line: doc.headline.line, character: 0 }, end: { line: doc.headline.line, character: doc.headline.text.length } };
  }
  return doc.idRange;
}

/** A short, readable name for a uri in messages (its last path segment). */
function shortName(uri: string): string {
  const i = Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\'));
  return uri.slice(i + 1);
}

/** At most this many related locations per diagnostic: enough to find the others, bounded for any corpus. */
const RELATED_LIMIT = 10;

/** Incremental index of ids and document texts across the files of a workspace. */
export class WorkspaceIndex {
  private readonly files = new Map<string, Entry[]>();
  private readonly byId = new Map<string, Entry[]>();
  private readonly byHash = new Map<string, Entry[]>();

  /**
   * Indexes (or re-indexes) one file. Returns the uris whose workspace diagnostics may have
   * changed: the file itself and every file sharing an id or a text with its old or new version.
   */
  update(file: WorkspaceFile): Set<string> {
    const affected = this.remove(file.uri);
    const entries: Entry[] = [];
    for (const doc of file.result.documents) {
      const entry: Entry = { uri: file.uri, id: doc.id, range: entryRange(doc), hash: contentKeyOf(doc) };
      entries.push(entry);
      if (entry.id) add(this.byId, entry.id, entry);
      if (entry.hash) add(this.byHash, entry.hash, entry);
    }
    this.files.set(file.uri, entries);
    this.collectAffected(entries, affected);
    affected.add(file.uri);
    return affected;
  }

  /** Drops a file from the index; returns the uris whose diagnostics may have changed. */
  remove(uri: string): Set<string> {
    const affected = new Set<string>();
    const old = this.files.get(uri);
    if (!old) return affected;
    this.files.delete(uri);
    for (const e of old) {
      if (e.id) drop(this.byId, e.id, e);
      if (e.hash) drop(this.byHash, e.hash, e);
    }
    this.collectAffected(old, affected);
    affected.delete(uri);
    return affected;
  }

  /** The uris currently indexed. */
  uris(): string[] {
    return [...this.files.keys()];
  }

  /**
   * SEED012/SEED013 diagnostics for one indexed file (empty when it is not indexed). Linear in the
   * entries involved: what the other entries are is worked out once per id (SEED012) and once per
   * text and id (SEED013) of this file, and at most RELATED_LIMIT related locations are listed, so
   * a corpus of thousands of copies of one text does not build thousands of lists of thousands.
   */
  diagnosticsFor(uri: string): SeedDiagnostic[] {
    const out: SeedDiagnostic[] = [];
    const byId = new Map<string, { files: Set<string>; others: Entry[] }>();
    const byText = new Map<string, Entry[]>();
    for (const e of this.files.get(uri) ?? []) {
      if (e.id) {
        let same = byId.get(e.id);
        if (!same) {
          same = { files: new Set(), others: [] };
          for (const o of this.byId.get(e.id) ?? []) {
            if (o.uri === uri) continue;
            same.files.add(o.uri);
            if (same.others.length < RELATED_LIMIT) same.others.push(o);
          }
          byId.set(e.id, same);
        }
        if (same.others.length) {
          const names = [...new Set([...same.files].map(shortName))];
          out.push({
            code: 'SEED012', severity: 'warning', range: e.range,
            message: messages.sameIdElsewhere(e.id, names.length === 1 ? names[0] : `${same.files.size} other files`),
            related: same.others.map((o) => ({ uri: o.uri, range: o.range, message: `'${e.id}' in ${shortName(o.uri)}` })),
            fixes: [],
          });
        }
      }
      if (e.hash) {
        const key = `${e.hash}\u0000${e.id}`;
        let others = byText.get(key);
        if (!others) {
          others = [];
          for (const o of this.byHash.get(e.hash) ?? []) {
            if (o === e || o.id === e.id) continue;
            others.push(o);
            if (others.length === RELATED_LIMIT) break;
          }
          byText.set(key, others);
        }
        if (others.length) {
          out.push({
            code: 'SEED013', severity: 'warning', range: e.range,
            message: messages.sameTextElsewhere(e.id, others[0].id),
            related: others.map((o) => ({ uri: o.uri, range: o.range, message: `same text as '${o.id}' in ${shortName(o.uri)}` })),
            fixes: [],
          });
        }
      }
    }
    return out;
  }

  private collectAffected(entries: Entry[], into: Set<string>): void {
    for (const e of entries) {
      if (e.id) for (const o of this.byId.get(e.id) ?? []) into.add(o.uri);
      if (e.hash) for (const o of this.byHash.get(e.hash) ?? []) into.add(o.uri);
    }
  }
}

function add(map: Map<string, Entry[]>, key: string, e: Entry): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}

function drop(map: Map<string, Entry[]>, key: string, e: Entry): void {
  const list = map.get(key);
  if (!list) return;
  const i = list.indexOf(e);
  if (i >= 0) list.splice(i, 1);
  if (!list.length) map.delete(key);
}

/** One-shot workspace check: SEED012/SEED013 diagnostics per uri (every uri has an entry). */
export function checkWorkspace(files: readonly WorkspaceFile[]): Map<string, SeedDiagnostic[]> {
  const index = new WorkspaceIndex();
  for (const f of files) index.update(f);
  const out = new Map<string, SeedDiagnostic[]>();
  for (const f of files) out.set(f.uri, index.diagnosticsFor(f.uri));
  return out;
}
