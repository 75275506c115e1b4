/* Orders: search by any number, detail with a timeline (order events and merchant callbacks), release by hand, appeals. */
'use strict';
(function (A) {
  const { h, fmt, status, errorText } = A.ui;
  const P = '/admin-api/otc/orders';

  A.i18n.add({
    en: {
      'orders.title': 'Orders', 'order.title': 'Order {no}', 'order.q': 'Any number',
      'order.qHint': 'Order no., merchant order no., cashier token, settlement txn id or payment report id',
      'order.no': 'Order no.', 'order.merchantOrderNo': 'Merchant order no.', 'order.fiat': 'Amount', 'order.payable': 'Payable',
      'order.coin': 'Coin amount', 'order.rate': 'Rate', 'order.merchantCoin': 'Merchant receives', 'order.fee': 'Fee',
      'order.channel': 'Cashier channel', 'order.acceptor': 'Acceptor', 'order.expiresAt': 'Expires', 'order.paidAt': 'Paid',
      'order.completedAt': 'Completed', 'order.closedAt': 'Closed', 'order.timeline': 'Timeline', 'order.reports': 'Payment reports',
      'order.release': 'Release by hand', 'order.releaseIntro': 'The buyer paid and the monitor missed it: the order is paid and its coin settles to the merchant.',
      'order.openAppeal': 'Open appeal', 'order.appealIntro': 'Nothing moves until the appeal is resolved.',
      'order.resolveAppeal': 'Resolve appeal', 'order.decision': 'Decision',
      'order.decision.RELEASE': 'Release: the buyer paid, settle to the merchant', 'order.decision.CANCEL': 'Cancel: nobody paid, nothing settles',
      'order.callback': 'Callback {id}', 'order.attempts': '{n} attempts', 'order.callbacksError': 'Callbacks could not be loaded.',
      'order.status.CREATED': 'awaiting payment', 'order.status.PAID': 'paid', 'order.status.COMPLETED': 'completed',
      'order.status.EXPIRED': 'expired', 'order.status.CANCELLED': 'cancelled', 'order.status.APPEAL': 'under appeal',
      'order.event.CREATED': 'Created', 'order.event.REPORTED': 'Payment reported', 'order.event.PAID': 'Paid',
      'order.event.COMPLETED': 'Completed', 'order.event.SETTLED': 'Settled', 'order.event.EXPIRED': 'Expired',
      'order.event.CANCELLED': 'Cancelled', 'order.event.APPEAL_OPENED': 'Appeal opened', 'order.event.APPEAL_RESOLVED': 'Appeal resolved',
      'order.event.RELEASED_BY_HAND': 'Released by hand', 'order.event.CALLBACK': 'Merchant callback',
    },
    'zh-CN': {
      'orders.title': '订单', 'order.title': '订单 {no}', 'order.q': '任意单号',
      'order.qHint': '订单号、商户订单号、收银台令牌、结算流水号或付款报告 ID',
      'order.no': '订单号', 'order.merchantOrderNo': '商户订单号', 'order.fiat': '金额', 'order.payable': '应付金额',
      'order.coin': '币数量', 'order.rate': '汇率', 'order.merchantCoin': '商户实收', 'order.fee': '手续费',
      'order.channel': '收银渠道', 'order.acceptor': '承兑商', 'order.expiresAt': '过期时间', 'order.paidAt': '支付时间',
      'order.completedAt': '完成时间', 'order.closedAt': '关闭时间', 'order.timeline': '时间线', 'order.reports': '付款报告',
      'order.release': '手动放行', 'order.releaseIntro': '买家已付款但监控端未识别：订单将置为已支付，并把币结算给商户。',
      'order.openAppeal': '发起申诉', 'order.appealIntro': '申诉处理完成前，订单不会有任何变动。',
      'order.resolveAppeal': '处理申诉', 'order.decision': '处理结果',
      'order.decision.RELEASE': '放行：买家已付款，结算给商户', 'order.decision.CANCEL': '取消：无人付款，不结算',
      'order.callback': '回调 {id}', 'order.attempts': '尝试 {n} 次', 'order.callbacksError': '无法加载回调。',
      'order.status.CREATED': '待支付', 'order.status.PAID': '已支付', 'order.status.COMPLETED': '已完成',
      'order.status.EXPIRED': '已过期', 'order.status.CANCELLED': '已取消', 'order.status.APPEAL': '申诉中',
      'order.event.CREATED': '创建', 'order.event.REPORTED': '收到付款报告', 'order.event.PAID': '已支付',
      'order.event.COMPLETED': '已完成', 'order.event.SETTLED': '已结算', 'order.event.EXPIRED': '已过期',
      'order.event.CANCELLED': '已取消', 'order.event.APPEAL_OPENED': '发起申诉', 'order.event.APPEAL_RESOLVED': '申诉已处理',
      'order.event.RELEASED_BY_HAND': '手动放行', 'order.event.CALLBACK': '商户回调',
    },
  });

  const STATUSES = ['CREATED', 'PAID', 'COMPLETED', 'EXPIRED', 'CANCELLED', 'APPEAL'];
  const money = (amount, unit) => (amount === undefined || amount === null ? '' : amount + (unit ? ' ' + unit : ''));
  const orderLink = no => (no ? h('a', { href: A.href('order', { no }) }, no) : '');
  const opt = (label, value) => (value === '' ? null : [label, value]); // a field the order does not have yet: no row
  const merchantLink = no => (no ? h('a', { href: A.href('merchant', { no }) }, no) : '');

  A.screen({
    id: 'orders', label: 'orders.title', permission: 'OTC_READ',
    render(main, params, route) {
      const list = A.ui.table({
        test: 'orders', rowKey: 'orderNo', state: params, onState: s => route.set(s),
        columns: [
          { key: 'orderNo', label: 'order.no', render: o => orderLink(o.orderNo) },
          { key: 'merchantNo', label: 'merchant.no', render: o => merchantLink(o.merchantNo) },
          { key: 'merchantOrderNo', label: 'order.merchantOrderNo' },
          { key: 'status', label: 'ui.status', render: o => status('order.status', o.status) },
          { key: 'fiatAmount', label: 'order.fiat', cls: 'num', render: o => money(o.fiatAmount, o.fiatCurrency) },
          { key: 'payableAmount', label: 'order.payable', cls: 'num', render: o => money(o.payableAmount, o.fiatCurrency) },
          { key: 'coinAmount', label: 'order.coin', cls: 'num', render: o => money(o.coinAmount, o.coin) },
          { key: 'channel', label: 'order.channel', render: o => A.tv('channel', o.channel) },
          { key: 'createdAt', label: 'ui.createdAt', render: o => fmt.time(o.createdAt) },
        ],
        load: p => A.api.get(P, { q: params.q, merchantNo: params.merchantNo, status: params.status, pageNo: p.pageNo, pageSize: p.pageSize }),
      });
      main.append(h('h1', {}, A.t('orders.title')),
        A.ui.filters([
          { name: 'q', label: 'order.q', hint: 'order.qHint', inputmode: 'search' },
          { name: 'merchantNo', label: 'merchant.no' },
          { name: 'status', label: 'ui.status', type: 'select', optionGroup: 'order.status', options: [['', A.t('ui.all')]].concat(STATUSES) },
        ], params, v => route.open(v)),
        list);
    },
  });

  /** An event's detail: the API sends a string or an object; both become text (never markup). */
  function detailText(d) {
    if (d === undefined || d === null || d === '') return null;
    if (typeof d === 'object') {
      return h('code', {}, Object.entries(d).map(([k, v]) => k + ': ' + (v !== null && typeof v === 'object' ? JSON.stringify(v) : String(v))).join(' · '));
    }
    return String(d);
  }

  function when(at) {
    const t = Date.parse(at);
    return isNaN(t) ? Infinity : t; // no time: last
  }

  /** The order's own events and its callbacks, in time order. */
  function timeline(events, callbacks) {
    const items = (events || []).map(e => ({ at: e.at, node: h('li', { 'data-event': e.event },
      h('time', { datetime: e.at || '' }, fmt.time(e.at)), h('strong', {}, A.tv('order.event', e.event)), ' ', detailText(e.detail)) }));
    for (const c of callbacks) {
      items.push({ at: c.createdAt, node: h('li', { 'data-event': 'CALLBACK', 'data-callback': c.id },
        h('time', { datetime: c.createdAt || '' }, fmt.time(c.createdAt)), h('strong', {}, A.t('order.event.CALLBACK')), ' ',
        h('a', { href: A.href('callback', { id: c.id }) }, A.t('order.callback', { id: c.id })), ' · ', c.eventType || '', ' ',
        status('callback.status', c.status), ' · ', A.t('order.attempts', { n: c.attempts === undefined || c.attempts === null ? 0 : c.attempts })) });
    }
    items.sort((x, y) => when(x.at) - when(y.at)); // stable: equal times keep their order
    return h('ol', { class: 'timeline', 'data-test': 'timeline' }, items.map(i => i.node));
  }

  /** Callbacks of the order (one page of 100 is plenty for one order); a failure shows its error, the rest still shows. */
  async function callbacksOf(orderNo) {
    if (!A.session.can('MERCHANT_READ')) return { list: [] };
    try {
      const page = await A.api.get('/admin-api/merchant/callbacks', { orderNo, pageNo: 1, pageSize: 100 });
      return { list: (page && page.list) || [] };
    } catch (e) {
      return { list: [], error: e };
    }
  }

  A.screen({
    id: 'order', permission: 'OTC_READ',
    async render(main, params, route) {
      const [d, cbs] = await Promise.all([A.api.get(P + '/' + encodeURIComponent(params.no)), callbacksOf(params.no)]);
      const o = d.order || {};
      const acc = d.acceptor;
      const path = P + '/' + encodeURIComponent(o.orderNo);
      const reload = () => route.reload();
      // which writes the order's state allows (AppealService): release only CREATED, appeal CREATED or PAID, resolve only APPEAL
      const buttons = [
        o.status === 'CREATED' ? A.ui.action('order.release', { permission: 'OTC_RELEASE', test: 'release-order', danger: true,
          intro: A.t('order.releaseIntro'), submit: (v, key) => A.api.post(path + '/release', v, { key }), done: reload }) : null,
        o.status === 'CREATED' || o.status === 'PAID' ? A.ui.action('order.openAppeal', { permission: 'OTC_APPEAL', test: 'open-appeal',
          intro: A.t('order.appealIntro'), submit: (v, key) => A.api.post(path + '/appeal', v, { key }), done: reload }) : null,
        o.status === 'APPEAL' ? A.ui.action('order.resolveAppeal', { permission: 'OTC_APPEAL', test: 'resolve-appeal', danger: true,
          fields: [{ name: 'decision', label: 'order.decision', type: 'select', optionGroup: 'order.decision', options: ['RELEASE', 'CANCEL'], required: true }],
          submit: (v, key) => A.api.post(path + '/appeal/resolve', { decision: v.decision, reason: v.reason }, { key }), done: reload }) : null,
      ];
      main.append(h('p', {}, h('a', { href: A.href('orders') }, '← ' + A.t('orders.title'))),
        h('h1', {}, A.t('order.title', { no: o.orderNo })),
        A.ui.section('ui.details', buttons, A.ui.kv([
          ['order.no', h('code', {}, o.orderNo || '')], ['ui.status', status('order.status', o.status)],
          ['merchant.no', merchantLink(o.merchantNo)], ['order.merchantOrderNo', o.merchantOrderNo],
          ['order.acceptor', acc && acc.userId !== undefined && acc.userId !== null
            ? h('a', { href: A.href('acceptor', { userId: acc.userId }) }, acc.displayName ? acc.displayName + ' (' + acc.userId + ')' : String(acc.userId)) : ''],
          ['order.fiat', money(o.fiatAmount, o.fiatCurrency)], ['order.payable', money(o.payableAmount, o.fiatCurrency)],
          ['order.coin', money(o.coinAmount, o.coin)], ['order.rate', o.rate],
          opt('order.merchantCoin', money(o.merchantCoinAmount, o.coin)), opt('order.fee', money(o.feeCoinAmount, o.coin)),
          ['order.channel', A.tv('channel', o.channel)],
          ['ui.createdAt', fmt.time(o.createdAt)], ['order.expiresAt', fmt.time(o.expiresAt)], opt('order.paidAt', fmt.time(o.paidAt)),
          opt('order.completedAt', fmt.time(o.completedAt)), opt('order.closedAt', fmt.time(o.closedAt)),
        ])),
        A.ui.section('order.timeline', null,
          cbs.error ? h('div', { class: 'notice error', role: 'alert', 'data-test': 'callbacks-error' }, A.t('order.callbacksError') + ' ' + errorText(cbs.error)) : null,
          timeline(d.timeline, cbs.list)),
        A.ui.section('order.reports', null, A.paymentReportsTable({ test: 'reports', reports: d.reports, withOrder: false, reload })));
    },
  });
})(window.A);
