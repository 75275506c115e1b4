/* Dashboard: orders today by state, monitors online, callbacks failing, reconciliation, what waits for review. */
'use strict';
(function (A) {
  const { h, clear, errorText } = A.ui;

  A.i18n.add({
    en: {
      'dash.title': 'Dashboard', 'dash.ordersToday': 'Orders today (UTC)', 'dash.monitorsOnline': 'Monitors online',
      'dash.acceptorsActive': 'Active acceptors', 'dash.callbacksFailing': 'Callbacks failing', 'dash.callbacksGaveUp': 'Callbacks given up',
      'dash.callbacksPending': 'Callbacks pending', 'dash.recon': 'Last reconciliation', 'dash.reconOk': 'OK', 'dash.reconBad': '{n} discrepancies',
      'dash.reconError': 'incomplete', 'dash.reconNone': 'none yet', 'dash.reviews': 'Waiting for review',
      'dash.applications': 'Acceptor applications', 'dash.appeals': 'Open appeals', 'dash.unmatched': 'Unmatched payments',
      'dash.withdrawals': 'Withdrawals to review', 'dash.health': 'Platform',
    },
    'zh-CN': {
      'dash.title': '概览', 'dash.ordersToday': '今日订单（UTC）', 'dash.monitorsOnline': '在线监控端',
      'dash.acceptorsActive': '有效承兑商', 'dash.callbacksFailing': '回调失败中', 'dash.callbacksGaveUp': '回调已放弃',
      'dash.callbacksPending': '待发送回调', 'dash.recon': '最近一次对账', 'dash.reconOk': '正常', 'dash.reconBad': '{n} 处差异',
      'dash.reconError': '未完成', 'dash.reconNone': '尚未运行', 'dash.reviews': '待审核',
      'dash.applications': '承兑商申请', 'dash.appeals': '未结申诉', 'dash.unmatched': '未匹配付款',
      'dash.withdrawals': '待审核提现', 'dash.health': '平台',
    },
  });

  /** A number that links to the list behind it. */
  function tile(label, n, link, bad, test) {
    return h('a', { class: 'tile' + (bad && n > 0 ? ' bad' : ''), href: link || '#', 'data-test': test },
      h('span', { class: 'n' }, String(n)), h('span', { class: 'l' }, A.t(label)));
  }

  /** Each block loads on its own: one service down shows its error, the rest still shows. */
  function block(title, permission, load) {
    if (permission && !A.session.can(permission)) return null;
    const body = h('div', { class: 'tiles', 'aria-busy': 'true' }, A.t('app.loading'));
    load().then(nodes => clear(body).append(...nodes.filter(n => n)))
      .catch(e => clear(body).append(h('div', { class: 'notice error', role: 'alert' }, errorText(e))))
      .finally(() => body.removeAttribute('aria-busy'));
    return A.ui.section(title, null, body);
  }

  A.screen({
    id: 'dashboard', label: 'dash.title',
    async render(main) {
      // one read of otc-svc's figures for the three blocks that show them
      let otc = null;
      const overview = () => (otc = otc || A.api.get('/admin-api/otc/overview'));
      main.append(h('h1', {}, A.t('dash.title')),
        block('dash.ordersToday', 'OTC_READ', async () => {
          const o = await overview();
          return Object.entries(o.ordersToday).map(([status, n]) =>
            tile('order.status.' + status, n, A.href('orders', { status }), status === 'APPEAL', 'orders-' + status));
        }),
        block('dash.health', null, async () => {
          const tiles = [];
          if (A.session.can('OTC_READ')) {
            const o = await overview();
            tiles.push(tile('dash.monitorsOnline', o.monitorsOnline, A.href('acceptors', { online: 'true', status: 'ACTIVE' }), false, 'monitors-online'),
              tile('dash.acceptorsActive', o.acceptorsActive, A.href('acceptors', { status: 'ACTIVE' }), false, 'acceptors-active'));
          }
          if (A.session.can('MERCHANT_READ')) {
            const c = await A.api.get('/admin-api/merchant/callbacks/summary');
            tiles.push(tile('dash.callbacksFailing', c.failing, A.href('callbacks', { failing: 'true' }), true, 'callbacks-failing'),
              tile('dash.callbacksGaveUp', c.gaveUp, A.href('callbacks', { status: 'GAVE_UP' }), true, 'callbacks-gave-up'),
              tile('dash.callbacksPending', c.pending, A.href('callbacks', { status: 'PENDING' }), false, 'callbacks-pending'));
          }
          if (A.session.can('RECONCILIATION_READ')) {
            const runs = await A.api.get('/admin-api/job/reconciliation/runs', { pageSize: 1 });
            const run = runs.list[0];
            const text = !run ? A.t('dash.reconNone') : run.error ? A.t('dash.reconError')
              : run.ok ? A.t('dash.reconOk') : A.t('dash.reconBad', { n: run.discrepancyCount });
            tiles.push(h('a', { class: 'tile' + (run && !run.ok ? ' bad' : ''), href: A.href('reconciliation'), 'data-test': 'recon' },
              h('span', { class: 'n' }, text), h('span', { class: 'l' }, A.t('dash.recon') + (run ? ' · ' + A.ui.fmt.time(run.finishedAt) : ''))));
          }
          return tiles;
        }),
        block('dash.reviews', null, async () => {
          const tiles = [];
          if (A.session.can('OTC_READ')) {
            const o = await overview();
            tiles.push(tile('dash.applications', o.applicationsPending, A.href('acceptors', { status: 'APPLIED' }), true, 'applications'),
              tile('dash.appeals', o.appealsOpen, A.href('orders', { status: 'APPEAL' }), true, 'appeals'),
              tile('dash.unmatched', o.unmatchedPayments, A.href('payments', { status: 'UNMATCHED' }), true, 'unmatched'));
          }
          if (A.session.can('WALLET_READ')) {
            const w = await A.api.get('/admin-api/wallet/withdrawals', { status: 'REVIEW', pageSize: 1 });
            tiles.push(tile('dash.withdrawals', w.total, A.href('withdrawals', { status: 'REVIEW' }), true, 'withdrawals'));
          }
          return tiles;
        }));
    },
  });
})(window.A);
