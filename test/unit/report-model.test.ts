import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { parseWebviewMessage, toReportRows, type ReportRow } from '../../src/core/report-model';
import type { EntitySummary } from '../../src/core/entities/types';

// The webview's own script, loaded as CommonJS (it is plain JS shared with the page).
const load = createRequire(__filename);
interface Model {
  TYPES: string[];
  fold(s: string): string;
  prepare<T>(rows: T[]): T[];
  filterRows(rows: ReportRow[], filter: { query?: string; types?: Record<string, boolean> }): ReportRow[];
  sortRows(rows: ReportRow[], sort: { column: string; direction: string }): ReportRow[];
  nextSort(current: { column: string; direction: string } | undefined, column: string): { column: string; direction: string };
  typeCounts(rows: ReportRow[]): Record<string, number>;
  topMentioned(rows: ReportRow[], n: number): { row: ReportRow; fraction: number }[];
  visibleCount(total: number, wanted: number, page: number): number;
}
const model = load('../../media/report/report-model.js') as Model;

function summary(type: EntitySummary['type'], canonical: string, mentions: number, documents: number, surfaces: string[] = [canonical]): EntitySummary {
  return { key: `${type}:${canonical.toLowerCase()}`, type, canonical, surfaces, mentionCount: mentions, documentCount: documents };
}

const entities = [
  summary('place', 'Reykjavík', 4, 2),
  summary('person', 'Ana Sófia Ribeiro', 3, 1, ['Ana Sófia Ribeiro', 'Ribeiro']),
  summary('organization', 'Port of Antwerp', 3, 3, ['Port of Antwerp', 'the port authority']),
  summary('place', 'Peru', 1, 1),
  summary('person', 'Zelensky', 9, 4, ['Volodymyr Zelensky', 'Zelensky']),
];

function rows(): ReportRow[] {
  return model.prepare(toReportRows(entities));
}

describe('report rows (core)', () => {
  it('are most mentioned first with aliases apart from the canonical name', () => {
    const r = toReportRows(entities);
    // Ties (3, 3) by key, so the order never depends on the index's.
    expect(r.map((x) => x.c)).toEqual(['Zelensky', 'Reykjavík', 'Port of Antwerp', 'Ana Sófia Ribeiro', 'Peru']);
    expect(r[0]).toEqual({ k: 'person:zelensky', t: 'person', c: 'Zelensky', s: ['Volodymyr Zelensky'], m: 9, d: 4 });
    expect(r[2].s).toEqual(['the port authority']);
  });

  it('leaves out aliases that differ from the name only in case', () => {
    const [row] = toReportRows([summary('place', 'Germany', 3, 2, ['Germany', 'GERMANY', 'Deutschland'])]);
    expect(row.s).toEqual(['Deutschland']);
  });

  it('accepts only well-formed webview messages', () => {
    expect(parseWebviewMessage({ type: 'ready' })).toEqual({ type: 'ready' });
    expect(parseWebviewMessage({ type: 'open', key: 'place:peru', index: 2 })).toEqual({ type: 'open', key: 'place:peru', index: 2 });
    expect(parseWebviewMessage({ type: 'open', key: 'place:peru', index: -1 })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'open', key: 'place:peru', index: '1' })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'selectEntity', key: 3 })).toBeUndefined();
    expect(parseWebviewMessage({ type: 'run', command: 'x' })).toBeUndefined();
    expect(parseWebviewMessage(null)).toBeUndefined();
    expect(parseWebviewMessage('ready')).toBeUndefined();
  });
});

