/* The shell: screens, the hash route (#/screen?filters), the menu by permission, language, session expiry. */
'use strict';
(function (A) {
  const { h, clear } = A.ui;
  const screens = [];
  const RETURN = 'apay.console.return';

  /**
   * Registers a screen: {id, label, permission (to see it), group, render(main, params, route)}. Screens call
   * route.set(params) to keep their state (filters, page, sort) in the URL.
   */
  A.screen = function (s) { screens.push(s); };

  function parse() {
    const raw = location.hash.replace(/^#\/?/, '');
    const [id, q] = raw.split('?');
    try {
      return { id: decodeURIComponent(id || 'dashboard'), params: Object.fromEntries(new URLSearchParams(q || '')) };
    } catch (e) {
      return { id: 'dashboard', params: {} }; // a mangled link: the dashboard rather than a blank page
    }
  }

  function href(id, params) { return '#/' + encodeURIComponent(id) + A.api.query(params); }

  /** Opens a screen. */
  A.go = function (id, params) { location.hash = href(id, params); };
  A.href = href;

  function allowed(s) { return !s.permission || A.session.can(s.permission); }

  function layout(current) {
    const s = A.session.get();
    const nav = h('nav', { class: 'menu', id: 'menu', 'aria-label': A.t('app.menu') }, screens.filter(x => x.label && allowed(x)).map(x =>
      h('a', { href: href(x.id), class: x.id === current ? 'active' : '', 'data-nav': x.id, 'aria-current': x.id === current ? 'page' : false }, A.t(x.label))));
    const header = h('header', { class: 'top' },
      h('button', { type: 'button', class: 'menu-toggle', 'aria-controls': 'menu', 'aria-label': A.t('app.menu'),
        on: { click: () => document.body.classList.toggle('menu-open') } }, '☰'),
      h('strong', { class: 'brand' }, A.t('app.title')),
      h('span', { class: 'who', 'data-test': 'who' }, A.t('app.signedInAs', { name: s.username, roles: s.roles.map(r => A.tv('role', r)).join(', ') })),
      h('button', { type: 'button', class: 'link', 'data-test': 'lang', on: { click: () => { A.i18n.set(A.i18n.lang === 'en' ? 'zh-CN' : 'en'); render(); } } }, A.t('app.lang')),
      h('button', { type: 'button', class: 'link', 'data-test': 'logout', on: { click: logout } }, A.t('app.logout')));
    const main = h('main', { id: 'main' });
    clear(document.getElementById('app')).append(header, h('div', { class: 'body' }, nav, h('div', { class: 'content' }, h('div', { id: 'notice' }), main)));
    return main;
  }

  async function logout() {
    try { await A.api.post('/admin-api/user/auth/logout'); } catch (e) { /* the session may be gone already */ }
    A.session.clear();
    sessionStorage.removeItem(RETURN);
    location.hash = '';
    A.auth.login();
  }

  async function render() {
    document.body.classList.remove('menu-open');
    if (!A.session.get()) { A.auth.login(); return; }
    const route = parse();
    if (route.id === 'login' || route.id === 'activate') { location.hash = href('dashboard'); return; }
    const main = layout(route.id);
    const screen = screens.find(x => x.id === route.id);
    document.title = A.t('app.title');
    if (!screen) { main.appendChild(h('p', { class: 'notice error', role: 'alert' }, A.t('app.notFound'))); main.setAttribute('data-ready', route.id); return; }
    if (!allowed(screen)) {
      main.appendChild(h('p', { class: 'notice error', role: 'alert', 'data-test': 'forbidden' }, A.t('app.forbidden')));
      main.setAttribute('data-ready', route.id);
      return;
    }
    if (screen.label) document.title = A.t(screen.label) + ' · ' + A.t('app.title');
    const ctx = {
      params: route.params,
      /** Keeps the screen's state in the URL without drawing it again. */
      set(params) {
        const clean = Object.fromEntries(Object.entries(Object.assign({}, ctx.params, params)).filter(([, v]) => v !== undefined && v !== null && v !== ''));
        ctx.params = clean;
        history.replaceState(null, '', href(route.id, clean));
      },
      /** Draws the screen again with these parameters (a new search). */
      open(params) { A.go(route.id, params); },
      reload: render,
    };
    try {
      await screen.render(main, route.params, ctx);
    } catch (e) {
      main.appendChild(h('p', { class: 'notice error', role: 'alert', 'data-test': 'screen-error' }, A.ui.errorText(e)));
    }
    main.setAttribute('data-ready', route.id); // drawn (its lists may still be loading: they carry aria-busy)
  }

  /** After a 401: back to login; the screen and its filters (the route) are kept and reopened after login. */
  A.api.onExpired = function () {
    const route = location.hash;
    if (route && !route.startsWith('#/login')) sessionStorage.setItem(RETURN, route);
    document.querySelectorAll('.overlay').forEach(o => o.remove());
    A.auth.login(A.t('app.expired'));
  };

  /** After login: where the operator was, or the dashboard. */
  A.afterLogin = function () {
    const back = sessionStorage.getItem(RETURN);
    sessionStorage.removeItem(RETURN);
    const target = back || href('dashboard');
    if (location.hash === target) render(); else location.hash = target;
  };

  A.start = function () {
    window.addEventListener('hashchange', render);
    render();
  };
})(window.A);
