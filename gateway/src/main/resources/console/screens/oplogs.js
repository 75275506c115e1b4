/* Operation logs: every service's op_log (who did what, why, the outcome); a row opens to its arguments and states. */
'use strict';
(function (A) {
  const { h, fmt } = A.ui;
  // the gateway's path of each service that keeps an op-log (GatewayRoutesProperties: /admin-api/<path>/op-logs)
  const SERVICES = ['user', 'merchant', 'ledger', 'otc', 'wallet', 'wealth', 'job', 'chain'];

  A.i18n.add({
    en: {
      'oplogs.title': 'Operation logs', 'oplog.service': 'Service', 'oplog.operation': 'Operation',
      'oplog.operationHint': 'Exact name, e.g. operator.create', 'oplog.actorType': 'Actor type', 'oplog.actorId': 'Actor id',
      'oplog.time': 'Time', 'oplog.actor': 'Actor', 'oplog.outcome': 'Outcome', 'oplog.errorCode': 'Error code',
      'oplog.reason': 'Reason', 'oplog.args': 'Arguments', 'oplog.before': 'Before', 'oplog.after': 'After',
      'oplog.duration': 'Duration (ms)', 'oplog.trace': 'Trace id', 'oplog.ip': 'Client IP',
      'oplog.service.user': 'user-svc', 'oplog.service.merchant': 'merchant-api-svc', 'oplog.service.ledger': 'ledger-svc',
      'oplog.service.otc': 'otc-svc', 'oplog.service.wallet': 'wallet-svc', 'oplog.service.wealth': 'wealth-svc',
      'oplog.service.job': 'job-svc', 'oplog.service.chain': 'chain-bridge-svc',
      'oplog.actorType.operator': 'operator', 'oplog.actorType.user': 'app user', 'oplog.actorType.merchant': 'merchant',
      'oplog.actorType.system': 'system', 'oplog.outcome.SUCCESS': 'success', 'oplog.outcome.FAILURE': 'failure',
    },
    'zh-CN': {
      'oplogs.title': '操作日志', 'oplog.service': '服务', 'oplog.operation': '操作',
      'oplog.operationHint': '完整名称，例如 operator.create', 'oplog.actorType': '操作者类型', 'oplog.actorId': '操作者 ID',
      'oplog.time': '时间', 'oplog.actor': '操作者', 'oplog.outcome': '结果', 'oplog.errorCode': '错误码',
      'oplog.reason': '原因', 'oplog.args': '参数', 'oplog.before': '操作前', 'oplog.after': '操作后',
      'oplog.duration': '耗时（毫秒）', 'oplog.trace': '追踪 ID', 'oplog.ip': '客户端 IP',
      'oplog.service.user': '用户服务 user-svc', 'oplog.service.merchant': '商户服务 merchant-api-svc', 'oplog.service.ledger': '账本服务 ledger-svc',
      'oplog.service.otc': 'OTC 服务 otc-svc', 'oplog.service.wallet': '钱包服务 wallet-svc', 'oplog.service.wealth': '理财服务 wealth-svc',
      'oplog.service.job': '任务服务 job-svc', 'oplog.service.chain': '链桥服务 chain-bridge-svc',
      'oplog.actorType.operator': '运营人员', 'oplog.actorType.user': 'App 用户', 'oplog.actorType.merchant': '商户',
      'oplog.actorType.system': '系统', 'oplog.outcome.SUCCESS': '成功', 'oplog.outcome.FAILURE': '失败',
    },
  });

  /** created_at is a UTC DATETIME: a value without a zone is read as UTC, not as the browser's local time. */
  function time(v) {
    if (typeof v === 'string' && /T\d\d:\d\d(:\d\d(\.\d+)?)?$/.test(v)) return fmt.time(v + 'Z');
    return fmt.time(v);
  }

  /** A stored JSON text (arguments, states), indented when it parses. */
  function pretty(v) {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v !== 'string') return fmt.json(v);
    try { return JSON.stringify(JSON.parse(v), null, 2); } catch (e) { return v; }
  }

  function details(r) {
    return h('details', { 'data-test': 'oplog-details' }, h('summary', {}, A.t('ui.details')),
      h('h3', {}, A.t('oplog.args')), h('pre', { 'data-test': 'oplog-args' }, pretty(r.args)),
      h('h3', {}, A.t('oplog.before')), h('pre', { 'data-test': 'oplog-before' }, pretty(r.before_state)),
      h('h3', {}, A.t('oplog.after')), h('pre', { 'data-test': 'oplog-after' }, pretty(r.after_state)),
      A.ui.kv([['oplog.duration', r.duration_ms], ['oplog.trace', r.trace_id], ['oplog.ip', r.client_ip]]));
  }

  A.screen({
    id: 'oplogs', label: 'oplogs.title', permission: 'OPLOG_READ',
    render(main, params, route) {
      const service = SERVICES.includes(params.service) ? params.service : 'user';
      main.append(h('h1', {}, A.t('oplogs.title')),
        A.ui.filters([
          { name: 'service', label: 'oplog.service', type: 'select', optionGroup: 'oplog.service', options: SERVICES },
          { name: 'operation', label: 'oplog.operation', hint: 'oplog.operationHint' },
          { name: 'actorType', label: 'oplog.actorType', type: 'select', optionGroup: 'oplog.actorType',
            options: [['', A.t('ui.all')], 'operator', 'user', 'merchant', 'system'] },
          { name: 'actorId', label: 'oplog.actorId' },
        ], Object.assign({}, params, { service }), v => route.open(v)),
        A.ui.table({
          test: 'oplogs', rowKey: 'id', state: params, onState: s => route.set(s),
          columns: [
            { key: 'created_at', label: 'oplog.time', render: r => time(r.created_at) },
            { key: 'operation', label: 'oplog.operation', render: r => h('code', {}, r.operation || '') },
            { key: 'actor_id', label: 'oplog.actor', render: r => A.tv('oplog.actorType', r.actor_type) + (r.actor_id ? ' ' + r.actor_id : '') },
            { key: 'outcome', label: 'oplog.outcome', render: r => A.ui.status('oplog.outcome', r.outcome) },
            { key: 'error_code', label: 'oplog.errorCode' },
            { key: 'reason', label: 'oplog.reason' },
            { key: 'details', label: 'ui.details', sort: false, render: details },
          ],
          load: p => A.api.get('/admin-api/' + service + '/op-logs', { operation: params.operation, actorType: params.actorType,
            actorId: params.actorId, pageNo: p.pageNo, pageSize: p.pageSize }),
        }));
    },
  });
})(window.A);