describe('report model (webview logic)', () => {
  it('searches canonical names and aliases, ignoring case and accents, every word', () => {
    const r = rows();
    expect(model.filterRows(r, { query: 'reykjavik' }).map((x) => x.c)).toEqual(['Reykjavík']);
    expect(model.filterRows(r, { query: 'VOLODYMYR' }).map((x) => x.c)).toEqual(['Zelensky']);
    expect(model.filterRows(r, { query: 'port authority' }).map((x) => x.c)).toEqual(['Port of Antwerp']);
    expect(model.filterRows(r, { query: 'port peru' })).toEqual([]);
    expect(model.filterRows(r, { query: '   ' })).toHaveLength(5);
  });

  it('filters by type', () => {
    const r = rows();
    expect(model.filterRows(r, { types: { person: false, place: true, organization: false } }).map((x) => x.c)).toEqual(['Reykjavík', 'Peru']);
    expect(model.filterRows(r, { query: 'r', types: { place: false } }).map((x) => x.t)).not.toContain('place');
  });

  it('sorts by every column both ways with a total order', () => {
    const r = rows();
    expect(model.sortRows(r, { column: 'canonical', direction: 'ascending' }).map((x) => x.c))
      .toEqual(['Ana Sófia Ribeiro', 'Peru', 'Port of Antwerp', 'Reykjavík', 'Zelensky']);
    expect(model.sortRows(r, { column: 'canonical', direction: 'descending' }).map((x) => x.c)[0]).toBe('Zelensky');
    // Equal mentions (3, 3): ties by name.
    expect(model.sortRows(r, { column: 'mentions', direction: 'descending' }).map((x) => x.c))
      .toEqual(['Zelensky', 'Reykjavík', 'Ana Sófia Ribeiro', 'Port of Antwerp', 'Peru']);
    expect(model.sortRows(r, { column: 'mentions', direction: 'ascending' }).map((x) => x.c)[0]).toBe('Peru');
    expect(model.sortRows(r, { column: 'documents', direction: 'descending' }).map((x) => x.d)).toEqual([4, 3, 2, 1, 1]);
    expect(model.sortRows(r, { column: 'type', direction: 'ascending' }).map((x) => x.t))
      .toEqual(['person', 'person', 'place', 'place', 'organization']);
    // The input is not reordered.
    expect(r.map((x) => x.c)[0]).toBe('Zelensky');
  });

  it('toggles the direction on the same column, starts counts descending and text ascending', () => {
    expect(model.nextSort({ column: 'mentions', direction: 'descending' }, 'mentions')).toEqual({ column: 'mentions', direction: 'ascending' });
    expect(model.nextSort({ column: 'mentions', direction: 'ascending' }, 'mentions')).toEqual({ column: 'mentions', direction: 'descending' });
    expect(model.nextSort({ column: 'mentions', direction: 'descending' }, 'canonical')).toEqual({ column: 'canonical', direction: 'ascending' });
    expect(model.nextSort(undefined, 'documents')).toEqual({ column: 'documents', direction: 'descending' });
  });

  it('counts entities per type', () => {
    expect(model.typeCounts(rows())).toEqual({ person: 2, place: 2, organization: 1 });
    expect(model.typeCounts([])).toEqual({ person: 0, place: 0, organization: 0 });
  });

  it('scales the chart to the most mentioned, never to an invisible bar', () => {
    const top = model.topMentioned(rows(), 3);
    expect(top.map((b) => [b.row.c, b.fraction])).toEqual([['Zelensky', 1], ['Reykjavík', 4 / 9], ['Ana Sófia Ribeiro', 3 / 9]]);
    const many = model.prepare(toReportRows([summary('place', 'Big', 10_000, 1), summary('place', 'Small', 1, 1)]));
    expect(model.topMentioned(many, 15)[1].fraction).toBe(0.01);
    expect(model.topMentioned([], 15)).toEqual([]);
  });

  it('renders rows in whole pages', () => {
    expect(model.visibleCount(10_000, 500, 500)).toBe(500);
    expect(model.visibleCount(10_000, 501, 500)).toBe(1000);
    expect(model.visibleCount(120, 500, 500)).toBe(120);
    expect(model.visibleCount(10_000, 0, 500)).toBe(500);
  });
});
