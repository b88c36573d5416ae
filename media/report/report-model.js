// @ts-check
// The Entity Report's pure logic: search, type filter, sorting, per-type counts and chart
// scaling. Plain JS without DOM or VS Code so that the webview loads it as a script and the
// unit tests (test/unit/report-model.test.ts) require it; one implementation for both.
(function (root, factory) {
  const model = factory();
  if (typeof module === 'object' && module.exports) module.exports = model;
  else root.SeedReportModel = model;
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /** The entity types in display order. */
  const TYPES = ['person', 'place', 'organization'];

  /** Columns and whether they sort as numbers (numbers start descending, text ascending). */
  const COLUMNS = { canonical: false, type: false, mentions: true, documents: true };

  /**
   * Folds case and diacritics so that "reykjavik" finds "Reykjavík".
   * @param {string} text
   */
  function fold(text) {
    return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  /**
   * Adds the folded search text (canonical name and every alias) to each row, once per data set.
   * @param {Array<{c: string, s?: string[]}>} rows
   */
  function prepare(rows) {
    for (const row of rows) {
      const names = row.s && row.s.length ? [row.c].concat(row.s) : [row.c];
      Object.defineProperty(row, 'search', { value: fold(names.join('\n')), enumerable: false, writable: true });
    }
    return rows;
  }

  /**
   * The rows matching the query (every whitespace-separated word must occur in the name or an
   * alias) and whose type is enabled.
   * @param {any[]} rows prepared rows
   * @param {{query?: string, types?: Record<string, boolean>}} filter
   */
  function filterRows(rows, filter) {
    const words = fold(filter.query || '').split(/\s+/).filter(Boolean);
    const types = filter.types || {};
    return rows.filter((row) => {
      if (types[row.t] === false) return false;
      if (words.length === 0) return true;
      const text = row.search !== undefined ? row.search : fold(row.c);
      return words.every((w) => text.indexOf(w) >= 0);
    });
  }

  const collator = typeof Intl !== 'undefined' ? new Intl.Collator(undefined, { sensitivity: 'base', numeric: true }) : undefined;
  /** @param {string} a @param {string} b */
  function compareText(a, b) {
    return collator ? collator.compare(a, b) : a < b ? -1 : a > b ? 1 : 0;
  }

  /** @param {any} row @param {string} column */
  function value(row, column) {
    switch (column) {
      case 'mentions': return row.m;
      case 'documents': return row.d;
      case 'type': return TYPES.indexOf(row.t);
      default: return row.c;
    }
  }

  /**
   * A sorted copy. Ties fall back to most mentioned, then name, then key, so the order is total
   * and stable across updates.
   * @param {any[]} rows
   * @param {{column: string, direction: 'ascending' | 'descending'}} sort
   */
  function sortRows(rows, sort) {
    const column = Object.prototype.hasOwnProperty.call(COLUMNS, sort.column) ? sort.column : 'mentions';
    const sign = sort.direction === 'ascending' ? 1 : -1;
    const numeric = column !== 'canonical';
    return rows.slice().sort((a, b) => {
      const va = value(a, column);
      const vb = value(b, column);
      const primary = numeric ? va - vb : compareText(va, vb);
      if (primary !== 0) return sign * primary;
      return b.m - a.m || compareText(a.c, b.c) || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0);
    });
  }

  /**
   * The sort after a click on a column header: the same column flips direction, another column
   * starts descending for counts and ascending for text.
   * @param {{column: string, direction: string} | undefined} current
   * @param {string} column
   */
  function nextSort(current, column) {
    if (current && current.column === column) {
      return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
    }
    return { column, direction: COLUMNS[column] ? 'descending' : 'ascending' };
  }

  /**
   * Entities per type.
   * @param {any[]} rows
   */
  function typeCounts(rows) {
    /** @type {Record<string, number>} */
    const counts = { person: 0, place: 0, organization: 0 };
    for (const row of rows) counts[row.t] = (counts[row.t] || 0) + 1;
    return counts;
  }

  /**
   * The `n` most mentioned rows with their bar length as a fraction of the largest (0..1]. A
   * bar never shrinks to nothing, so a single mention stays visible next to hundreds.
   * @param {any[]} rows
   * @param {number} n
   */
  function topMentioned(rows, n) {
    const top = sortRows(rows, { column: 'mentions', direction: 'descending' }).slice(0, Math.max(0, n));
    const max = top.length ? top[0].m : 0;
    return top.map((row) => ({ row, fraction: max > 0 ? Math.max(0.01, row.m / max) : 0 }));
  }

  /**
   * How many rows to render: the rows asked for, rounded up to whole pages, at most all.
   * @param {number} total
   * @param {number} wanted
   * @param {number} page
   */
  function visibleCount(total, wanted, page) {
    const pages = Math.max(1, Math.ceil(Math.max(wanted, 1) / page));
    return Math.min(total, pages * page);
  }

  return { TYPES, COLUMNS, fold, prepare, filterRows, sortRows, nextSort, typeCounts, topMentioned, visibleCount };
});
