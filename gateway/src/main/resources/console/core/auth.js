/* Login (password + authenticator code) and first-login activation (bind the authenticator, set the password). */
'use strict';
(function (A) {
  const { h, clear, input, errorText } = A.ui;

  function page(title, ...content) {
    const app = clear(document.getElementById('app'));
    app.appendChild(h('div', { class: 'auth' }, h('div', { class: 'card auth-card' },
      h('div', { class: 'auth-head' }, h('strong', { class: 'brand' }, A.t('app.title')),
        h('button', { type: 'button', class: 'link', 'data-test': 'lang', on: { click: () => { A.i18n.set(A.i18n.lang === 'en' ? 'zh-CN' : 'en'); title.redraw(); } } }, A.t('app.lang'))),
      h('h1', {}, A.t(title.key)), content)));
  }

  function form(fields, submitLabel, onSubmit) {
    const error = h('div', { class: 'dialog-error', role: 'alert', 'data-test': 'auth-error' });
    const f = h('form', { class: 'dialog-form', novalidate: true }, fields.map(input), error,
      h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'submit' }, A.t(submitLabel))));
    f.addEventListener('submit', async e => {
      e.preventDefault();
      clear(error);
      const v = {};
      for (const x of fields) v[x.name] = f.querySelector('[data-field="' + x.name + '"]').value;
      const button = f.querySelector('[type=submit]');
      button.disabled = true;
      try { await onSubmit(v, error); } catch (err) { error.textContent = errorText(err); } finally { button.disabled = false; }
    });
    return f;
  }

  function login(message) {
    const redraw = () => login(message);
    page({ key: 'login.title', redraw },
      message ? h('p', { class: 'notice info', 'data-test': 'login-notice' }, message) : null,
      form([
        { name: 'username', label: 'login.username', autocomplete: 'username' },
        { name: 'password', label: 'login.password', type: 'password', autocomplete: 'current-password' },
        { name: 'totpCode', label: 'login.totp', inputmode: 'numeric', maxlength: 6, autocomplete: 'one-time-code' },
      ], 'login.submit', async v => {
        const s = await A.api.post('/admin-api/user/auth/login', v, { anonymous: true });
        A.session.set(Object.assign({ username: v.username }, s));
        A.afterLogin();
      }),
      h('p', {}, h('a', { href: '#/activate', 'data-test': 'to-activate', on: { click: e => { e.preventDefault(); activate(); } } }, A.t('login.activate'))));
  }

  function activate() {
    let seed = null;
    const redraw = () => activate();
    const step2 = h('div', { 'data-test': 'activate-step2' });
    page({ key: 'activate.title', redraw },
      form([
        { name: 'username', label: 'login.username', autocomplete: 'username' },
        { name: 'activationCode', label: 'activate.code' },
      ], 'activate.next', async v => {
        seed = await A.api.post('/admin-api/user/auth/activation/totp', v, { anonymous: true });
        clear(step2).append(
          h('p', {}, A.t('activate.scan')),
          h('img', { class: 'qr', alt: 'QR', 'data-test': 'qr', src: 'data:image/png;base64,' + seed.qrPngBase64 }),
          h('p', {}, A.t('activate.secret') + ': ', h('code', { 'data-test': 'secret' }, seed.secret)),
          form([
            { name: 'password', label: 'login.password', type: 'password', autocomplete: 'new-password' },
            { name: 'password2', label: 'activate.password2', type: 'password', autocomplete: 'new-password' },
            { name: 'totpCode', label: 'login.totp', inputmode: 'numeric', maxlength: 6, autocomplete: 'one-time-code' },
          ], 'activate.submit', async (w, error) => {
            if (w.password !== w.password2) { error.textContent = A.t('activate.mismatch'); return; }
            await A.api.post('/admin-api/user/auth/activate', { username: v.username, activationCode: v.activationCode,
              password: w.password, totpCode: w.totpCode }, { anonymous: true });
            login(A.t('activate.done'));
          }));
      }),
      step2,
      h('p', {}, h('a', { href: '#/login', on: { click: e => { e.preventDefault(); login(); } } }, A.t('activate.back'))));
  }

  A.auth = { login, activate };
})(window.A);
