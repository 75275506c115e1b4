/* Acceptors: list by status and presence, detail with margin, presence and ads; approve/reject applications, pause/resume. */
'use strict';
(function (A) {
  const { h, fmt, status } = A.ui;
  const P = '/admin-api/otc/acceptors';

  A.i18n.add({
    en: {
      'acceptors.title': 'Acceptors', 'acceptor.title': 'Acceptor {id}', 'acceptor.userId': 'User id', 'acceptor.name': 'Display name',
      'acceptor.online': 'Monitor', 'acceptor.since': 'since {time}', 'acceptor.operatorPaused': 'Paused by an operator',
      'acceptor.pausedBy': '{time} by operator {operator}', 'acceptor.activeAds': 'Active ads', 'acceptor.margin': 'Margin',
      'acceptor.marginHoldId': 'Margin hold', 'acceptor.appliedAt': 'Applied',
      'acceptor.reviewedAt': 'Reviewed', 'acceptor.reviewReason': 'Review reason', 'acceptor.leftAt': 'Left',
      'acceptor.approve': 'Approve', 'acceptor.reject': 'Reject', 'acceptor.pause': 'Pause', 'acceptor.resume': 'Resume',
      'acceptor.approveIntro': 'Approving holds the acceptor\'s margin in the ledger; the acceptor may then list ads.',
      'acceptor.pauseIntro': 'The acceptor\'s ads stop taking new orders; open orders run to their end.',
      'acceptor.status.NONE': 'not applied', 'acceptor.status.APPLIED': 'applied', 'acceptor.status.APPROVING': 'approving',
      'acceptor.status.ACTIVE': 'active', 'acceptor.status.REJECTED': 'rejected', 'acceptor.status.LEAVING': 'leaving',
      'acceptor.status.LEFT': 'left',
      'acceptor.online.true': 'online', 'acceptor.online.false': 'offline',
      'ads.title': 'Ads', 'ad.id': 'Ad', 'ad.coin': 'Coin', 'ad.fiat': 'Fiat', 'ad.rate': 'Rate', 'ad.limits': 'Order limits (fiat)',
      'ad.total': 'Total coin', 'ad.available': 'Available coin', 'ad.pauseReason': 'Paused because', 'ad.channels': 'Payee accounts',
      'ad.status.OPENING': 'opening', 'ad.status.ACTIVE': 'active', 'ad.status.PAUSED': 'paused', 'ad.status.CLOSING': 'closing',
      'ad.status.CLOSED': 'closed', 'ad.status.FAILED': 'failed',
      'ad.pauseReason.BY_ACCEPTOR': 'by the acceptor', 'ad.pauseReason.BY_OPERATOR': 'by an operator', 'ad.pauseReason.EXHAUSTED': 'too little coin left',
      'ad.pauseReason.ACCEPTOR_OFFLINE': 'acceptor offline 24 h', 'ad.pauseReason.CLOSED': 'closed',
      'channel.ALIPAY': 'Alipay', 'channel.WECHAT': 'WeChat Pay', 'channel.BANK': 'Bank transfer',
    },
    'zh-CN': {
      'acceptors.title': '承兑商', 'acceptor.title': '承兑商 {id}', 'acceptor.userId': '用户 ID', 'acceptor.name': '显示名称',
      'acceptor.online': '监控端', 'acceptor.since': '自 {time}', 'acceptor.operatorPaused': '运营已暂停',
      'acceptor.pausedBy': '{time}，操作人 {operator}', 'acceptor.activeAds': '有效广告', 'acceptor.margin': '保证金',
      'acceptor.marginHoldId': '保证金冻结单', 'acceptor.appliedAt': '申请时间',
      'acceptor.reviewedAt': '审核时间', 'acceptor.reviewReason': '审核原因', 'acceptor.leftAt': '退出时间',
      'acceptor.approve': '通过', 'acceptor.reject': '拒绝', 'acceptor.pause': '暂停', 'acceptor.resume': '恢复',
      'acceptor.approveIntro': '通过后将在账本中冻结该承兑商的保证金，之后即可发布广告。',
      'acceptor.pauseIntro': '该承兑商的广告不再接新订单；进行中的订单照常走完。',
      'acceptor.status.NONE': '未申请', 'acceptor.status.APPLIED': '已申请', 'acceptor.status.APPROVING': '审批中',
      'acceptor.status.ACTIVE': '有效', 'acceptor.status.REJECTED': '已拒绝', 'acceptor.status.LEAVING': '退出中',
      'acceptor.status.LEFT': '已退出',
      'acceptor.online.true': '在线', 'acceptor.online.false': '离线',
      'ads.title': '广告', 'ad.id': '广告', 'ad.coin': '币种', 'ad.fiat': '法币', 'ad.rate': '汇率', 'ad.limits': '单笔限额（法币）',
      'ad.total': '总币量', 'ad.available': '可用币量', 'ad.pauseReason': '暂停原因', 'ad.channels': '收款账户',
      'ad.status.OPENING': '开启中', 'ad.status.ACTIVE': '有效', 'ad.status.PAUSED': '已暂停', 'ad.status.CLOSING': '关闭中',
      'ad.status.CLOSED': '已关闭', 'ad.status.FAILED': '失败',
      'ad.pauseReason.BY_ACCEPTOR': '承兑商暂停', 'ad.pauseReason.BY_OPERATOR': '运营暂停', 'ad.pauseReason.EXHAUSTED': '剩余币量不足',
      'ad.pauseReason.ACCEPTOR_OFFLINE': '承兑商离线 24 小时', 'ad.pauseReason.CLOSED': '已关闭',
      'channel.ALIPAY': '支付宝', 'channel.WECHAT': '微信支付', 'channel.BANK': '银行转账',
    },
  });

  const path = userId => P + '/' + encodeURIComponent(userId);
  const money = (amount, unit) => (amount === undefined || amount === null ? '' : amount + (unit ? ' ' + unit : ''));
  const online = v => status('acceptor.online', String(!!v));

  /** Approve and reject: only for an APPLIED acceptor; done is what to redraw. */
  function reviewActions(a, done) {
    if (a.status !== 'APPLIED') return [];
    return [
      A.ui.action('acceptor.approve', { permission: 'ACCEPTOR_REVIEW', test: 'approve-acceptor', intro: A.t('acceptor.approveIntro'),
        submit: (v, key) => A.api.post(path(a.userId) + '/approve', v, { key }), done }),
      A.ui.action('acceptor.reject', { permission: 'ACCEPTOR_REVIEW', test: 'reject-acceptor', danger: true,
        submit: (v, key) => A.api.post(path(a.userId) + '/reject', v, { key }), done }),
    ];
  }

  A.screen({
    id: 'acceptors', label: 'acceptors.title', permission: 'ACCEPTOR_READ',
    render(main, params, route) {
      const list = A.ui.table({
        test: 'acceptors', rowKey: 'userId', state: params, onState: s => route.set(s),
        columns: [
          { key: 'userId', label: 'acceptor.userId', render: a => h('a', { href: A.href('acceptor', { userId: a.userId }) }, String(a.userId)) },
          { key: 'displayName', label: 'acceptor.name' },
          { key: 'status', label: 'ui.status', render: a => status('acceptor.status', a.status) },
          { key: 'online', label: 'acceptor.online', render: a => online(a.online) },
          { key: 'activeAds', label: 'acceptor.activeAds', cls: 'num' },
          { key: 'marginAmount', label: 'acceptor.margin', cls: 'num', render: a => money(a.marginAmount, a.marginCoin) },
          { key: 'actions', label: 'ui.actions', sort: false, render: a => h('div', { class: 'buttons' }, reviewActions(a, () => list.reload())) },
        ],
        load: p => A.api.get(P, { status: params.status, online: params.online, pageNo: p.pageNo, pageSize: p.pageSize }),
      });
      main.append(h('h1', {}, A.t('acceptors.title')),
        A.ui.filters([
          { name: 'status', label: 'ui.status', type: 'select', optionGroup: 'acceptor.status',
            options: [['', A.t('ui.all')], 'APPLIED', 'APPROVING', 'ACTIVE', 'REJECTED', 'LEAVING', 'LEFT'] },
          { name: 'online', label: 'acceptor.online', type: 'select',
            options: [['', A.t('ui.all')], ['true', A.t('acceptor.online.true')], ['false', A.t('acceptor.online.false')]] },
        ], params, v => route.open(v)),
        list);
    },
  });

  /** The payee accounts of an ad, one per line. */
  function channels(list) {
    return h('div', {}, (list || []).map(c =>
      h('div', {}, A.tv('channel', c.channel), ' · ', c.payeeName || '', ' · ', h('code', {}, c.payeeAccount || ''))));
  }

  A.screen({
    id: 'acceptor', permission: 'ACCEPTOR_READ',
    async render(main, params, route) {
      const a = await A.api.get(path(params.userId));
      const reload = () => route.reload();
      const opt = (label, value) => (value === undefined || value === null || value === '' ? null : [label, value]);
      const buttons = reviewActions(a, reload);
      if (a.status === 'ACTIVE') {
        // an operator's pause: only an operator's resume undoes it (the acceptor's own is refused)
        buttons.push(a.operatorPaused
          ? A.ui.action('acceptor.resume', { permission: 'ACCEPTOR_REVIEW', test: 'resume-acceptor',
            submit: (v, key) => A.api.post(path(a.userId) + '/resume', v, { key }), done: reload })
          : A.ui.action('acceptor.pause', { permission: 'ACCEPTOR_REVIEW', test: 'pause-acceptor', danger: true, intro: A.t('acceptor.pauseIntro'),
            submit: (v, key) => A.api.post(path(a.userId) + '/pause', v, { key }), done: reload }));
      }
      main.append(h('p', {}, h('a', { href: A.href('acceptors') }, '← ' + A.t('acceptors.title'))),
        h('h1', {}, A.t('acceptor.title', { id: a.userId })),
        A.ui.section('ui.details', buttons, A.ui.kv([
          ['acceptor.userId', a.userId], ['acceptor.name', a.displayName], ['ui.status', status('acceptor.status', a.status)],
          ['acceptor.online', h('span', { 'data-test': 'presence' }, online(a.online), a.presenceAt ? ' ' + A.t('acceptor.since', { time: fmt.time(a.presenceAt) }) : '')],
          ['acceptor.margin', money(a.marginAmount, a.marginCoin)],
          opt('acceptor.marginHoldId', a.marginHoldId),
          opt('acceptor.activeAds', a.activeAds),
          a.operatorPaused ? ['acceptor.operatorPaused', A.t('acceptor.pausedBy', { time: fmt.time(a.operatorPausedAt), operator: a.operatorPausedBy })] : null,
          opt('acceptor.appliedAt', fmt.time(a.appliedAt)), opt('acceptor.reviewedAt', fmt.time(a.reviewedAt)),
          opt('acceptor.reviewReason', a.reviewReason), opt('acceptor.leftAt', fmt.time(a.leftAt)),
        ])),
        A.ui.section('ads.title', null, A.ui.table({ test: 'ads', rowKey: 'id', columns: [
          { key: 'id', label: 'ad.id' },
          { key: 'coin', label: 'ad.coin' }, { key: 'fiatCurrency', label: 'ad.fiat' }, { key: 'rate', label: 'ad.rate', cls: 'num' },
          { key: 'minFiat', label: 'ad.limits', cls: 'num', render: d => money(d.minFiat) + ' – ' + money(d.maxFiat) },
          { key: 'totalCoin', label: 'ad.total', cls: 'num' }, { key: 'availableCoin', label: 'ad.available', cls: 'num' },
          { key: 'status', label: 'ui.status', render: d => status('ad.status', d.status) },
          { key: 'pauseReason', label: 'ad.pauseReason', render: d => A.tv('ad.pauseReason', d.pauseReason) },
          { key: 'channels', label: 'ad.channels', sort: false, render: d => channels(d.channels) }],
        load: async p => A.ui.arrayPage(a.ads, p) })));
    },
  });
})(window.A);
