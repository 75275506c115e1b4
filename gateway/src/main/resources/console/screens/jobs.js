/* Jobs: job-svc's scheduled jobs, their runs, run one now. Reconciliation: cross-service runs (job-svc) and the ledger's own. */
'use strict';
(function (A) {
  const { h, clear, fmt, status } = A.ui;
  const J = '/admin-api/job';
  const R = '/admin-api/job/reconciliation/runs';
  const LR = '/admin-api/ledger/reconciliation/runs';

  A.i18n.add({
    en: {
      'jobs.title': 'Jobs', 'jobs.jobs': 'Scheduled jobs', 'jobs.runs': 'Runs', 'job.name': 'Job', 'job.every': 'Every',
      'job.dayBased': 'Works by day', 'job.description': 'What it does', 'job.runId': 'Run', 'job.day': 'Day',
      'job.dayHint': 'Day: yyyy-MM-dd, a UTC day that has ended, only for a job that works by day ({jobs}).', 'job.attempt': 'Attempt',
      'job.trigger': 'Trigger', 'job.operator': 'Operator', 'job.reason': 'Reason', 'job.replica': 'Replica', 'job.counts': 'Counts',
      'job.error': 'Error', 'job.startedAt': 'Started', 'job.finishedAt': 'Finished', 'job.duration': 'ms', 'job.run': 'Run a job now',
      'job.runIntro': 'The job runs now and the answer is its recorded run. A run longer than 15 s still ends: then look at the runs.',
      'job.ran': 'Run {id} of {job}: {status} {error}',
      'job.status.RUNNING': 'running', 'job.status.OK': 'OK', 'job.status.FAILED': 'failed',
      'job.trigger.SCHEDULED': 'scheduled', 'job.trigger.MANUAL': 'by hand',
      'recon.title': 'Reconciliation', 'recon.crossRuns': 'Cross-service runs (job-svc)', 'recon.ledgerRuns': 'Ledger runs (ledger-svc)',
      'recon.run': 'Run now', 'recon.runLedger': 'Run ledger check now', 'recon.since': 'Orders ended since',
      'recon.sinceHint': 'Optional; UTC, ISO-8601, at most 31 days ago (default: the last 25 hours)', 'recon.runId': 'Run',
      'recon.trigger': 'Trigger', 'recon.result': 'Result', 'recon.discrepancies': 'Discrepancies', 'recon.window': 'Window',
      'recon.checked': 'Checked', 'recon.notChecked': 'Not checked', 'recon.error': 'Error', 'recon.check': 'Check',
      'recon.subject': 'Subject', 'recon.detail': 'Detail', 'recon.runTitle': 'Reconciliation run {id}',
      'recon.checkedCounts': '{ads} ads, {acceptors} acceptors, {orders} orders, {holds} holds, {deposits} deposits, {withdrawals} withdrawals, {products} products',
      'recon.ledgerChecked': '{accounts} accounts, {postings} postings, {holds} holds', 'recon.differences': 'Differences',
      'recon.expected': 'Expected', 'recon.actual': 'Actual', 'recon.ledgerRun': 'Ledger run {id}',
      'recon.ledgerRunIntro': 'Checks every invariant of the ledger over the whole journal now.',
      'recon.state.OK': 'OK', 'recon.state.DISCREPANCIES': 'discrepancies', 'recon.state.ERROR': 'incomplete',
    },
    'zh-CN': {
      'jobs.title': '定时任务', 'jobs.jobs': '定时任务列表', 'jobs.runs': '运行记录', 'job.name': '任务', 'job.every': '周期',
      'job.dayBased': '按日运行', 'job.description': '说明', 'job.runId': '运行', 'job.day': '日期',
      'job.dayHint': '日期：yyyy-MM-dd，已结束的 UTC 日期，仅用于按日运行的任务（{jobs}）。', 'job.attempt': '尝试',
      'job.trigger': '触发方式', 'job.operator': '操作人', 'job.reason': '原因', 'job.replica': '实例', 'job.counts': '计数',
      'job.error': '错误', 'job.startedAt': '开始时间', 'job.finishedAt': '结束时间', 'job.duration': '毫秒', 'job.run': '立即运行任务',
      'job.runIntro': '任务将立即运行，返回其运行记录。运行超过 15 秒仍会继续完成：届时请查看运行记录。',
      'job.ran': '任务 {job} 的运行 {id}：{status} {error}',
      'job.status.RUNNING': '运行中', 'job.status.OK': '成功', 'job.status.FAILED': '失败',
      'job.trigger.SCHEDULED': '定时', 'job.trigger.MANUAL': '手动',
      'recon.title': '对账', 'recon.crossRuns': '跨服务对账（job-svc）', 'recon.ledgerRuns': '账本对账（ledger-svc）',
      'recon.run': '立即对账', 'recon.runLedger': '立即检查账本', 'recon.since': '订单结束时间起',
      'recon.sinceHint': '可选；UTC，ISO-8601 格式，最早 31 天前（默认：最近 25 小时）', 'recon.runId': '批次',
      'recon.trigger': '触发者', 'recon.result': '结果', 'recon.discrepancies': '差异', 'recon.window': '时间范围',
      'recon.checked': '已检查', 'recon.notChecked': '未检查', 'recon.error': '错误', 'recon.check': '检查项',
      'recon.subject': '对象', 'recon.detail': '详情', 'recon.runTitle': '对账批次 {id}',
      'recon.checkedCounts': '{ads} 个广告，{acceptors} 个承兑商，{orders} 笔订单，{holds} 笔冻结，{deposits} 笔充值，{withdrawals} 笔提现，{products} 个产品',
      'recon.ledgerChecked': '{accounts} 个账户，{postings} 条分录，{holds} 笔冻结', 'recon.differences': '差异',
      'recon.expected': '应为', 'recon.actual': '实际', 'recon.ledgerRun': '账本对账批次 {id}',
      'recon.ledgerRunIntro': '立即对整个账本日记账检查所有不变量。',
      'recon.state.OK': '正常', 'recon.state.DISCREPANCIES': '有差异', 'recon.state.ERROR': '未完成',
    },
  });

  const counts = c => (c ? Object.entries(c).map(([k, v]) => k + '=' + v).join(', ') : '');

  A.screen({
    id: 'jobs', label: 'jobs.title', permission: 'JOB_READ',
    async render(main, params, route) {
      const jobs = await A.api.get(J + '/jobs');
      const dayJobs = jobs.filter(j => j.dayBased).map(j => j.name).join(', ');
      const run = A.ui.action('job.run', {
        permission: 'JOB_RUN', test: 'run-job', intro: A.t('job.runIntro') + ' ' + A.t('job.dayHint', { jobs: dayJobs }),
        fields: [
          { name: 'job', label: 'job.name', type: 'select', options: jobs.map(j => j.name), required: true, value: params.job },
          { name: 'day', label: 'job.day', placeholder: 'yyyy-MM-dd' },
        ],
        submit: (v, key) => A.api.post(J + '/runs', { job: v.job, day: v.day, reason: v.reason }, { key }),
        done: r => {
          route.reload(); // draws the page (and its notice box) at once, then loads
          A.ui.notice(r.status === 'FAILED' ? 'error' : 'ok',
            A.t('job.ran', { id: r.runId, job: r.job, status: A.tv('job.status', r.status), error: r.error }));
        },
      });
      main.append(h('h1', {}, A.t('jobs.title')),
        A.ui.section('jobs.jobs', [run], A.ui.table({
          test: 'jobs', rowKey: 'name',
          columns: [
            { key: 'name', label: 'job.name', render: j => h('a', { href: A.href('jobs', { job: j.name }) }, j.name) },
            { key: 'every', label: 'job.every' }, { key: 'dayBased', label: 'job.dayBased', render: j => fmt.bool(j.dayBased) },
            { key: 'description', label: 'job.description' },
          ],
          load: async p => A.ui.arrayPage(jobs, p),
        })),
        A.ui.section('jobs.runs', null,
          A.ui.filters([
            { name: 'job', label: 'job.name', type: 'select', options: [['', A.t('ui.all')]].concat(jobs.map(j => j.name)) },
            { name: 'status', label: 'ui.status', type: 'select', optionGroup: 'job.status', options: [['', A.t('ui.all')], 'RUNNING', 'OK', 'FAILED'] },
          ], params, v => route.open(v)),
          A.ui.table({
            test: 'job-runs', rowKey: 'runId', state: params, onState: s => route.set(s),
            columns: [
              { key: 'runId', label: 'job.runId' }, { key: 'job', label: 'job.name' }, { key: 'day', label: 'job.day' },
              { key: 'status', label: 'ui.status', render: r => status('job.status', r.status) },
              { key: 'trigger', label: 'job.trigger', render: r => A.tv('job.trigger', r.trigger) + (r.operatorId ? ' · ' + r.operatorId : '') },
              { key: 'reason', label: 'job.reason' }, { key: 'attempt', label: 'job.attempt', cls: 'num' },
              { key: 'counts', label: 'job.counts', sort: false, render: r => counts(r.counts) }, { key: 'error', label: 'job.error' },
              { key: 'startedAt', label: 'job.startedAt', render: r => fmt.time(r.startedAt) },
              { key: 'durationMs', label: 'job.duration', cls: 'num' }, { key: 'replica', label: 'job.replica' },
            ],
            load: p => A.api.get(J + '/runs', { job: params.job, status: params.status, pageNo: p.pageNo, pageSize: p.pageSize }),
          })));
    },
  });

  const reconState = r => status('recon.state', r.error ? 'ERROR' : r.ok ? 'OK' : 'DISCREPANCIES');

  /** One ledger run's figures and its differences (the list answers them with each run). */
  function ledgerRun(r) {
    const box = A.ui.section('ui.details', null, A.ui.kv([['recon.runId', r.runId], ['recon.trigger', r.trigger], ['recon.result', reconState(r)],
      ['recon.checked', A.t('recon.ledgerChecked', { accounts: r.accountsChecked, postings: r.postingsChecked, holds: r.holdsChecked })],
      ['recon.differences', r.differenceCount], ['job.startedAt', fmt.time(r.startedAt)], ['job.finishedAt', fmt.time(r.finishedAt)]]),
    A.ui.table({ test: 'ledger-differences', columns: [{ key: 'check', label: 'recon.check' }, { key: 'subject', label: 'recon.subject' },
      { key: 'expected', label: 'recon.expected', cls: 'num' }, { key: 'actual', label: 'recon.actual', cls: 'num' }],
    load: async p => A.ui.arrayPage(r.differences, p) }));
    box.querySelector('h2').textContent = A.t('recon.ledgerRun', { id: r.runId });
    box.setAttribute('data-test', 'ledger-run-detail');
    return box;
  }

  A.screen({
    id: 'reconciliation', label: 'recon.title', permission: 'RECONCILIATION_READ',
    render(main, params, route) {
      const reload = () => route.reload();
      main.append(h('h1', {}, A.t('recon.title')),
        A.ui.section('recon.crossRuns', [A.ui.action('recon.run', {
          permission: 'RECONCILIATION_RUN', test: 'run-reconciliation',
          fields: [{ name: 'since', label: 'recon.since', hint: 'recon.sinceHint', placeholder: '2026-01-31T00:00:00Z' }],
          submit: (v, key) => A.api.post(R, { since: v.since, reason: v.reason }, { key }),
          done: run => A.go('recon-run', { id: run.runId }),
        })], A.ui.table({
          test: 'recon-runs', rowKey: 'runId', state: params, onState: s => route.set(s),
          columns: [
            { key: 'runId', label: 'recon.runId', render: r => h('a', { href: A.href('recon-run', { id: r.runId }) }, String(r.runId)) },
            { key: 'trigger', label: 'recon.trigger' },
            { key: 'ok', label: 'recon.result', render: reconState },
            { key: 'discrepancyCount', label: 'recon.discrepancies', cls: 'num' },
            { key: 'windowFrom', label: 'recon.window', render: r => fmt.time(r.windowFrom) + ' – ' + fmt.time(r.windowTo) },
            { key: 'finishedAt', label: 'job.finishedAt', render: r => fmt.time(r.finishedAt) },
            { key: 'error', label: 'recon.error' },
          ],
          load: p => A.api.get(R, { pageNo: p.pageNo, pageSize: p.pageSize }),
        })));
      if (A.session.can('LEDGER_READ')) {
        const detail = h('div', { 'data-test': 'ledger-run-box' });
        const show = r => { clear(detail).appendChild(ledgerRun(r)); detail.scrollIntoView({ block: 'nearest' }); };
        main.append(A.ui.section('recon.ledgerRuns', [A.ui.action('recon.runLedger', {
          // the ledger's API lets any reader run its check (LEDGER_READ), but starting a run is the reconciliation
          // role's job in the console, as for the cross-service run: read-only roles see no write button
          permission: 'RECONCILIATION_RUN', test: 'run-ledger-reconciliation', intro: A.t('recon.ledgerRunIntro'),
          submit: (v, key) => A.api.post(LR, { reason: v.reason }, { key }),
          done: r => {
            reload(); // draws the page at once, then loads: show the new run's figures under the list
            const d = document.querySelector('[data-test=ledger-run-box]');
            if (d) d.appendChild(ledgerRun(r));
          },
        })], A.ui.table({
          test: 'ledger-recon-runs', rowKey: 'runId',
          columns: [
            { key: 'runId', label: 'recon.runId', render: r => h('button', { type: 'button', class: 'link', 'data-test': 'show-ledger-run',
              on: { click: () => show(r) } }, String(r.runId)) },
            { key: 'trigger', label: 'recon.trigger' },
            { key: 'ok', label: 'recon.result', render: reconState },
            { key: 'differenceCount', label: 'recon.differences', cls: 'num' },
            { key: 'accountsChecked', label: 'recon.checked', render: r => A.t('recon.ledgerChecked',
              { accounts: r.accountsChecked, postings: r.postingsChecked, holds: r.holdsChecked }) },
            { key: 'finishedAt', label: 'job.finishedAt', render: r => fmt.time(r.finishedAt) },
          ],
          load: p => A.api.get(LR, { pageNo: p.pageNo, pageSize: p.pageSize }),
        }), detail));
      }
    },
  });

  A.screen({
    id: 'recon-run', permission: 'RECONCILIATION_READ',
    async render(main, params) {
      const r = await A.api.get(R + '/' + encodeURIComponent(params.id));
      main.append(h('p', {}, h('a', { href: A.href('reconciliation') }, '← ' + A.t('recon.title'))),
        h('h1', {}, A.t('recon.runTitle', { id: r.runId })),
        A.ui.section('ui.details', null, A.ui.kv([['recon.runId', r.runId], ['recon.trigger', r.trigger], ['recon.result', reconState(r)],
          ['recon.discrepancies', r.discrepancyCount], ['recon.window', fmt.time(r.windowFrom) + ' – ' + fmt.time(r.windowTo)],
          ['recon.checked', A.t('recon.checkedCounts', { ads: r.adsChecked, acceptors: r.acceptorsChecked, orders: r.ordersChecked,
            holds: r.holdsChecked, deposits: r.depositsChecked, withdrawals: r.withdrawalsChecked, products: r.productsChecked })],
          ['recon.notChecked', r.notChecked], ['recon.error', r.error],
          ['job.startedAt', fmt.time(r.startedAt)], ['job.finishedAt', fmt.time(r.finishedAt)]])),
        A.ui.section('recon.discrepancies', null, A.ui.table({
          test: 'discrepancies', columns: [{ key: 'check', label: 'recon.check' }, { key: 'subject', label: 'recon.subject' },
            { key: 'detail', label: 'recon.detail' }],
          load: async p => A.ui.arrayPage(r.discrepancies, p),
        })));
    },
  });
})(window.A);
