/* App users: list and search by phone, detail with freeze/unfreeze and two-factor reset; link to their ledger balances. */
'use strict';
(function (A) {
  const { h, fmt, status } = A.ui;
  const U = '/admin-api/user/users';

  A.i18n.add({
    en: {
      'users.title': 'App users', 'user.title': 'User {id}', 'user.id': 'User id', 'user.phone': 'Phone',
      'user.phoneQ': 'Phone (starts with)', 'user.nickname': 'Nickname', 'user.totp': 'Two-factor on',
      'user.failedLogins': 'Failed logins', 'user.lockedUntil': 'Locked until', 'user.balances': 'Balances',
      'user.freeze': 'Freeze', 'user.freezeIntro': 'The user is logged out everywhere and cannot log in until unfrozen.',
      'user.unfreeze': 'Unfreeze', 'user.resetTwoFactor': 'Reset two-factor',
      'user.resetIntro': 'Only after checking the user\'s identity out of band: their two-factor is turned off.',
      'user.status.ACTIVE': 'active', 'user.status.FROZEN': 'frozen',
    },
    'zh-CN': {
      'users.title': 'App 用户', 'user.title': '用户 {id}', 'user.id': '用户 ID', 'user.phone': '手机号',
      'user.phoneQ': '手机号（前缀）', 'user.nickname': '昵称', 'user.totp': '已开启两步验证',
      'user.failedLogins': '登录失败次数', 'user.lockedUntil': '锁定至', 'user.balances': '余额',
      'user.freeze': '冻结', 'user.freezeIntro': '该用户将在所有设备上被登出，解冻前无法登录。',
      'user.unfreeze': '解冻', 'user.resetTwoFactor': '重置两步验证',
      'user.resetIntro': '仅在通过其他渠道核实用户身份后操作：将关闭其两步验证。',
      'user.status.ACTIVE': '正常', 'user.status.FROZEN': '已冻结',
    },
  });

  const balancesLink = id => h('a', { href: A.href('ledger', { ownerType: 'USER', ownerId: String(id) }), 'data-test': 'user-balances' },
    A.t('user.balances') + ' →');

  A.screen({
    id: 'users', label: 'users.title', permission: 'USER_READ',
    render(main, params, route) {
      main.append(h('h1', {}, A.t('users.title')),
        A.ui.filters([{ name: 'phone', label: 'user.phoneQ', inputmode: 'tel' }], params, v => route.open(v)),
        A.ui.table({
          test: 'users', rowKey: 'userId', state: params, onState: s => route.set(s),
          columns: [
            { key: 'userId', label: 'user.id', render: u => h('a', { href: A.href('user', { id: u.userId }) }, String(u.userId)) },
            { key: 'phone', label: 'user.phone' },
            { key: 'nickname', label: 'user.nickname' },
            { key: 'status', label: 'ui.status', render: u => status('user.status', u.status) },
            { key: 'totpEnabled', label: 'user.totp', render: u => fmt.bool(u.totpEnabled) },
            { key: 'createdAt', label: 'ui.createdAt', render: u => fmt.time(u.createdAt) },
          ],
          load: p => A.api.get(U, { phone: params.phone, pageNo: p.pageNo, pageSize: p.pageSize }),
        }));
    },
  });

  A.screen({
    id: 'user', permission: 'USER_READ',
    async render(main, params, route) {
      const u = await A.api.get(U + '/' + encodeURIComponent(params.id));
      const path = U + '/' + u.userId;
      const reload = () => route.reload();
      main.append(h('p', {}, h('a', { href: A.href('users') }, '← ' + A.t('users.title'))),
        h('h1', {}, A.t('user.title', { id: u.userId })),
        A.ui.section('ui.details', [
          u.status === 'FROZEN'
            ? A.ui.action('user.unfreeze', { permission: 'USER_FREEZE', test: 'unfreeze-user',
              submit: (v, key) => A.api.post(path + '/unfreeze', { reason: v.reason }, { key }), done: reload })
            : A.ui.action('user.freeze', { permission: 'USER_FREEZE', test: 'freeze-user', danger: true, intro: A.t('user.freezeIntro'),
              submit: (v, key) => A.api.post(path + '/freeze', { reason: v.reason }, { key }), done: reload }),
          u.totpEnabled ? A.ui.action('user.resetTwoFactor', { permission: 'USER_RESET_TWO_FACTOR', test: 'reset-two-factor', danger: true,
            intro: A.t('user.resetIntro'), submit: (v, key) => A.api.post(path + '/reset-two-factor', { reason: v.reason }, { key }), done: reload }) : null,
          balancesLink(u.userId),
        ], A.ui.kv([['user.id', u.userId], ['user.phone', u.phone], ['user.nickname', u.nickname],
          ['ui.status', status('user.status', u.status)], ['user.totp', fmt.bool(u.totpEnabled)],
          ['user.failedLogins', u.failedLogins], ['user.lockedUntil', fmt.time(u.lockedUntil)], ['ui.createdAt', fmt.time(u.createdAt)]])));
    },
  });
})(window.A);
