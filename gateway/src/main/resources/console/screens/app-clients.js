/* App clients (the apps' signature keys): list, issue (the secret shown once), rotate with a grace period, disable, enable. */
'use strict';
(function (A) {
  const { h, clear, fmt, status } = A.ui;
  const C = '/admin-api/user/app-clients';

  A.i18n.add({
    en: {
      'appClients.title': 'App clients', 'appClient.keyId': 'Key id', 'appClient.keyIdHint': '4-32 letters, digits, _ or -',
      'appClient.name': 'Name', 'appClient.enabled': 'Enabled', 'appClient.create': 'New app client', 'appClient.rotate': 'Rotate secret',
      'appClient.grace': 'Old secrets valid for (seconds)', 'appClient.graceHint': '0 to 2592000 (30 days); 0 cuts the old secrets off at once',
      'appClient.disable': 'Disable', 'appClient.enable': 'Enable',
      'appClient.disableIntro': 'Requests signed by app client {keyId} are refused until it is enabled again.',
      'appClient.secret': 'Secret of app client {keyId}:',
      'appClient.secretOnce': 'It is shown only this once and cannot be read again: put it in the app\'s configuration now.',
      'appClient.status.true': 'enabled', 'appClient.status.false': 'disabled',
    },
    'zh-CN': {
      'appClients.title': 'App 客户端', 'appClient.keyId': 'Key ID', 'appClient.keyIdHint': '4-32 位字母、数字、_ 或 -',
      'appClient.name': '名称', 'appClient.enabled': '启用', 'appClient.create': '新建 App 客户端', 'appClient.rotate': '轮换密钥',
      'appClient.grace': '旧密钥保留（秒）', 'appClient.graceHint': '0 到 2592000（30 天）；0 表示旧密钥立即失效',
      'appClient.disable': '停用', 'appClient.enable': '启用',
      'appClient.disableIntro': '由 App 客户端 {keyId} 签名的请求将被拒绝，直到重新启用。',
      'appClient.secret': 'App 客户端 {keyId} 的密钥：',
      'appClient.secretOnce': '密钥仅显示这一次，之后无法再查看：请立即配置到 App 中。',
      'appClient.status.true': '已启用', 'appClient.status.false': '已停用',
    },
  });

  A.screen({
    id: 'app-clients', label: 'appClients.title', permission: 'APP_CLIENT_MANAGE',
    render(main, params, route) {
      const secretBox = h('div', { 'data-test': 'app-secret-box' });
      let list = null;
      const refresh = () => list.reload();
      // a new secret is in this answer only: shown in the page, never stored
      const showSecret = c => {
        clear(secretBox).appendChild(h('div', { class: 'notice ok', role: 'status' },
          h('p', {}, A.t('appClient.secret', { keyId: c.keyId })), h('p', {}, h('code', { 'data-test': 'app-secret' }, c.secret)),
          h('p', {}, A.t('appClient.secretOnce'))));
        refresh();
      };
      const path = c => C + '/' + encodeURIComponent(c.keyId);
      const rowActions = c => h('div', { class: 'buttons' },
        A.ui.action('appClient.rotate', { permission: 'APP_CLIENT_MANAGE', test: 'rotate-app-client',
          fields: [{ name: 'graceSeconds', label: 'appClient.grace', type: 'number', value: '86400', hint: 'appClient.graceHint', required: true }],
          submit: (v, key) => A.api.post(path(c) + '/rotate', { graceSeconds: Number(v.graceSeconds), reason: v.reason }, { key }), done: showSecret }),
        c.enabled
          ? A.ui.action('appClient.disable', { permission: 'APP_CLIENT_MANAGE', test: 'disable-app-client', danger: true,
            intro: A.t('appClient.disableIntro', { keyId: c.keyId }),
            submit: (v, key) => A.api.post(path(c) + '/disable', { reason: v.reason }, { key }), done: refresh })
          : A.ui.action('appClient.enable', { permission: 'APP_CLIENT_MANAGE', test: 'enable-app-client',
            submit: (v, key) => A.api.post(path(c) + '/enable', { reason: v.reason }, { key }), done: refresh }));
      list = A.ui.table({
        test: 'app-clients', rowKey: 'keyId', state: params, onState: s => route.set(s),
        columns: [
          { key: 'keyId', label: 'appClient.keyId', render: c => h('code', {}, c.keyId) }, { key: 'name', label: 'appClient.name' },
          { key: 'enabled', label: 'ui.status', render: c => status('appClient.status', !!c.enabled) },
          { key: 'createdAt', label: 'ui.createdAt', render: c => fmt.time(c.createdAt) },
          { key: 'actions', label: 'ui.actions', sort: false, render: rowActions },
        ],
        load: async p => A.ui.arrayPage(await A.api.get(C), p),
      });
      main.append(h('h1', {}, A.t('appClients.title')), secretBox,
        A.ui.section('appClients.title', [A.ui.action('appClient.create', {
          permission: 'APP_CLIENT_MANAGE', test: 'create-app-client',
          fields: [{ name: 'keyId', label: 'appClient.keyId', hint: 'appClient.keyIdHint', required: true },
            { name: 'name', label: 'appClient.name', required: true }],
          submit: (v, key) => A.api.post(C, v, { key }), done: showSecret,
        })], list));
    },
  });
})(window.A);
