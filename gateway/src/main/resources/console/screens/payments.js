/* Payments received: what monitors reported; the ones that paid no order wait for review (settled by hand or refunded). */
'use strict';
(function (A) {
  const { h, fmt, status } = A.ui;
  const P = '/admin-api/otc/payment-reports';

  A.i18n.add({
    en: {
      'payments.title': 'Payments received', 'payment.reportId': 'Report id', 'payment.acceptor': 'Acceptor', 'payment.channel': 'Channel',
      'payment.amount': 'Amount', 'payment.payerRemark': 'Payer remark', 'payment.paidAt': 'Paid (phone time)',
      'payment.unmatchedReason': 'Why unmatched', 'payment.order': 'Order', 'payment.reviewNote': 'Review note',
      'payment.review': 'Review', 'payment.outcome': 'What was done with the money',
      'payment.reviewIntro': 'Say what was done with this money: settled to an order by hand, or refunded to the payer. The reason below adds the details.',
      'payment.outcome.settled': 'Settled to an order by hand', 'payment.outcome.refunded': 'Refunded to the payer',
      'payment.status.ALL': 'All', 'payment.status.MATCHED': 'matched', 'payment.status.UNMATCHED': 'unmatched', 'payment.status.REVIEWED': 'reviewed',
      'payment.reason.ORDER_CLOSED': 'late: the order had expired or was cancelled', 'payment.reason.ORDER_NOT_OPEN': 'second payment: the order was already paid',
      'payment.reason.OUTSIDE_ORDER_LIFE': 'paid outside the order\'s life', 'payment.reason.NO_OPEN_ORDER': 'no order of that amount',
    },
    'zh-CN': {
      'payments.title': '收款记录', 'payment.reportId': '报告 ID', 'payment.acceptor': '承兑商', 'payment.channel': '渠道',
      'payment.amount': '金额', 'payment.payerRemark': '付款人备注', 'payment.paidAt': '付款时间（手机时间）',
      'payment.unmatchedReason': '未匹配原因', 'payment.order': '订单', 'payment.reviewNote': '审核说明',
      'payment.review': '审核', 'payment.outcome': '这笔款项的处理方式',
      'payment.reviewIntro': '请说明这笔款项如何处理：手动结算到订单，或退还给付款人。下方原因中写明细节。',
      'payment.outcome.settled': '已手动结算到订单', 'payment.outcome.refunded': '已退还付款人',
      'payment.status.ALL': '全部', 'payment.status.MATCHED': '已匹配', 'payment.status.UNMATCHED': '未匹配', 'payment.status.REVIEWED': '已审核',
      'payment.reason.ORDER_CLOSED': '迟到付款：订单已过期或已取消', 'payment.reason.ORDER_NOT_OPEN': '重复付款：订单已支付',
      'payment.reason.OUTSIDE_ORDER_LIFE': '付款时间不在订单有效期内', 'payment.reason.NO_OPEN_ORDER': '没有该金额的订单',
    },
  });

  /** The review dialog of an UNMATCHED report: the outcome and the operator's words travel together as the reason. */
  function reviewAction(r, done) {
    if (r.status !== 'UNMATCHED') return null;
    return A.ui.action('payment.review', { permission: 'OTC_LATE_PAYMENT_REVIEW', test: 'review-payment', intro: A.t('payment.reviewIntro'),
      fields: [{ name: 'outcome', label: 'payment.outcome', type: 'select', optionGroup: 'payment.outcome', options: ['settled', 'refunded'], required: true }],
      reasonMax: 240, // sent as '<outcome>: <reason>'
      submit: (v, key) => A.api.post(P + '/' + encodeURIComponent(r.reportId) + '/review', { reason: v.outcome + ': ' + v.reason }, { key }),
      done });
  }

  /**
   * A table of payment reports: opts.reports (an array, e.g. an order's) or opts.load (a paged endpoint);
   * withOrder false leaves out the order column (on the order's own screen).
   */
  function reportsTable(opts) {
    let list = null;
    const done = () => (opts.reload ? opts.reload() : list.reload());
    const columns = [
      { key: 'reportId', label: 'payment.reportId', render: r => h('code', {}, r.reportId || '') },
      { key: 'acceptorId', label: 'payment.acceptor', render: r => (r.acceptorId === undefined || r.acceptorId === null ? ''
        : h('a', { href: A.href('acceptor', { userId: r.acceptorId }) }, String(r.acceptorId))) },
      { key: 'channel', label: 'payment.channel', render: r => A.tv('channel', r.channel) },
      { key: 'amount', label: 'payment.amount', cls: 'num', render: r => (r.amount === undefined || r.amount === null ? '' : r.amount + ' ' + (r.fiatCurrency || '')) },
      { key: 'payerRemark', label: 'payment.payerRemark' },
      { key: 'paidAt', label: 'payment.paidAt', render: r => fmt.time(r.paidAt) },
      { key: 'status', label: 'ui.status', render: r => status('payment.status', r.status) },
      { key: 'unmatchedReason', label: 'payment.unmatchedReason', render: r => A.tv('payment.reason', r.unmatchedReason) },
      opts.withOrder === false ? null
        : { key: 'orderNo', label: 'payment.order', render: r => (r.orderNo ? h('a', { href: A.href('order', { no: r.orderNo }) }, r.orderNo) : '') },
      { key: 'reviewNote', label: 'payment.reviewNote' },
      { key: 'createdAt', label: 'ui.createdAt', render: r => fmt.time(r.createdAt) },
      { key: 'actions', label: 'ui.actions', sort: false, render: r => reviewAction(r, done) },
    ].filter(c => c);
    list = A.ui.table({ test: opts.test, rowKey: 'reportId', state: opts.state, onState: opts.onState, columns,
      load: opts.load || (async p => A.ui.arrayPage(opts.reports, p)) });
    return list;
  }
  A.paymentReportsTable = reportsTable;

  A.screen({
    id: 'payments', label: 'payments.title', permission: 'OTC_READ',
    render(main, params, route) {
      // no status in the route: the ones waiting for review; ALL is the way to ask for every report
      const current = params.status || 'UNMATCHED';
      const list = reportsTable({
        test: 'payments', state: params, onState: s => route.set(s),
        load: p => A.api.get(P, { status: current === 'ALL' ? undefined : current, pageNo: p.pageNo, pageSize: p.pageSize }),
        reload: () => route.reload(),
      });
      main.append(h('h1', {}, A.t('payments.title')),
        A.ui.filters([{ name: 'status', label: 'ui.status', type: 'select', optionGroup: 'payment.status', options: ['UNMATCHED', 'MATCHED', 'REVIEWED', 'ALL'] }],
          Object.assign({}, params, { status: current }), v => route.open(v)),
        list);
    },
  });
})(window.A);
