/* Withdrawals and payouts: list by status or owner, a row's details, approve/reject the ones held for review. */
'use strict';
(function (A) {
  const { h, clear, fmt, status } = A.ui;
  const W = '/admin-api/wallet/withdrawals';
  const STATUSES = ['HOLDING', 'REVIEW', 'SENDING', 'BROADCAST', 'COMPLETED', 'FAILED', 'REJECTED'];

  A.i18n.add({
    en: {
      'withdrawals.title': 'Withdrawals', 'withdrawal.title': 'Withdrawal {no}', 'withdrawal.no': 'Withdrawal no.',
      'withdrawal.owner': 'Owner', 'withdrawal.ownerHint': 'e.g. USER:1001 or MERCHANT:m-42', 'withdrawal.clientRef': 'Owner\'s ref.',
      'withdrawal.network': 'Network', 'withdrawal.coin': 'Coin', 'withdrawal.to': 'To address', 'withdrawal.amount': 'Amount',
      'withdrawal.fee': 'Fee', 'withdrawal.txHash': 'Transaction hash', 'withdrawal.failure': 'Why it failed',
      'withdrawal.approve': 'Approve', 'withdrawal.reject': 'Reject', 'withdrawal.approveIntro': 'Withdrawal {no}: {amount} {coin} to {to}.',
      'withdrawal.rejectIntro': 'Withdrawal {no} is rejected and its held coin released to the owner.',
      'withdrawal.status.HOLDING': 'holding', 'withdrawal.status.REVIEW': 'in review', 'withdrawal.status.SENDING': 'sending',
      'withdrawal.status.BROADCAST': 'broadcast', 'withdrawal.status.COMPLETED': 'completed', 'withdrawal.status.FAILED': 'failed',
      'withdrawal.status.REJECTED': 'rejected',
    },
    'zh-CN': {
      'withdrawals.title': '提现', 'withdrawal.title': '提现 {no}', 'withdrawal.no': '提现单号',
      'withdrawal.owner': '所有者', 'withdrawal.ownerHint': '例如 USER:1001 或 MERCHANT:m-42', 'withdrawal.clientRef': '所有者单号',
      'withdrawal.network': '网络', 'withdrawal.coin': '币种', 'withdrawal.to': '收款地址', 'withdrawal.amount': '金额',
      'withdrawal.fee': '手续费', 'withdrawal.txHash': '交易哈希', 'withdrawal.failure': '失败原因',
      'withdrawal.approve': '通过', 'withdrawal.reject': '拒绝', 'withdrawal.approveIntro': '提现 {no}：{amount} {coin} 至 {to}。',
      'withdrawal.rejectIntro': '拒绝提现 {no}，冻结的币将退回所有者。',
      'withdrawal.status.HOLDING': '冻结中', 'withdrawal.status.REVIEW': '待审核', 'withdrawal.status.SENDING': '发送中',
      'withdrawal.status.BROADCAST': '已广播', 'withdrawal.status.COMPLETED': '已完成', 'withdrawal.status.FAILED': '失败',
      'withdrawal.status.REJECTED': '已拒绝',
    },
  });

  /** Approve and reject buttons of a withdrawal in REVIEW (nothing otherwise, or without WITHDRAWAL_REVIEW). */
  function reviewButtons(w, done) {
    if (w.status !== 'REVIEW') return [];
    const path = W + '/' + encodeURIComponent(w.withdrawalNo);
    return [
      A.ui.action('withdrawal.approve', { permission: 'WITHDRAWAL_REVIEW', test: 'approve-withdrawal',
        intro: A.t('withdrawal.approveIntro', { no: w.withdrawalNo, amount: w.amount, coin: w.coin, to: w.toAddress }),
        submit: (v, key) => A.api.post(path + '/approve', { reason: v.reason }, { key }), done }),
      A.ui.action('withdrawal.reject', { permission: 'WITHDRAWAL_REVIEW', test: 'reject-withdrawal', danger: true,
        intro: A.t('withdrawal.rejectIntro', { no: w.withdrawalNo }),
        submit: (v, key) => A.api.post(path + '/reject', { reason: v.reason }, { key }), done }),
    ].filter(b => b);
  }

  /** The details of one row (the API has no single-withdrawal read: the list row is the withdrawal). */
  function details(w, done) {
    return A.ui.section('ui.details', reviewButtons(w, done), h('div', { 'data-test': 'withdrawal-detail', 'data-row': w.withdrawalNo },
      A.ui.kv([['withdrawal.no', w.withdrawalNo], ['withdrawal.owner', w.ownerRef], ['withdrawal.clientRef', w.clientRef],
        ['ui.status', status('withdrawal.status', w.status)], ['withdrawal.network', w.network], ['withdrawal.coin', w.coin],
        ['withdrawal.to', h('code', {}, w.toAddress || '')], ['withdrawal.amount', w.amount], ['withdrawal.fee', w.fee],
        ['withdrawal.txHash', w.txHash ? h('code', {}, w.txHash) : ''], ['withdrawal.failure', w.failureReason],
        ['ui.createdAt', fmt.time(w.createdAt)], ['ui.updatedAt', fmt.time(w.updatedAt)]])));
  }

  A.screen({
    id: 'withdrawals', label: 'withdrawals.title', permission: 'WALLET_READ',
    render(main, params, route) {
      const detail = h('div', { 'data-test': 'withdrawal-detail-box' });
      const reload = () => route.reload();
      const show = w => { clear(detail).appendChild(details(w, reload)); detail.scrollIntoView({ block: 'nearest' }); };
      main.append(h('h1', {}, A.t('withdrawals.title')),
        A.ui.filters([
          { name: 'status', label: 'ui.status', type: 'select', optionGroup: 'withdrawal.status', options: [['', A.t('ui.all')]].concat(STATUSES) },
          { name: 'ownerRef', label: 'withdrawal.owner', hint: 'withdrawal.ownerHint' },
        ], params, v => route.open(v)),
        detail,
        A.ui.table({
          test: 'withdrawals', rowKey: 'withdrawalNo', state: params, onState: s => route.set(s),
          columns: [
            { key: 'withdrawalNo', label: 'withdrawal.no', render: w => h('button', { type: 'button', class: 'link', 'data-test': 'show-withdrawal',
              on: { click: () => show(w) } }, w.withdrawalNo) },
            { key: 'ownerRef', label: 'withdrawal.owner' },
            { key: 'status', label: 'ui.status', render: w => status('withdrawal.status', w.status) },
            { key: 'network', label: 'withdrawal.network' },
            { key: 'amount', label: 'withdrawal.amount', cls: 'num', render: w => w.amount + ' ' + (w.coin || '') },
            { key: 'fee', label: 'withdrawal.fee', cls: 'num' },
            { key: 'createdAt', label: 'ui.createdAt', render: w => fmt.time(w.createdAt) },
            { key: 'actions', label: 'ui.actions', sort: false, render: w => h('div', { class: 'buttons' }, reviewButtons(w, reload)) },
          ],
          load: p => A.api.get(W, { status: params.status, ownerRef: params.ownerRef, pageNo: p.pageNo, pageSize: p.pageSize }),
        }));
    },
  });
})(window.A);
