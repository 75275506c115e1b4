/* DOM building blocks: elements, lists (paged, sortable), detail views, dialogs for writes (each asks its reason). */
'use strict';
(function (A) {
  /** An element; children are nodes or text (never parsed as HTML: data from the API cannot inject markup). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'on') for (const [ev, fn] of Object.entries(v)) el.addEventListener(ev, fn);
      else if (k === 'class') el.className = v;
      else if (k === 'text') el.textContent = v;
      else if (k === 'value') el.value = v;
      else if (k === 'checked') el.checked = !!v;
      else el.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat(Infinity)) {
      if (c === undefined || c === null || c === false) continue;
      el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return el;
  }

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

  function errorText(err) {
    if (err instanceof A.ApiError) return A.t('ui.error', { code: err.code, message: err.message });
    return A.t('ui.error', { code: 0, message: err && err.message ? err.message : String(err) });
  }

  /** A message at the top of the page: kind is ok or error. */
  function notice(kind, text) {
    const box = document.getElementById('notice');
    if (!box) return;
    clear(box).appendChild(h('div', { class: 'notice ' + kind, role: kind === 'error' ? 'alert' : 'status', 'data-test': 'notice-' + kind }, text,
      h('button', { class: 'link', type: 'button', 'aria-label': A.t('ui.close'), on: { click: () => clear(box) } }, '×')));
  }

  const fmt = {
    time(iso) {
      if (!iso) return '';
      const d = new Date(iso);
      if (isNaN(d)) return String(iso);
      const p = n => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
    },
    bool(v) { return v ? A.t('ui.yes') : A.t('ui.no'); },
    json(v) { return typeof v === 'string' ? v : JSON.stringify(v, null, 2); },
  };

  /** A badge for a status: the word translated, the raw value kept for tests and colours. */
  function status(group, value) {
    return h('span', { class: 'badge s-' + String(value).toLowerCase(), 'data-value': value }, A.tv(group, value));
  }

  function cell(col, row) {
    const v = col.render ? col.render(row) : row[col.key];
    if (v instanceof Node) return v;
    return v === undefined || v === null ? '' : String(v);
  }

  function sortValue(col, row) {
    const v = col.sortBy ? col.sortBy(row) : row[col.key];
    if (v === null || v === undefined) return '';
    if (typeof v === 'number') return v;
    const n = Number(v);
    return v !== '' && !isNaN(n) && /^-?[\d.]+$/.test(String(v)) ? n : String(v).toLowerCase();
  }

  /**
   * A list from a paged endpoint: opts.load({pageNo, pageSize}) answers {list, total}. Page and sort live in
   * opts.state (the route's parameters), so they survive a reload and a new login. Any column sorts the page
   * shown, in both directions.
   */
  function table(opts) {
    const state = opts.state || {};
    let pageNo = Number(state.pageNo) || 1;
    let pageSize = Number(state.pageSize) || opts.pageSize || 20;
    let sortKey = state.sort || null;
    let sortDir = state.dir === 'desc' ? 'desc' : 'asc';
    let rows = [];
    let total = 0;
    const root = h('div', { class: 'list', 'data-test': opts.test || 'list' });

    function remember() {
      if (opts.onState) opts.onState({ pageNo: pageNo > 1 ? pageNo : undefined, pageSize: pageSize !== (opts.pageSize || 20) ? pageSize : undefined,
        sort: sortKey || undefined, dir: sortKey ? sortDir : undefined });
    }

    function sorted() {
      if (!sortKey) return rows;
      const col = opts.columns.find(c => c.key === sortKey);
      if (!col) return rows;
      const out = rows.slice().sort((a, b) => {
        const x = sortValue(col, a), y = sortValue(col, b);
        return x < y ? -1 : x > y ? 1 : 0;
      });
      return sortDir === 'desc' ? out.reverse() : out;
    }

    function draw() {
      clear(root);
      const head = h('tr', {}, opts.columns.map(col => {
        const active = sortKey === col.key;
        const label = A.t(col.label);
        if (col.sort === false) return h('th', { scope: 'col' }, label);
        return h('th', { scope: 'col', 'aria-sort': active ? (sortDir === 'asc' ? 'ascending' : 'descending') : 'none' },
          h('button', { type: 'button', class: 'sort', 'data-sort': col.key, on: { click: () => {
            if (sortKey === col.key) sortDir = sortDir === 'asc' ? 'desc' : 'asc'; else { sortKey = col.key; sortDir = 'asc'; }
            remember(); draw();
          } } }, label, active ? (sortDir === 'asc' ? ' ▲' : ' ▼') : ''));
      }));
      const body = sorted().map(row => h('tr', { 'data-row': opts.rowKey ? row[opts.rowKey] : undefined },
        opts.columns.map(col => h('td', { 'data-label': A.t(col.label), class: col.cls }, cell(col, row)))));
      root.appendChild(h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, head),
        h('tbody', {}, body.length ? body : h('tr', {}, h('td', { colspan: opts.columns.length, class: 'empty' }, A.t('ui.empty')))))));
      const pages = Math.max(1, Math.ceil(total / pageSize));
      root.appendChild(h('div', { class: 'pager' },
        h('button', { type: 'button', disabled: pageNo <= 1, 'data-test': 'prev', on: { click: () => { pageNo--; remember(); load(); } } }, A.t('ui.prev')),
        h('span', { 'data-test': 'page' }, A.t('ui.pageOf', { page: pageNo, pages, total })),
        h('button', { type: 'button', disabled: pageNo >= pages, 'data-test': 'next', on: { click: () => { pageNo++; remember(); load(); } } }, A.t('ui.next')),
        h('label', {}, A.t('ui.pageSize') + ' ', h('select', { on: { change: e => { pageSize = Number(e.target.value); pageNo = 1; remember(); load(); } } },
          [10, 20, 50, 100].map(n => h('option', { value: n, selected: n === pageSize }, String(n)))))));
    }

    async function load() {
      root.setAttribute('aria-busy', 'true');
      try {
        const page = await opts.load({ pageNo, pageSize });
        rows = page.list || [];
        total = page.total || 0;
        draw();
      } catch (e) {
        clear(root).appendChild(h('div', { class: 'notice error', role: 'alert', 'data-test': 'list-error' }, errorText(e)));
      } finally {
        root.removeAttribute('aria-busy');
      }
    }

    root.reload = load;
    load();
    return root;
  }

  /** A list from an endpoint answering a plain array: paged here so long lists stay usable. */
  function arrayPage(list, p) {
    const all = list || [];
    return { list: all.slice((p.pageNo - 1) * p.pageSize, p.pageNo * p.pageSize), total: all.length };
  }

  /** Label/value pairs of one object: fields [[labelKey, value or node]]. */
  function kv(fields) {
    return h('dl', { class: 'kv' }, fields.filter(f => f).flatMap(([label, value]) => [h('dt', {}, A.t(label)),
      h('dd', {}, value instanceof Node ? value : (value === undefined || value === null ? '' : String(value)))]));
  }

  function input(f) {
    const id = 'f-' + f.name;
    const common = { id, name: f.name, required: f.required, placeholder: f.placeholder, 'data-field': f.name, autocomplete: f.autocomplete || 'off',
      maxlength: f.maxlength };
    let control;
    if (f.type === 'select') {
      // a required choice without a value starts empty, so the operator picks it: nothing is preselected
      const options = f.required && f.value === undefined ? [['', '—']].concat(f.options || []) : (f.options || []);
      control = h('select', common, options.map(o => {
        const [value, label] = Array.isArray(o) ? o : [o, f.optionGroup ? A.tv(f.optionGroup, o) : o];
        return h('option', { value, selected: String(f.value) === String(value) }, label);
      }));
    } else if (f.type === 'multi') {
      control = h('fieldset', { class: 'multi', 'data-field': f.name }, (f.options || []).map(o => h('label', {},
        h('input', { type: 'checkbox', value: o, checked: (f.value || []).includes(o) }), ' ', f.optionGroup ? A.tv(f.optionGroup, o) : o)));
    } else if (f.type === 'textarea') {
      control = h('textarea', Object.assign({ rows: f.rows || 3 }, common), f.value || '');
    } else if (f.type === 'checkbox') {
      control = h('input', Object.assign({ type: 'checkbox', checked: f.value }, common));
    } else {
      control = h('input', Object.assign({ type: f.type || 'text', value: f.value, inputmode: f.inputmode }, common));
    }
    return h('div', { class: 'field' + (f.type === 'checkbox' ? ' inline' : '') }, h('label', { for: id }, A.t(f.label)), control,
      f.hint ? h('small', {}, A.t(f.hint)) : null);
  }

  function values(form, fields) {
    const out = {};
    for (const f of fields) {
      const el = form.querySelector('[data-field="' + f.name + '"]');
      if (!el) continue;
      if (f.type === 'multi') out[f.name] = Array.from(el.querySelectorAll('input:checked'), i => i.value);
      else if (f.type === 'checkbox') out[f.name] = el.checked;
      else out[f.name] = el.value.trim() === '' ? undefined : el.value.trim();
    }
    return out;
  }

  /**
   * A modal form for one write: its fields, then the reason (unless reason: false), then Confirm.
   * submit(values, key, once) does the call: key is the Idempotency-Key, reused while the values stay the same, so a
   * retry after a lost answer never acts twice; once is fixed for the dialog's life, for a request's own number
   * (a credit's requestId, a funding's fundingNo), so even a retry with an edited reason moves the money once.
   * Errors stay in the dialog with their code.
   */
  function dialog(opts) {
    const fields = (opts.fields || []).slice();
    // the services take a reason of at most 255 characters; a caller that prefixes it asks for less
    if (opts.reason !== false) fields.push({ name: 'reason', label: 'ui.reason', type: 'textarea', required: true, rows: 2, maxlength: opts.reasonMax || 255 });
    let lastBody = null;
    let lockedBody = null;
    let key = null;
    const once = A.api.newKey();
    const error = h('div', { class: 'dialog-error', role: 'alert', 'data-test': 'dialog-error' });
    const form = h('form', { class: 'dialog-form', novalidate: true }, opts.intro ? h('p', {}, opts.intro) : null, fields.map(input), error,
      h('div', { class: 'buttons' },
        h('button', { type: 'button', class: 'secondary', on: { click: () => close() } }, A.t('ui.cancel')),
        h('button', { type: 'submit', class: opts.danger ? 'danger' : 'primary', 'data-test': 'confirm' }, A.t(opts.confirm || 'ui.confirm'))));
    const box = h('div', { class: 'overlay', 'data-test': 'dialog' }, h('div', { class: 'dialog', role: 'dialog', 'aria-modal': 'true', 'aria-label': A.t(opts.title) },
      h('h2', {}, A.t(opts.title)), form));
    function close() { box.remove(); }
    form.addEventListener('submit', async e => {
      e.preventDefault();
      clear(error);
      const v = values(form, fields);
      // the services take a reason as one line of plain text: line breaks the operator typed become spaces
      if (v.reason !== undefined) v.reason = v.reason.replace(/\s+/g, ' ');
      for (const f of fields) {
        if (f.required && (v[f.name] === undefined || (Array.isArray(v[f.name]) && !v[f.name].length))) {
          error.textContent = f.name === 'reason' ? A.t('ui.reasonRequired') : A.t(f.label) + ' ?';
          return;
        }
      }
      const body = lockedBody || JSON.stringify(v);
      if (lockedBody) Object.assign(v, JSON.parse(lockedBody));
      if (body !== lastBody) { key = A.api.newKey(); lastBody = body; }
      const submit = form.querySelector('[type=submit]');
      submit.disabled = true;
      try {
        const result = await opts.submit(v, key, once);
        close();
        if (opts.done) opts.done(result, v); else notice('ok', A.t('ui.done'));
      } catch (err) {
        error.textContent = errorText(err);
        if (err instanceof A.ApiError && (err.status === 0 || err.status >= 500 || err.code === 11032)) {
          // the outcome is unknown: only the very same request may go again (same key, same request number),
          // so the answer it gets is the first one's, never a second effect
          form.querySelectorAll('input, select, textarea').forEach(el => { el.readOnly = true; if (el.tagName === 'SELECT' || el.type === 'checkbox') el.disabled = true; });
          error.textContent += ' ' + A.t('ui.retrySame');
          lockedBody = body;
        }
      } finally {
        submit.disabled = false;
      }
    });
    document.body.appendChild(box);
    const first = form.querySelector('input,select,textarea');
    if (first) first.focus();
    return box;
  }

  /** A button for a write, or nothing when the operator's roles do not allow it (the API would refuse it anyway). */
  function action(label, opts) {
    if (opts.permission && !A.session.can(opts.permission)) return null;
    return h('button', { type: 'button', class: opts.danger ? 'danger' : 'primary', 'data-action': opts.test || label,
      on: { click: () => dialog(Object.assign({ title: label }, opts)) } }, A.t(label));
  }

  /** A search form over a list: fields, with values kept in the route. */
  function filters(fields, current, onSearch) {
    const f = fields.map(x => Object.assign({}, x, { value: current[x.name], required: false }));
    const form = h('form', { class: 'filters', role: 'search' }, f.map(input),
      h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'search' }, A.t('ui.search')),
        h('button', { type: 'button', class: 'secondary', on: { click: () => onSearch({}) } }, A.t('ui.reset'))));
    form.addEventListener('submit', e => { e.preventDefault(); onSearch(values(form, f)); });
    return form;
  }

  /** A section with a title and optional buttons. */
  function section(title, buttons, ...content) {
    return h('section', { class: 'card' }, h('header', {}, h('h2', {}, A.t(title)), h('div', { class: 'buttons' }, buttons || [])), content);
  }

  A.ui = { h, clear, errorText, notice, fmt, status, table, arrayPage, kv, dialog, action, filters, section, input };
})(window.A);
