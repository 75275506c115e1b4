/* Wealth products: list, create, a product's definition and ledger balances, its lifecycle, funding, accruals, positions. */
'use strict';
(function (A) {
  const { h, fmt, status } = A.ui;
  const P = '/admin-api/wealth/products';
  const STATUSES = ['DRAFT', 'ON_SALE', 'PAUSED', 'RETIRED'];

  A.i18n.add({
    en: {
      'wealth.title': 'Wealth products', 'product.title': 'Product {code}', 'product.id': 'Id', 'product.code': 'Code',
      'product.codeHint': '2-32 of A-Z 0-9 _ -, unique', 'product.name': 'Name', 'product.type': 'Type',
      'product.lockCoin': 'Lock coin', 'product.rewardCoin': 'Reward coin', 'product.rewardCoinHint': 'STAKING: leave empty (earns the lock coin); MINING: required',
      'product.termDays': 'Term (days)', 'product.termHint': '1-3650; empty for a flexible product', 'product.flexible': 'flexible',
      'product.rewardRate': 'Reward rate', 'product.rewardRateHint': 'STAKING: APR as a fraction (0.08 = 8%); MINING: reward coin per locked unit per day',
      'product.minAmount': 'Minimum', 'product.maxPerUser': 'Maximum per user', 'product.totalQuota': 'Total quota',
      'product.locked': 'Locked', 'product.saleStart': 'Sale starts', 'product.saleEnd': 'Sale ends',
      'product.timeHint': 'UTC, ISO-8601, e.g. 2030-01-01T00:00:00Z', 'product.saleEndHint': 'Optional; UTC, ISO-8601',
      'product.earlyRedeem': 'Early redemption allowed', 'product.earlyPenaltyShare': 'Early penalty share',
      'product.penaltyHint': '0-1 of the accrued reward kept on early redemption; fixed term with early redemption only',
      'product.accruedThrough': 'Accrued through', 'product.stalled': 'Accrual stalled', 'product.create': 'New product',
      'product.edit': 'Edit', 'product.publish': 'Publish', 'product.pause': 'Pause', 'product.resume': 'Resume', 'product.retire': 'Retire',
      'product.retireIntro': 'Retiring is for good: the product never sells again.', 'product.fund': 'Fund reward pool',
      'product.fundFailed': 'The ledger refused the funding (error {code}): nothing moved. A new funding needs a new dialog.',
      'product.fundPending': 'Funding {no} is being finished (the ledger has not answered yet): the list shows it once done.',
      'product.funded': 'Funded: ledger transaction {txn}.',
      'product.fundIntro': 'Moves the amount of the reward coin from the platform\'s funding account into this product\'s reward pool. A retry of this dialog never funds twice.',
      'product.amount': 'Amount', 'product.balances': 'Ledger balances', 'product.ledgerOwner': 'Ledger owner',
      'product.staked': 'Staked', 'product.rewardPool': 'Reward pool', 'product.rewardPayable': 'Rewards owed', 'product.rounding': 'Rounding',
      'product.noBalances': 'The ledger did not answer: balances unknown.', 'product.accrualRuns': 'Accrual runs',
      'product.fundings': 'Fundings', 'product.positions': 'Positions', 'product.day': 'Day', 'product.positionsCount': 'Positions',
      'product.principal': 'Principal', 'product.gross': 'Gross', 'product.paid': 'Paid', 'product.txn': 'Ledger txn',
      'product.failureCode': 'Failure code', 'product.fundingNo': 'Funding no.', 'product.coin': 'Coin', 'product.operator': 'Operator',
      'product.reason': 'Reason', 'product.positionId': 'Position', 'product.userId': 'User', 'product.requestNo': 'Request no.',
      'product.accrued': 'Accrued', 'product.startDay': 'Start day', 'product.maturityDay': 'Maturity',
      'product.status.DRAFT': 'draft', 'product.status.ON_SALE': 'on sale', 'product.status.PAUSED': 'paused', 'product.status.RETIRED': 'retired',
      'product.type.STAKING': 'staking', 'product.type.MINING': 'collateral mining',
      'accrual.status.CALCULATED': 'calculated', 'accrual.status.POSTED': 'posted', 'accrual.status.VOIDED': 'voided',
      'funding.status.PENDING': 'pending', 'funding.status.DONE': 'done', 'funding.status.FAILED': 'failed',
      'position.status.SUBSCRIBING': 'subscribing', 'position.status.OPEN': 'open', 'position.status.REDEEMING': 'redeeming',
      'position.status.REDEEMED': 'redeemed', 'position.status.FAILED': 'failed',
    },
    'zh-CN': {
      'wealth.title': '理财产品', 'product.title': '产品 {code}', 'product.id': 'ID', 'product.code': '代码',
      'product.codeHint': '2-32 位 A-Z 0-9 _ -，不可重复', 'product.name': '名称', 'product.type': '类型',
      'product.lockCoin': '锁仓币种', 'product.rewardCoin': '收益币种', 'product.rewardCoinHint': '质押：留空（收益为锁仓币种）；挖矿：必填',
      'product.termDays': '期限（天）', 'product.termHint': '1-3650；活期产品留空', 'product.flexible': '活期',
      'product.rewardRate': '收益率', 'product.rewardRateHint': '质押：年化小数（0.08 即 8%）；挖矿：每单位锁仓每天的收益币数量',
      'product.minAmount': '起投金额', 'product.maxPerUser': '每人上限', 'product.totalQuota': '总额度',
      'product.locked': '已锁仓', 'product.saleStart': '开售时间', 'product.saleEnd': '停售时间',
      'product.timeHint': 'UTC，ISO-8601 格式，例如 2030-01-01T00:00:00Z', 'product.saleEndHint': '可选；UTC，ISO-8601 格式',
      'product.earlyRedeem': '允许提前赎回', 'product.earlyPenaltyShare': '提前赎回罚没比例',
      'product.penaltyHint': '提前赎回时扣除的已计收益比例（0-1）；仅限定期且允许提前赎回的产品',
      'product.accruedThrough': '已计息至', 'product.stalled': '计息停滞', 'product.create': '新建产品',
      'product.edit': '编辑', 'product.publish': '发布', 'product.pause': '暂停', 'product.resume': '恢复', 'product.retire': '下架',
      'product.retireIntro': '下架不可撤销：该产品将不再销售。', 'product.fund': '注资收益池',
      'product.fundFailed': '账本拒绝了此次注资（错误 {code}）：资金未移动。重新注资请新开对话框。',
      'product.fundPending': '注资 {no} 正在完成中（账本尚未应答）：完成后会出现在列表中。',
      'product.funded': '已注资：账本交易 {txn}。',
      'product.fundIntro': '从平台资金账户向该产品的收益池转入该金额的收益币。重复提交此对话框不会重复注资。',
      'product.amount': '金额', 'product.balances': '账本余额', 'product.ledgerOwner': '账本所有者',
      'product.staked': '锁仓本金', 'product.rewardPool': '收益池', 'product.rewardPayable': '应付收益', 'product.rounding': '舍入',
      'product.noBalances': '账本未响应：余额未知。', 'product.accrualRuns': '计息批次',
      'product.fundings': '注资记录', 'product.positions': '持仓', 'product.day': '日期', 'product.positionsCount': '持仓数',
      'product.principal': '本金', 'product.gross': '总收益', 'product.paid': '已分配', 'product.txn': '账本交易',
      'product.failureCode': '失败码', 'product.fundingNo': '注资单号', 'product.coin': '币种', 'product.operator': '操作人',
      'product.reason': '原因', 'product.positionId': '持仓', 'product.userId': '用户', 'product.requestNo': '申购单号',
      'product.accrued': '已计收益', 'product.startDay': '起息日', 'product.maturityDay': '到期日',
      'product.status.DRAFT': '草稿', 'product.status.ON_SALE': '在售', 'product.status.PAUSED': '已暂停', 'product.status.RETIRED': '已下架',
      'product.type.STAKING': '质押', 'product.type.MINING': '抵押挖矿',
      'accrual.status.CALCULATED': '已计算', 'accrual.status.POSTED': '已入账', 'accrual.status.VOIDED': '已作废',
      'funding.status.PENDING': '处理中', 'funding.status.DONE': '已完成', 'funding.status.FAILED': '失败',
      'position.status.SUBSCRIBING': '申购中', 'position.status.OPEN': '持有中', 'position.status.REDEEMING': '赎回中',
      'position.status.REDEEMED': '已赎回', 'position.status.FAILED': '失败',
    },
  });

  /** The coins the ledger keeps, for the coin selects; a plain text field when they cannot be read. */
  async function coinField(name, label, value, required, hint) {
    try {
      const coins = (await A.api.get('/admin-api/ledger/coins')).map(c => c.code);
      return { name, label, type: 'select', options: required ? coins : [['', '—']].concat(coins), value, required, hint };
    } catch (e) {
      return { name, label, value, required, hint };
    }
  }

  /** Every field of the product definition (create, or edit a DRAFT), filled from p when editing. */
  async function definitionFields(p) {
    p = p || {};
    return [
      { name: 'code', label: 'product.code', hint: 'product.codeHint', required: true, value: p.code },
      { name: 'name', label: 'product.name', required: true, value: p.name },
      { name: 'type', label: 'product.type', type: 'select', optionGroup: 'product.type', options: ['STAKING', 'MINING'], required: true, value: p.type },
      await coinField('lockCoin', 'product.lockCoin', p.lockCoin, true),
      await coinField('rewardCoin', 'product.rewardCoin', p.type === 'MINING' ? p.rewardCoin : '', false, 'product.rewardCoinHint'),
      { name: 'termDays', label: 'product.termDays', type: 'number', hint: 'product.termHint', value: p.termDays },
      { name: 'rewardRate', label: 'product.rewardRate', inputmode: 'decimal', hint: 'product.rewardRateHint', required: true, value: p.rewardRate },
      { name: 'minAmount', label: 'product.minAmount', inputmode: 'decimal', required: true, value: p.minAmount },
      { name: 'maxPerUser', label: 'product.maxPerUser', inputmode: 'decimal', required: true, value: p.maxPerUser },
      { name: 'totalQuota', label: 'product.totalQuota', inputmode: 'decimal', required: true, value: p.totalQuota },
      { name: 'saleStart', label: 'product.saleStart', hint: 'product.timeHint', required: true, value: p.saleStart },
      { name: 'saleEnd', label: 'product.saleEnd', hint: 'product.saleEndHint', value: p.saleEnd },
      { name: 'earlyRedeem', label: 'product.earlyRedeem', type: 'checkbox', value: !!p.earlyRedeem },
      { name: 'earlyPenaltyShare', label: 'product.earlyPenaltyShare', inputmode: 'decimal', hint: 'product.penaltyHint', value: p.earlyPenaltyShare },
    ];
  }

  /** The request body: amounts stay strings, the term a number, empty optional fields left out. */
  function definitionBody(v) {
    return {
      code: v.code, name: v.name, type: v.type, lockCoin: v.lockCoin, rewardCoin: v.rewardCoin,
      termDays: v.termDays === undefined ? undefined : Number(v.termDays), rewardRate: v.rewardRate, minAmount: v.minAmount,
      maxPerUser: v.maxPerUser, totalQuota: v.totalQuota, saleStart: v.saleStart, saleEnd: v.saleEnd,
      earlyRedeem: !!v.earlyRedeem, earlyPenaltyShare: v.earlyPenaltyShare, reason: v.reason,
    };
  }

  const txnLink = id => (id === null || id === undefined ? '' : h('a', { href: A.href('transaction', { id }) }, String(id)));

  A.screen({
    id: 'wealth', label: 'wealth.title', permission: 'WEALTH_READ',
    async render(main, params, route) {
      const create = A.session.can('WEALTH_MANAGE') ? A.ui.action('product.create', {
        permission: 'WEALTH_MANAGE', test: 'create-product', fields: await definitionFields(),
        submit: (v, key) => A.api.post(P, definitionBody(v), { key }), done: p => A.go('product', { id: p.id }),
      }) : null;
      main.append(h('h1', {}, A.t('wealth.title')),
        A.ui.section('wealth.title', [create],
          A.ui.filters([{ name: 'status', label: 'ui.status', type: 'select', optionGroup: 'product.status', options: [['', A.t('ui.all')]].concat(STATUSES) }],
            params, v => route.open(v)),
          A.ui.table({
            test: 'products', rowKey: 'id', state: params, onState: s => route.set(s),
            columns: [
              { key: 'code', label: 'product.code', render: p => h('a', { href: A.href('product', { id: p.id }) }, p.code) },
              { key: 'name', label: 'product.name' },
              { key: 'type', label: 'product.type', render: p => A.tv('product.type', p.type) },
              { key: 'lockCoin', label: 'product.lockCoin' },
              { key: 'termDays', label: 'product.termDays', cls: 'num', render: p => (p.termDays ? p.termDays : A.t('product.flexible')) },
              { key: 'rewardRate', label: 'product.rewardRate', cls: 'num' },
              { key: 'locked', label: 'product.locked', cls: 'num', render: p => p.locked + ' / ' + p.totalQuota },
              { key: 'status', label: 'ui.status', render: p => status('product.status', p.status) },
              { key: 'saleStart', label: 'product.saleStart', render: p => fmt.time(p.saleStart) },
            ],
            load: p => A.api.get(P, { status: params.status, pageNo: p.pageNo, pageSize: p.pageSize }),
          })));
    },
  });

  /** A lifecycle move (publish, pause, resume, retire): a reason only. */
  function move(label, test, path, extra) {
    return A.ui.action(label, Object.assign({ permission: 'WEALTH_MANAGE', test,
      submit: (v, key) => A.api.post(path, { reason: v.reason }, { key }) }, extra));
  }

  A.screen({
    id: 'product', permission: 'WEALTH_READ',
    async render(main, params, route) {
      const p = await A.api.get(P + '/' + encodeURIComponent(params.id));
      const path = P + '/' + p.id;
      const reload = () => route.reload();
      const buttons = [];
      if (p.status === 'DRAFT' && A.session.can('WEALTH_MANAGE')) {
        buttons.push(A.ui.action('product.edit', { permission: 'WEALTH_MANAGE', test: 'edit-product', fields: await definitionFields(p),
          submit: (v, key) => A.api.put(path, definitionBody(v), { key }), done: reload }));
        buttons.push(move('product.publish', 'publish-product', path + '/publish', { done: reload }));
      }
      if (p.status === 'ON_SALE') buttons.push(move('product.pause', 'pause-product', path + '/pause', { done: reload }));
      if (p.status === 'PAUSED') buttons.push(move('product.resume', 'resume-product', path + '/resume', { done: reload }));
      if (p.status !== 'RETIRED') buttons.push(move('product.retire', 'retire-product', path + '/retire', { done: reload, danger: true, intro: A.t('product.retireIntro') }));
      buttons.push(A.ui.action('product.fund', { permission: 'WEALTH_FUND', test: 'fund-product', intro: A.t('product.fundIntro'),
        fields: [{ name: 'amount', label: 'product.amount', inputmode: 'decimal', required: true, hint: null }],
        // the dialog's own number is the fundingNo: no retry of the same dialog funds twice
        submit: (v, key, once) => A.api.post(path + '/funding', { fundingNo: once, amount: v.amount, reason: v.reason }, { key }),
        done: f => {
          // the ledger may refuse it (FAILED, with its code) or not have answered yet (PENDING: recovery finishes it)
          reload().then(() => {
            if (f.status === 'FAILED') A.ui.notice('error', A.t('product.fundFailed', { code: f.failureCode }));
            else if (f.status === 'PENDING') A.ui.notice('ok', A.t('product.fundPending', { no: f.fundingNo }));
            else A.ui.notice('ok', A.t('product.funded', { txn: f.txnId }));
          });
        } }));
      const b = p.balances;
      main.append(h('p', {}, h('a', { href: A.href('wealth') }, '← ' + A.t('wealth.title'))),
        h('h1', {}, A.t('product.title', { code: p.code })),
        A.ui.section('ui.details', buttons.filter(x => x), A.ui.kv([
          ['product.id', p.id], ['product.code', p.code], ['product.name', p.name], ['product.type', A.tv('product.type', p.type)],
          ['ui.status', status('product.status', p.status)], ['product.lockCoin', p.lockCoin], ['product.rewardCoin', p.rewardCoin],
          ['product.termDays', p.termDays ? p.termDays : A.t('product.flexible')], ['product.rewardRate', p.rewardRate],
          ['product.minAmount', p.minAmount], ['product.maxPerUser', p.maxPerUser], ['product.totalQuota', p.totalQuota],
          ['product.locked', p.locked], ['product.saleStart', fmt.time(p.saleStart)], ['product.saleEnd', fmt.time(p.saleEnd)],
          ['product.earlyRedeem', fmt.bool(p.earlyRedeem)], ['product.earlyPenaltyShare', p.earlyPenaltyShare],
          ['product.accruedThrough', p.accruedThrough],
          p.accrualStalledCode ? ['product.stalled', p.accrualStalledCode + ' · ' + fmt.time(p.accrualStalledAt)] : null,
          ['ui.createdAt', fmt.time(p.createdAt)], ['ui.updatedAt', fmt.time(p.updatedAt)]])),
        A.ui.section('product.balances', [A.session.can('LEDGER_READ') && b ? h('a', { href: A.href('ledger', { ownerType: 'PRODUCT', ownerId: b.ledgerOwnerId }) },
          A.t('product.ledgerOwner') + ' →') : null],
        b ? h('div', { 'data-test': 'product-balances' }, A.ui.kv([['product.ledgerOwner', b.ledgerOwnerId],
          ['product.staked', b.staked + ' ' + p.lockCoin], ['product.rewardPool', b.rewardPool + ' ' + p.rewardCoin],
          ['product.rewardPayable', b.rewardPayable + ' ' + p.rewardCoin], ['product.rounding', b.rounding + ' ' + p.rewardCoin]]))
          : h('p', { class: 'notice error', 'data-test': 'product-balances' }, A.t('product.noBalances'))),
        // three lists on one screen: each pages on its own (the route keeps no page of theirs)
        A.ui.section('product.accrualRuns', null, A.ui.table({
          test: 'accrual-runs', rowKey: 'id',
          columns: [
            { key: 'day', label: 'product.day' }, { key: 'status', label: 'ui.status', render: r => status('accrual.status', r.status) },
            { key: 'positions', label: 'product.positionsCount', cls: 'num' }, { key: 'principal', label: 'product.principal', cls: 'num' },
            { key: 'gross', label: 'product.gross', cls: 'num' }, { key: 'paid', label: 'product.paid', cls: 'num' },
            { key: 'rounding', label: 'product.rounding', cls: 'num' }, { key: 'txnId', label: 'product.txn', render: r => txnLink(r.txnId) },
            { key: 'failureCode', label: 'product.failureCode' },
          ],
          load: q => A.api.get(path + '/accrual-runs', { pageNo: q.pageNo, pageSize: q.pageSize }),
        })),
        A.ui.section('product.fundings', null, A.ui.table({
          test: 'fundings', rowKey: 'fundingNo',
          columns: [
            { key: 'fundingNo', label: 'product.fundingNo', render: f => h('code', {}, f.fundingNo) },
            { key: 'amount', label: 'product.amount', cls: 'num', render: f => f.amount + ' ' + (f.coin || '') },
            { key: 'status', label: 'ui.status', render: f => status('funding.status', f.status) },
            { key: 'operator', label: 'product.operator' }, { key: 'reason', label: 'product.reason' },
            { key: 'txnId', label: 'product.txn', render: f => txnLink(f.txnId) }, { key: 'failureCode', label: 'product.failureCode' },
            { key: 'createdAt', label: 'ui.createdAt', render: f => fmt.time(f.createdAt) },
          ],
          load: q => A.api.get(path + '/fundings', { pageNo: q.pageNo, pageSize: q.pageSize }),
        })),
        A.ui.section('product.positions', null, A.ui.table({
          test: 'positions', rowKey: 'positionId',
          columns: [
            { key: 'positionId', label: 'product.positionId' },
            { key: 'userId', label: 'product.userId', render: x => (A.session.can('USER_READ') ? h('a', { href: A.href('user', { id: x.userId }) }, String(x.userId)) : x.userId) },
            { key: 'principal', label: 'product.principal', cls: 'num' }, { key: 'accrued', label: 'product.accrued', cls: 'num' },
            { key: 'accruedThrough', label: 'product.accruedThrough' }, { key: 'startDay', label: 'product.startDay' },
            { key: 'maturityDay', label: 'product.maturityDay' },
            { key: 'status', label: 'ui.status', render: x => status('position.status', x.status) },
            { key: 'createdAt', label: 'ui.createdAt', render: x => fmt.time(x.createdAt) },
          ],
          load: q => A.api.get('/admin-api/wealth/positions', { productId: p.id, pageNo: q.pageNo, pageSize: q.pageSize }),
        })));
    },
  });
})(window.A);
