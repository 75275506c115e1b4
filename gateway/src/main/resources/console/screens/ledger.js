/* Ledger: an owner's balances and an account's statement, credit by hand, a transaction with its postings. */
'use strict';
(function (A) {
  const { h, fmt } = A.ui;
  const L = '/admin-api/ledger';
  const OWNER_TYPES = ['USER', 'ACCEPTOR', 'MERCHANT', 'PLATFORM', 'PRODUCT'];
  // a credit lands on the owner's AVAILABLE account, which only these owner types have (ledger AccountKind)
  const CREDIT_OWNER_TYPES = ['USER', 'ACCEPTOR', 'MERCHANT'];

  A.i18n.add({
    en: {
      'ledger.title': 'Ledger', 'ledger.ownerType': 'Owner type', 'ledger.ownerId': 'Owner id', 'ledger.coin': 'Coin',
      'ledger.kind': 'Account', 'ledger.balance': 'Balance', 'ledger.accountId': 'Account id', 'ledger.balances': 'Balances of {owner}',
      'ledger.pickOwner': 'Choose an owner type and owner id to see the balances.', 'ledger.statement': 'Statement of {account}',
      'ledger.showStatement': 'Statement', 'ledger.postingId': 'Posting', 'ledger.txn': 'Transaction', 'ledger.txnType': 'Type',
      'ledger.bizRef': 'Business ref.', 'ledger.memo': 'Memo', 'ledger.amount': 'Amount', 'ledger.balanceAfter': 'Balance after',
      'ledger.credit': 'Credit by hand', 'ledger.creditIntro': 'Credits the owner\'s available balance from the platform\'s funding account. A retry of this dialog never credits twice.',
      'ledger.amountHint': 'In the coin, e.g. 250.5', 'ledger.credited': 'Credited {amount} {coin} to {owner}.', 'ledger.availableNow': 'Available now: {after}.', 'ledger.lookup': 'Find a transaction', 'ledger.txnId': 'Transaction id',
      'ledger.key': 'Idempotency key', 'ledger.find': 'Open', 'ledger.txnTitle': 'Transaction {id}', 'ledger.holdId': 'Hold id',
      'ledger.reverses': 'Reverses', 'ledger.reversedBy': 'Reversed by', 'ledger.postings': 'Postings', 'ledger.owner': 'Owner',
      'ledger.ownerType.USER': 'user', 'ledger.ownerType.ACCEPTOR': 'acceptor', 'ledger.ownerType.MERCHANT': 'merchant',
      'ledger.ownerType.PLATFORM': 'platform', 'ledger.ownerType.PRODUCT': 'wealth product',
    },
    'zh-CN': {
      'ledger.title': '账本', 'ledger.ownerType': '所有者类型', 'ledger.ownerId': '所有者 ID', 'ledger.coin': '币种',
      'ledger.kind': '账户', 'ledger.balance': '余额', 'ledger.accountId': '账户 ID', 'ledger.balances': '{owner} 的余额',
      'ledger.pickOwner': '请选择所有者类型并填写所有者 ID 以查看余额。', 'ledger.statement': '{account} 的流水',
      'ledger.showStatement': '流水', 'ledger.postingId': '分录', 'ledger.txn': '交易', 'ledger.txnType': '类型',
      'ledger.bizRef': '业务单号', 'ledger.memo': '备注', 'ledger.amount': '金额', 'ledger.balanceAfter': '变动后余额',
      'ledger.credit': '手工入账', 'ledger.creditIntro': '从平台资金账户向该所有者的可用余额入账。重复提交此对话框不会重复入账。',
      'ledger.amountHint': '以该币种计，例如 250.5', 'ledger.credited': '已向 {owner} 入账 {amount} {coin}。', 'ledger.availableNow': '当前可用：{after}。', 'ledger.lookup': '查找交易', 'ledger.txnId': '交易 ID',
      'ledger.key': '幂等键', 'ledger.find': '打开', 'ledger.txnTitle': '交易 {id}', 'ledger.holdId': '冻结单 ID',
      'ledger.reverses': '冲正的交易', 'ledger.reversedBy': '被冲正于', 'ledger.postings': '分录', 'ledger.owner': '所有者',
      'ledger.ownerType.USER': '用户', 'ledger.ownerType.ACCEPTOR': '承兑商', 'ledger.ownerType.MERCHANT': '商户',
      'ledger.ownerType.PLATFORM': '平台', 'ledger.ownerType.PRODUCT': '理财产品',
    },
  });

  let coinCache = null;
  /** The coins the ledger keeps ([{code, scale}]), asked once per page load. */
  async function coins() {
    if (!coinCache) coinCache = (await A.api.get(L + '/coins')).map(c => c.code);
    return coinCache;
  }

  const txnLink = id => (id === null || id === undefined ? '' : h('a', { href: A.href('transaction', { id }) }, String(id)));

  /** The "credit by hand" button; the dialog's own number is the credit's requestId, so no retry credits twice. */
  function creditAction(coinList, params, route) {
    return A.ui.action('ledger.credit', {
      permission: 'LEDGER_CREDIT', test: 'credit', intro: A.t('ledger.creditIntro'),
      fields: [
        { name: 'ownerType', label: 'ledger.ownerType', type: 'select', optionGroup: 'ledger.ownerType', options: CREDIT_OWNER_TYPES,
          value: CREDIT_OWNER_TYPES.includes(params.ownerType) ? params.ownerType : 'USER', required: true },
        { name: 'ownerId', label: 'ledger.ownerId', value: params.ownerId, required: true },
        { name: 'coin', label: 'ledger.coin', type: 'select', options: coinList, value: params.coin, required: true },
        { name: 'amount', label: 'ledger.amount', inputmode: 'decimal', hint: 'ledger.amountHint', required: true },
      ],
      submit: (v, key, once) => A.api.post(L + '/credits', { requestId: once, owner: { ownerType: v.ownerType, ownerId: v.ownerId },
        coin: v.coin, amount: v.amount, reason: v.reason }, { key }),
      // stays on the balances (now updated) and says which transaction the credit is, with a link to it
      done: (txn, v) => {
        route.reload();
        const mine = (txn.postings || []).find(p => p.ownerType === v.ownerType && p.ownerId === v.ownerId) || {};
        A.ui.notice('ok', h('span', { 'data-test': 'credited' }, A.t('ledger.credited', { amount: v.amount, coin: v.coin,
          owner: v.ownerType + ':' + v.ownerId }), ' ', mine.balanceAfter ? A.t('ledger.availableNow', { after: mine.balanceAfter }) + ' ' : '',
        h('a', { href: A.href('transaction', { id: txn.txnId }), 'data-test': 'credited-txn' }, A.t('ledger.txnTitle', { id: txn.txnId }))));
      },
    });
  }

  /** Jump to a transaction by its id or its idempotency key. */
  function lookup() {
    const fields = [{ name: 'id', label: 'ledger.txnId', inputmode: 'numeric' }, { name: 'key', label: 'ledger.key' }];
    const form = h('form', { class: 'filters', 'data-test': 'txn-lookup' }, fields.map(A.ui.input),
      h('div', { class: 'buttons' }, h('button', { type: 'submit', class: 'primary', 'data-test': 'find-transaction' }, A.t('ledger.find'))));
    form.addEventListener('submit', e => {
      e.preventDefault();
      const id = form.querySelector('[data-field=id]').value.trim();
      const key = form.querySelector('[data-field=key]').value.trim();
      if (id) A.go('transaction', { id }); else if (key) A.go('transaction', { key });
    });
    return form;
  }

  A.screen({
    id: 'ledger', label: 'ledger.title', permission: 'LEDGER_READ',
    async render(main, params, route) {
      const coinList = await coins();
      const owner = params.ownerType && params.ownerId ? params.ownerType + ':' + params.ownerId : null;
      main.append(h('h1', {}, A.t('ledger.title')),
        A.ui.filters([
          { name: 'ownerType', label: 'ledger.ownerType', type: 'select', optionGroup: 'ledger.ownerType', options: OWNER_TYPES },
          { name: 'ownerId', label: 'ledger.ownerId' },
          { name: 'coin', label: 'ledger.coin', type: 'select', options: [['', A.t('ui.all')]].concat(coinList) },
        ], params, v => route.open(v)));
      const balances = owner ? A.ui.table({
        test: 'balances', rowKey: 'accountId',
        columns: [
          { key: 'coin', label: 'ledger.coin' }, { key: 'kind', label: 'ledger.kind' },
          { key: 'balance', label: 'ledger.balance', cls: 'num' }, { key: 'accountId', label: 'ledger.accountId' },
          { key: 'statement', label: 'ledger.showStatement', sort: false, render: b => h('a', { 'data-test': 'statement-link',
            href: A.href('ledger', { ownerType: b.ownerType, ownerId: b.ownerId, coin: b.coin, kind: b.kind }) }, A.t('ledger.showStatement')) },
        ],
        load: async p => A.ui.arrayPage(await A.api.get(L + '/balances', { ownerType: params.ownerType, ownerId: params.ownerId, coin: params.coin }), p),
      }) : h('p', {}, A.t('ledger.pickOwner'));
      main.append(A.ui.section(owner ? 'ledger.balances' : 'ledger.title', [creditAction(coinList, params, route)], balances));
      // section titles are i18n keys: put the owner in the heading by hand
      if (owner) main.lastChild.querySelector('h2').textContent = A.t('ledger.balances', { owner });
      if (owner && params.coin && params.kind) {
        const account = owner + ':' + params.coin + ':' + params.kind;
        const statement = A.ui.section('ledger.statement', null, A.ui.table({
          test: 'statement', rowKey: 'postingId', state: params, onState: s => route.set(s),
          columns: [
            { key: 'createdAt', label: 'ui.createdAt', render: e => fmt.time(e.createdAt) },
            { key: 'txnId', label: 'ledger.txn', render: e => txnLink(e.txnId) },
            { key: 'txnType', label: 'ledger.txnType' }, { key: 'bizRef', label: 'ledger.bizRef' }, { key: 'memo', label: 'ledger.memo' },
            { key: 'amount', label: 'ledger.amount', cls: 'num' }, { key: 'balanceAfter', label: 'ledger.balanceAfter', cls: 'num' },
          ],
          load: p => A.api.get(L + '/statement', { ownerType: params.ownerType, ownerId: params.ownerId, coin: params.coin, kind: params.kind,
            pageNo: p.pageNo, pageSize: p.pageSize }),
        }));
        statement.querySelector('h2').textContent = A.t('ledger.statement', { account });
        main.append(statement);
      }
      main.append(A.ui.section('ledger.lookup', null, lookup()));
    },
  });

  A.screen({
    id: 'transaction', permission: 'LEDGER_READ',
    async render(main, params) {
      const t = params.id ? await A.api.get(L + '/transactions/' + encodeURIComponent(params.id))
        : await A.api.get(L + '/transactions/by-key', { idempotencyKey: params.key });
      main.append(h('p', {}, h('a', { href: A.href('ledger') }, '← ' + A.t('ledger.title'))),
        h('h1', {}, A.t('ledger.txnTitle', { id: t.txnId })),
        A.ui.section('ui.details', null, A.ui.kv([['ledger.txnId', t.txnId], ['ledger.key', h('code', { 'data-test': 'txn-key' }, t.idempotencyKey || '')],
          ['ledger.txnType', t.type], ['ledger.bizRef', t.bizRef], ['ledger.memo', t.memo], ['ledger.holdId', t.holdId],
          ['ledger.reverses', txnLink(t.reversesTxnId)], ['ledger.reversedBy', txnLink(t.reversedByTxnId)], ['ui.createdAt', fmt.time(t.createdAt)]])),
        A.ui.section('ledger.postings', null, A.ui.table({
          test: 'postings', rowKey: 'accountId',
          columns: [
            { key: 'ownerId', label: 'ledger.owner', render: e => h('a', { href: A.href('ledger', { ownerType: e.ownerType, ownerId: e.ownerId }) },
              e.ownerType + ':' + e.ownerId) },
            { key: 'coin', label: 'ledger.coin' }, { key: 'kind', label: 'ledger.kind' },
            { key: 'amount', label: 'ledger.amount', cls: 'num' }, { key: 'balanceAfter', label: 'ledger.balanceAfter', cls: 'num' },
          ],
          load: async p => A.ui.arrayPage(t.postings, p),
        })));
    },
  });
})(window.A);
