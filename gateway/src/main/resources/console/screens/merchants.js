/* Merchants: list and search, onboard (public key, IP whitelist), suspend/resume, rotate key; callback delivery log. */
'use strict';
(function (A) {
  const { h, fmt, status } = A.ui;
  const M = '/admin-api/merchant/merchants';
  const C = '/admin-api/merchant/callbacks';

  A.i18n.add({
    en: {
      'merchants.title': 'Merchants', 'merchant.title': 'Merchant {no}', 'merchant.no': 'Merchant no.', 'merchant.name': 'Name',
      'merchant.q': 'Merchant no. or name', 'merchant.whitelist': 'IP whitelist', 'merchant.whitelistHint': 'One address or CIDR per line',
      'merchant.publicKey': 'Public key (PEM)', 'merchant.publicKeyHint': 'Paste the merchant\'s RSA public key: -----BEGIN PUBLIC KEY----- …',
      'merchant.onboard': 'Onboard a merchant', 'merchant.suspend': 'Suspend', 'merchant.resume': 'Resume',
      'merchant.rotateKey': 'Rotate key', 'merchant.grace': 'Old key valid for (seconds)', 'merchant.editWhitelist': 'Edit IP whitelist',
      'merchant.keys': 'Keys', 'merchant.fingerprint': 'Fingerprint', 'merchant.validUntil': 'Valid until', 'merchant.registeredAt': 'Registered',
      'merchant.payoutAddresses': 'Payout addresses', 'merchant.network': 'Network', 'merchant.address': 'Address',
      'merchant.status.ACTIVE': 'active', 'merchant.status.SUSPENDED': 'suspended',
      'callbacks.title': 'Callbacks', 'callback.title': 'Callback {id}', 'callback.event': 'Event', 'callback.order': 'Order no.',
      'callback.attempts': 'Attempts', 'callback.nextAttempt': 'Next attempt', 'callback.deliveredAt': 'Delivered',
      'callback.last': 'Last answer', 'callback.redeliver': 'Redeliver', 'callback.failing': 'Failing only', 'callback.payload': 'Body sent',
      'callback.notifyUrl': 'Notify URL', 'callback.notifyId': 'Notify id', 'callback.attemptNo': '#', 'callback.httpStatus': 'HTTP',
      'callback.latency': 'ms', 'callback.response': 'Response', 'callback.error': 'Error', 'callback.acknowledged': 'Acknowledged',
      'callback.status.PENDING': 'pending', 'callback.status.DELIVERED': 'delivered', 'callback.status.GAVE_UP': 'gave up',
    },
    'zh-CN': {
      'merchants.title': '商户', 'merchant.title': '商户 {no}', 'merchant.no': '商户号', 'merchant.name': '名称',
      'merchant.q': '商户号或名称', 'merchant.whitelist': 'IP 白名单', 'merchant.whitelistHint': '每行一个地址或 CIDR',
      'merchant.publicKey': '公钥（PEM）', 'merchant.publicKeyHint': '粘贴商户的 RSA 公钥：-----BEGIN PUBLIC KEY----- …',
      'merchant.onboard': '新增商户', 'merchant.suspend': '暂停', 'merchant.resume': '恢复',
      'merchant.rotateKey': '轮换密钥', 'merchant.grace': '旧密钥保留（秒）', 'merchant.editWhitelist': '修改 IP 白名单',
      'merchant.keys': '密钥', 'merchant.fingerprint': '指纹', 'merchant.validUntil': '有效至', 'merchant.registeredAt': '登记时间',
      'merchant.payoutAddresses': '出款地址', 'merchant.network': '网络', 'merchant.address': '地址',
      'merchant.status.ACTIVE': '正常', 'merchant.status.SUSPENDED': '已暂停',
      'callbacks.title': '回调', 'callback.title': '回调 {id}', 'callback.event': '事件', 'callback.order': '订单号',
      'callback.attempts': '尝试次数', 'callback.nextAttempt': '下次尝试', 'callback.deliveredAt': '送达时间',
      'callback.last': '最近应答', 'callback.redeliver': '重新推送', 'callback.failing': '仅失败的', 'callback.payload': '发送内容',
      'callback.notifyUrl': '通知地址', 'callback.notifyId': '通知 ID', 'callback.attemptNo': '#', 'callback.httpStatus': 'HTTP',
      'callback.latency': '毫秒', 'callback.response': '应答', 'callback.error': '错误', 'callback.acknowledged': '已确认',
      'callback.status.PENDING': '待送达', 'callback.status.DELIVERED': '已送达', 'callback.status.GAVE_UP': '已放弃',
    },
  });

  const lines = s => (s || '').split(/[\s,]+/).map(x => x.trim()).filter(x => x);

  A.screen({
    id: 'merchants', label: 'merchants.title', permission: 'MERCHANT_READ',
    render(main, params, route) {
      const list = A.ui.table({
        test: 'merchants', rowKey: 'merchantNo', state: params, onState: s => route.set(s),
        columns: [
          { key: 'merchantNo', label: 'merchant.no', render: m => h('a', { href: A.href('merchant', { no: m.merchantNo }) }, m.merchantNo) },
          { key: 'name', label: 'merchant.name' },
          { key: 'status', label: 'ui.status', render: m => status('merchant.status', m.status) },
          { key: 'ipWhitelist', label: 'merchant.whitelist', render: m => (m.ipWhitelist || []).join(', ') },
          { key: 'createdAt', label: 'ui.createdAt', render: m => fmt.time(m.createdAt) },
        ],
        load: p => A.api.get(M, { q: params.q, pageNo: p.pageNo, pageSize: p.pageSize }),
      });
      main.append(h('h1', {}, A.t('merchants.title')),
        A.ui.section('merchants.title', [A.ui.action('merchant.onboard', {
          permission: 'MERCHANT_MANAGE', test: 'onboard-merchant',
          fields: [
            { name: 'merchantNo', label: 'merchant.no', required: true },
            { name: 'name', label: 'merchant.name', required: true },
            { name: 'ipWhitelist', label: 'merchant.whitelist', type: 'textarea', hint: 'merchant.whitelistHint', required: true },
            { name: 'publicKeyPem', label: 'merchant.publicKey', type: 'textarea', rows: 6, hint: 'merchant.publicKeyHint', required: true },
          ],
          submit: (v, key) => A.api.post(M, Object.assign({}, v, { ipWhitelist: lines(v.ipWhitelist) }), { key }),
          done: m => A.go('merchant', { no: m.merchantNo }),
        })],
        A.ui.filters([{ name: 'q', label: 'merchant.q' }], params, v => route.open(v)), list));
    },
  });

  A.screen({
    id: 'merchant', permission: 'MERCHANT_READ',
    async render(main, params, route) {
      const m = await A.api.get(M + '/' + encodeURIComponent(params.no));
      const path = M + '/' + encodeURIComponent(m.merchantNo);
      const reload = () => route.reload();
      main.append(h('p', {}, h('a', { href: A.href('merchants') }, '← ' + A.t('merchants.title'))),
        h('h1', {}, A.t('merchant.title', { no: m.merchantNo })),
        A.ui.section('ui.details', [
          m.status === 'ACTIVE'
            ? A.ui.action('merchant.suspend', { permission: 'MERCHANT_MANAGE', danger: true, test: 'suspend-merchant',
              submit: (v, key) => A.api.post(path + '/suspend', v, { key }), done: reload })
            : A.ui.action('merchant.resume', { permission: 'MERCHANT_MANAGE', test: 'resume-merchant',
              submit: (v, key) => A.api.post(path + '/resume', v, { key }), done: reload }),
          A.ui.action('merchant.editWhitelist', { permission: 'MERCHANT_MANAGE', test: 'edit-whitelist',
            fields: [{ name: 'ipWhitelist', label: 'merchant.whitelist', type: 'textarea', hint: 'merchant.whitelistHint', required: true, value: (m.ipWhitelist || []).join('\n') }],
            submit: (v, key) => A.api.put(path + '/ip-whitelist', { ipWhitelist: lines(v.ipWhitelist), reason: v.reason }, { key }), done: reload }),
          A.ui.action('merchant.rotateKey', { permission: 'MERCHANT_MANAGE', test: 'rotate-key',
            fields: [{ name: 'publicKeyPem', label: 'merchant.publicKey', type: 'textarea', rows: 6, required: true, hint: 'merchant.publicKeyHint' },
              { name: 'graceSeconds', label: 'merchant.grace', type: 'number', value: '86400', required: true }],
            submit: (v, key) => A.api.post(path + '/keys', Object.assign({}, v, { graceSeconds: Number(v.graceSeconds) }), { key }), done: reload }),
        ], A.ui.kv([['merchant.no', m.merchantNo], ['merchant.name', m.name], ['ui.status', status('merchant.status', m.status)],
          ['merchant.whitelist', (m.ipWhitelist || []).join(', ')], ['ui.createdAt', fmt.time(m.createdAt)]])),
        A.ui.section('merchant.keys', null, A.ui.table({ test: 'keys', columns: [
          { key: 'fingerprint', label: 'merchant.fingerprint', render: k => h('code', {}, k.fingerprint) },
          { key: 'registeredAt', label: 'merchant.registeredAt', render: k => fmt.time(k.registeredAt) },
          { key: 'validUntil', label: 'merchant.validUntil', render: k => fmt.time(k.validUntil) }],
        load: async p => A.ui.arrayPage(m.keys, p) })),
        A.ui.section('merchant.payoutAddresses', null, A.ui.table({ test: 'payout-addresses', columns: [
          { key: 'network', label: 'merchant.network' }, { key: 'address', label: 'merchant.address', render: a => h('code', {}, a.address) }],
        load: async p => A.ui.arrayPage(m.payoutAddresses, p) })),
        A.ui.section('callbacks.title', [h('a', { href: A.href('callbacks', { merchantNo: m.merchantNo }) }, A.t('callbacks.title') + ' →')],
          callbacks({ merchantNo: m.merchantNo }, {}, null)));
    },
  });

  /** The delivery log: filters fixed by the caller plus the page state. */
  function callbacks(fixed, params, route) {
    return A.ui.table({
      test: 'callbacks', rowKey: 'id', state: params, onState: route ? s => route.set(s) : null,
      columns: [
        { key: 'id', label: 'ui.details', render: c => h('a', { href: A.href('callback', { id: c.id }) }, String(c.id)) },
        { key: 'merchantNo', label: 'merchant.no' },
        { key: 'orderNo', label: 'callback.order', render: c => c.orderNo ? h('a', { href: A.href('order', { no: c.orderNo }) }, c.orderNo) : '' },
        { key: 'eventType', label: 'callback.event' },
        { key: 'status', label: 'ui.status', render: c => status('callback.status', c.status) },
        { key: 'attempts', label: 'callback.attempts', cls: 'num' },
        { key: 'lastHttpStatus', label: 'callback.last', render: c => [c.lastHttpStatus, c.lastError].filter(x => x !== null && x !== undefined).join(' ') },
        { key: 'nextAttemptAt', label: 'callback.nextAttempt', render: c => fmt.time(c.nextAttemptAt) },
        { key: 'createdAt', label: 'ui.createdAt', render: c => fmt.time(c.createdAt) },
      ],
      load: p => A.api.get(C, Object.assign({}, fixed, { pageNo: p.pageNo, pageSize: p.pageSize })),
    });
  }
  A.callbacksTable = callbacks;

  A.screen({
    id: 'callbacks', label: 'callbacks.title', permission: 'MERCHANT_READ',
    render(main, params, route) {
      const fixed = { merchantNo: params.merchantNo, orderNo: params.orderNo, status: params.status, failing: params.failing };
      main.append(h('h1', {}, A.t('callbacks.title')),
        A.ui.filters([{ name: 'merchantNo', label: 'merchant.no' }, { name: 'orderNo', label: 'callback.order' },
          { name: 'status', label: 'ui.status', type: 'select', optionGroup: 'callback.status', options: [['', A.t('ui.all')], 'PENDING', 'DELIVERED', 'GAVE_UP'] },
          { name: 'failing', label: 'callback.failing', type: 'checkbox' }], Object.assign({}, params, { failing: params.failing === 'true' }),
        v => route.open(Object.assign({}, v, { failing: v.failing ? 'true' : undefined }))),
        callbacks(fixed, params, route));
    },
  });

  A.screen({
    id: 'callback', permission: 'MERCHANT_READ',
    async render(main, params, route) {
      const c = await A.api.get(C + '/' + encodeURIComponent(params.id));
      main.append(h('p', {}, h('a', { href: A.href('callbacks', { merchantNo: c.merchantNo }) }, '← ' + A.t('callbacks.title'))),
        h('h1', {}, A.t('callback.title', { id: c.id })),
        // a TEST callback is sent once only: once attempted there is nothing to send again
        A.ui.section('ui.details', [c.eventType === 'TEST' && c.attemptCount > 0 ? null : A.ui.action('callback.redeliver', { permission: 'MERCHANT_MANAGE', test: 'redeliver',
          submit: (v, key) => A.api.post(C + '/' + c.id + '/redeliver', v, { key }), done: () => route.reload() })],
        A.ui.kv([['callback.notifyId', h('code', {}, c.notifyId)], ['merchant.no', h('a', { href: A.href('merchant', { no: c.merchantNo }) }, c.merchantNo)],
          ['callback.order', c.orderNo ? h('a', { href: A.href('order', { no: c.orderNo }) }, c.orderNo) : ''], ['callback.event', c.eventType],
          ['ui.status', status('callback.status', c.status)], ['callback.attempts', c.attemptCount], ['callback.notifyUrl', c.notifyUrl],
          ['callback.nextAttempt', fmt.time(c.nextAttemptAt)], ['callback.deliveredAt', fmt.time(c.deliveredAt)], ['ui.createdAt', fmt.time(c.createdAt)]]),
        h('h2', {}, A.t('callback.payload')), h('pre', { 'data-test': 'payload' }, c.payload || '')),
        A.ui.section('callback.attempts', null, A.ui.table({ test: 'attempts', columns: [
          { key: 'attemptNo', label: 'callback.attemptNo', cls: 'num' }, { key: 'attemptedAt', label: 'ui.createdAt', render: a => fmt.time(a.attemptedAt) },
          { key: 'httpStatus', label: 'callback.httpStatus' }, { key: 'latencyMs', label: 'callback.latency', cls: 'num' },
          { key: 'acknowledged', label: 'callback.acknowledged', render: a => fmt.bool(a.acknowledged) },
          { key: 'responseSnippet', label: 'callback.response' }, { key: 'error', label: 'callback.error' }],
        load: async p => A.ui.arrayPage(c.attempts, p) })));
    },
  });
})(window.A);
