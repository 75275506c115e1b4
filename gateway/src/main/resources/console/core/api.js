/* Calls to /admin-api with the operator's session, exactly as curl would (docs/admin.md). */
'use strict';
(function (A) {
  const KEY = 'apay.console.session';

  /** An answer with a non-zero code (or no answer at all): shown to the operator as "Error <code>: <message>". */
  class ApiError extends Error {
    constructor(status, code, message) {
      super(message);
      this.status = status;
      this.code = code;
    }
  }

  function randomKey() {
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) {
      if (v !== undefined && v !== null && v !== '') q.set(k, v);
    }
    const s = q.toString();
    return s ? '?' + s : '';
  }

  const session = {
    get() {
      try { return JSON.parse(sessionStorage.getItem(KEY)); } catch (e) { return null; }
    },
    set(s) { sessionStorage.setItem(KEY, JSON.stringify(s)); },
    clear() { sessionStorage.removeItem(KEY); },
    can(permission) {
      const s = session.get();
      return !!(s && s.permissions && s.permissions.includes(permission));
    },
  };

  async function call(method, path, body, opts) {
    opts = opts || {};
    const headers = { Accept: 'application/json' };
    const s = session.get();
    if (s && !opts.anonymous) headers.Authorization = 'Bearer ' + s.token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    // every write carries an Idempotency-Key: a retry of the same action (opts.key) can never act twice
    if (method !== 'GET') headers['Idempotency-Key'] = opts.key || randomKey();
    let res;
    try {
      res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit' });
    } catch (e) {
      throw new ApiError(0, 0, A.t('ui.networkError'));
    }
    let json = null;
    try { json = await res.json(); } catch (e) { /* not JSON: reported below by status */ }
    if (res.status === 401 && !opts.anonymous) {
      session.clear();
      if (A.api.onExpired) A.api.onExpired();
    }
    if (!res.ok || !json || json.code !== 0) {
      const code = json && typeof json.code === 'number' ? json.code : res.status;
      const message = json && json.message ? json.message : res.statusText || ('HTTP ' + res.status);
      throw new ApiError(res.status, code, message);
    }
    return json.data;
  }

  A.ApiError = ApiError;
  A.session = session;
  A.api = {
    onExpired: null,
    newKey: randomKey,
    query,
    get: (path, params, opts) => call('GET', path + query(params), undefined, opts),
    post: (path, body, opts) => call('POST', path, body === undefined ? {} : body, opts),
    put: (path, body, opts) => call('PUT', path, body === undefined ? {} : body, opts),
  };
})(window.A);
