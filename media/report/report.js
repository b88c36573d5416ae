// @ts-check
// The Entity Report page. Data arrives from the extension ('data', 'documents'); search, type
// filter, sort and chart run here (SeedReportModel, media/report/report-model.js). Every entity
// text goes into the page through textContent, never as markup. The view state (sort, filter,
// selection, rows shown) is kept with setState, so the page comes back as it was when its tab
// is shown again.
(function () {
  'use strict';
  /* global acquireVsCodeApi, SeedReportModel */
  // @ts-ignore provided by VS Code
  const vscode = acquireVsCodeApi();
  // @ts-ignore loaded by the previous script
  const M = SeedReportModel;

  const PAGE = 500;
  const CHART_BARS = 15;
  const TYPE_LABELS = { person: 'People', place: 'Places', organization: 'Organisations' };
  const TYPE_SINGULAR = { person: 'person', place: 'place', organization: 'organisation' };
  const COLUMN_LABELS = { canonical: 'Entity', type: 'Type', mentions: 'Mentions', documents: 'Documents' };
  const SVG = 'http://www.w3.org/2000/svg';

  const saved = vscode.getState() || {};
  const state = {
    sort: saved.sort || { column: 'mentions', direction: 'descending' },
    query: typeof saved.query === 'string' ? saved.query : '',
    types: Object.assign({ person: true, place: true, organization: true }, saved.types || {}),
    selected: typeof saved.selected === 'string' ? saved.selected : undefined,
    shown: typeof saved.shown === 'number' ? saved.shown : PAGE,
  };

  /** @type {{version: number, status: {building: boolean, done?: number, total?: number}, rows: any[]}} */
  let data = { version: 0, status: { building: true }, rows: [] };
  /** @type {Map<string, any>} */
  let byKey = new Map();
  /** @type {any[]} the filtered, sorted rows */
  let view = [];
  /** @type {{key: string, documents: any[]} | undefined} */
  let docs;
  let received = false;

  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const search = /** @type {HTMLInputElement} */ ($('search'));
  const more = /** @type {HTMLButtonElement} */ ($('more'));

  /**
   * A new element with a class and text.
   * @param {string} tag @param {string} [className] @param {string} [text]
   */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function save() {
    vscode.setState({ sort: state.sort, query: state.query, types: state.types, selected: state.selected, shown: state.shown });
  }

  function recompute() {
    view = M.sortRows(M.filterRows(data.rows, { query: state.query, types: state.types }), state.sort);
  }

  function renderNotice() {
    const notice = $('notice');
    const content = $('content');
    const status = data.status || { building: false };
    let text = '';
    if (!received) text = 'Loading the entity report…';
    else if (status.building) {
      const progress = status.total ? ` (${status.done || 0} of ${status.total} files)` : '';
      text = data.rows.length ? `Updating the entity index${progress}…` : `Building the entity index${progress}…`;
    } else if (data.rows.length === 0) {
      text = 'No entities yet: the seed files of this workspace mention no person, place or organisation.';
    }
    notice.textContent = text;
    notice.hidden = text === '';
    notice.classList.toggle('busy', received && !!status.building);
    content.hidden = received && data.rows.length === 0;
  }

  function renderTypes() {
    const counts = M.typeCounts(data.rows);
    const box = $('types');
    box.replaceChildren();
    for (const type of M.TYPES) {
      const button = el('button', `type-toggle type-${type}`);
      button.setAttribute('type', 'button');
      button.setAttribute('aria-pressed', String(state.types[type] !== false));
      button.dataset.type = type;
      button.append(el('span', 'swatch'), el('span', 'label', TYPE_LABELS[type]), el('span', 'count', String(counts[type] || 0)));
      button.title = `Show or hide ${TYPE_LABELS[type].toLowerCase()}`;
      box.append(button);
    }
  }

  function renderHead() {
    const head = $('head');
    head.replaceChildren();
    for (const column of Object.keys(COLUMN_LABELS)) {
      const th = el('th', `col-${column}`);
      th.setAttribute('scope', 'col');
      const active = state.sort.column === column;
      th.setAttribute('aria-sort', active ? state.sort.direction : 'none');
      const button = el('button', 'sort');
      button.setAttribute('type', 'button');
      button.dataset.column = column;
      button.append(el('span', 'label', COLUMN_LABELS[column]), el('span', 'arrow', active ? (state.sort.direction === 'ascending' ? '▲' : '▼') : ''));
      button.title = `Sort by ${COLUMN_LABELS[column].toLowerCase()}`;
      th.append(button);
      head.append(th);
    }
  }

  function renderChart() {
    const chart = $('chart');
    chart.replaceChildren();
    const top = M.topMentioned(view, CHART_BARS);
    for (const { row, fraction } of top) {
      const item = el('div', `bar-row type-${row.t}`);
      item.setAttribute('role', 'listitem');
      const label = el('button', 'bar-label', row.c);
      label.setAttribute('type', 'button');
      label.dataset.key = row.k;
      label.setAttribute('aria-label', `${row.c}, ${TYPE_SINGULAR[row.t]}: ${row.m} mentions`);
      label.title = `${row.c} (${TYPE_SINGULAR[row.t]})`;
      if (row.k === state.selected) label.classList.add('selected');
      const svg = document.createElementNS(SVG, 'svg');
      svg.setAttribute('class', 'bar-track');
      svg.setAttribute('height', '14');
      svg.setAttribute('aria-hidden', 'true');
      svg.setAttribute('focusable', 'false');
      const rect = document.createElementNS(SVG, 'rect');
      rect.setAttribute('class', `bar type-${row.t}`);
      rect.setAttribute('x', '0');
      rect.setAttribute('y', '1');
      rect.setAttribute('height', '12');
      rect.setAttribute('rx', '2');
      rect.setAttribute('width', `${(fraction * 100).toFixed(2)}%`);
      svg.append(rect);
      item.append(label, svg, el('span', 'bar-value', String(row.m)));
      chart.append(item);
    }
    $('chart-title').textContent = top.length ? `Most mentioned (top ${top.length})` : 'Most mentioned';
  }

  function renderRows() {
    const body = $('rows');
    const table = $('table');
    state.shown = M.visibleCount(view.length, state.shown, PAGE);
    const fragment = document.createDocumentFragment();
    const count = Math.min(view.length, state.shown);
    let focusable = false;
    for (let i = 0; i < count; i++) {
      const row = view[i];
      const tr = el('tr', `type-${row.t}`);
      tr.dataset.key = row.k;
      tr.setAttribute('aria-rowindex', String(i + 2));
      const selected = row.k === state.selected;
      tr.setAttribute('aria-selected', String(selected));
      tr.tabIndex = selected ? 0 : -1;
      if (selected) focusable = true;
      const name = el('td', 'name');
      name.append(el('span', 'canonical', row.c));
      if (row.s && row.s.length) {
        const aliases = el('span', 'aliases', row.s.join(', '));
        aliases.title = `Also written: ${row.s.join(', ')}`;
        name.append(aliases);
      }
      const type = el('td', 'type');
      type.append(el('span', 'swatch'), el('span', 'type-name', TYPE_SINGULAR[row.t]));
      tr.append(name, type, el('td', 'num', String(row.m)), el('td', 'num', String(row.d)));
      fragment.append(tr);
    }
    if (count === 0 && received && data.rows.length > 0) {
      const tr = el('tr', 'empty');
      const td = el('td', '', 'No entity matches the search and type filter.');
      td.setAttribute('colspan', '4');
      tr.append(td);
      fragment.append(tr);
    }
    body.replaceChildren(fragment);
    if (!focusable && body.firstElementChild) /** @type {HTMLElement} */ (body.firstElementChild).tabIndex = 0;
    table.setAttribute('aria-rowcount', String(view.length + 1));
    more.hidden = count >= view.length;
    more.textContent = `Show ${Math.min(PAGE, view.length - count)} more (${count} of ${view.length} shown)`;
    const total = data.rows.length;
    $('summary').textContent = view.length === total ? `${total} entities` : `${view.length} of ${total} entities`;
  }

  function renderDetails() {
    const list = $('documents');
    const title = $('details-title');
    const hint = $('details-hint');
    list.replaceChildren();
    const row = state.selected !== undefined ? byKey.get(state.selected) : undefined;
    if (!row) {
      title.textContent = 'Documents';
      hint.textContent = 'Select an entity to list the documents that mention it.';
      hint.hidden = false;
      return;
    }
    title.textContent = `${row.c}`;
    const current = docs && docs.key === row.k ? docs.documents : undefined;
    hint.hidden = false;
    hint.textContent = current
      ? `${TYPE_SINGULAR[row.t]} · ${row.m} mention${row.m === 1 ? '' : 's'} in ${current.length} document${current.length === 1 ? '' : 's'}`
      : 'Loading documents…';
    for (const d of current || []) {
      const li = el('li');
      const button = el('button', 'document');
      button.setAttribute('type', 'button');
      button.dataset.index = String(d.i);
      button.title = `Open ${d.docId} at its first mention of ${row.c}`;
      button.append(el('span', 'headline', d.headline || '(no headline)'));
      const meta = el('span', 'meta');
      meta.append(el('span', 'doc-id', d.docId), el('span', 'file', d.file));
      // The review status (a bare file's from its folder's ledger), as the Seed Corpus view shows it.
      if (typeof d.status === 'string') meta.append(el('span', `doc-status status-${d.status}`, d.status));
      meta.append(el('span', 'doc-count', `${d.count}×`));
      button.append(meta);
      li.append(button);
      list.append(li);
    }
  }

  function report() {
    const current = docs && docs.key === state.selected ? docs.documents : undefined;
    vscode.postMessage({
      type: 'rendered',
      state: {
        version: data.version,
        building: !!(data.status && data.status.building),
        total: data.rows.length,
        filtered: view.length,
        shownRows: Math.min(view.length, state.shown),
        firstRows: view.slice(0, 20).map((r) => r.c),
        typeCounts: M.typeCounts(data.rows),
        bars: $('chart').childElementCount,
        sort: state.sort,
        query: state.query,
        types: state.types,
        selected: state.selected,
        documents: state.selected !== undefined && current ? current.length : undefined,
        documentStatuses: state.selected !== undefined && current ? current.slice(0, 20).map((d) => `${d.docId} ${d.status || ''}`.trim()) : undefined,
        renderMs,
      },
    });
  }

  let renderMs = 0;

  function renderAll() {
    const started = performance.now();
    recompute();
    renderNotice();
    renderTypes();
    renderHead();
    renderChart();
    renderRows();
    renderDetails();
    save();
    renderMs = Math.round(performance.now() - started);
    report();
  }

  /** @param {string | undefined} key @param {boolean} [focus] */
  function select(key, focus) {
    if (key !== undefined && !byKey.has(key)) return;
    state.selected = key;
    docs = undefined;
    if (key !== undefined) {
      // Make sure the row is rendered (it may sit past the rows shown so far).
      const index = view.findIndex((r) => r.k === key);
      if (index >= state.shown) state.shown = index + 1;
      vscode.postMessage({ type: 'selectEntity', key });
    }
    renderChart();
    renderRows();
    renderDetails();
    save();
    report();
    if (focus !== false && key !== undefined) {
      const tr = /** @type {HTMLElement | null} */ (document.querySelector(`#rows tr[data-key="${CSS.escape(key)}"]`));
      if (tr) {
        tr.focus({ preventScroll: true });
        tr.scrollIntoView({ block: 'nearest' });
      }
    }
  }

  // --- events ---------------------------------------------------------------------------------

  search.value = state.query;
  let searchTimer;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      state.query = search.value;
      state.shown = PAGE;
      renderAll();
    }, 120);
  });

  $('types').addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-type]');
    if (!(button instanceof HTMLElement) || !button.dataset.type) return;
    const type = button.dataset.type;
    state.types[type] = state.types[type] === false;
    state.shown = PAGE;
    renderAll();
    const again = document.querySelector(`#types button[data-type="${type}"]`);
    if (again instanceof HTMLElement) again.focus();
  });

  $('head').addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-column]');
    if (!(button instanceof HTMLElement) || !button.dataset.column) return;
    const column = button.dataset.column;
    state.sort = M.nextSort(state.sort, column);
    renderAll();
    const again = document.querySelector(`#head button[data-column="${column}"]`);
    if (again instanceof HTMLElement) again.focus();
  });

  const rows = $('rows');
  rows.addEventListener('click', (event) => {
    const tr = /** @type {HTMLElement} */ (event.target).closest('tr[data-key]');
    if (tr instanceof HTMLElement) select(tr.dataset.key);
  });
  rows.addEventListener('keydown', (event) => {
    const tr = /** @type {HTMLElement} */ (event.target).closest('tr[data-key]');
    if (!(tr instanceof HTMLElement)) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      select(tr.dataset.key);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? tr.nextElementSibling : tr.previousElementSibling;
      if (next instanceof HTMLElement && next.dataset.key) {
        tr.tabIndex = -1;
        next.tabIndex = 0;
        next.focus();
      }
    }
  });

  $('chart').addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-key]');
    if (button instanceof HTMLElement) select(button.dataset.key);
  });

  more.addEventListener('click', () => {
    state.shown += PAGE;
    renderRows();
    save();
    report();
  });

  $('documents').addEventListener('click', (event) => {
    const button = /** @type {HTMLElement} */ (event.target).closest('button[data-index]');
    if (!(button instanceof HTMLElement) || state.selected === undefined) return;
    vscode.postMessage({ type: 'open', key: state.selected, index: Number(button.dataset.index) });
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    switch (message.type) {
      case 'data': {
        received = true;
        data = { version: message.version, status: message.status || { building: false }, rows: M.prepare(message.rows || []) };
        byKey = new Map(data.rows.map((r) => [r.k, r]));
        docs = undefined;
        if (state.selected !== undefined && !byKey.has(state.selected)) state.selected = undefined;
        renderAll();
        if (state.selected !== undefined) vscode.postMessage({ type: 'selectEntity', key: state.selected });
        break;
      }
      case 'status':
        data.status = message.status || { building: false };
        renderNotice();
        report();
        break;
      case 'documents':
        if (message.key !== state.selected) return;
        docs = { key: message.key, documents: Array.isArray(message.documents) ? message.documents : [] };
        renderDetails();
        report();
        break;
      case 'select':
        select(message.key);
        break;
      case 'view':
        if (typeof message.query === 'string') {
          state.query = message.query;
          search.value = message.query;
        }
        if (message.types) Object.assign(state.types, message.types);
        if (message.sort) state.sort = message.sort;
        state.shown = PAGE;
        renderAll();
        break;
    }
  });

  renderAll();
  vscode.postMessage({ type: 'ready' });
})();
