/* Operators: list, create (the one-time activation code shown once), disable, change roles; what each role may do. */
'use strict';
(function (A) {
  const { h, clear, fmt, status } = A.ui;
  const O = '/admin-api/user/operators';
  const ROLES = ['SUPER_ADMIN', 'FINANCE', 'RISK', 'SUPPORT', 'MERCHANT_MANAGER'];

  A.i18n.add({
    en: {
      'operators.title': 'Operators', 'operator.id': 'Id', 'operator.username': 'Username',
      'operator.usernameHint': '3-32 of a-z 0-9 _ . -, starting with a letter', 'operator.displayName': 'Display name',
      'operator.roles': 'Roles', 'operator.lastLogin': 'Last login', 'operator.create': 'New operator', 'operator.disable': 'Disable', 'operator.changeRoles': 'Change roles',
      'operator.disableIntro': 'Operator {name} can no longer log in; their sessions end.',
      'operator.rolesIntro': 'The roles of {name} are replaced; their sessions end and they log in again with the new roles.',
      'operator.created': 'Operator {name} created. One-time activation code (valid until {until}):',
      'operator.codeOnce': 'It is shown only this once: hand it to the operator over another channel. They activate their account with it on the login page.',
      'operator.rolesTable': 'Roles and their permissions', 'operator.role': 'Role', 'operator.permissions': 'Permissions',
      'operator.status.PENDING_ACTIVATION': 'not activated', 'operator.status.ACTIVE': 'active', 'operator.status.DISABLED': 'disabled',
    },
    'zh-CN': {
      'operators.title': '运营人员', 'operator.id': 'ID', 'operator.username': '用户名',
      'operator.usernameHint': '3-32 位 a-z 0-9 _ . -，以字母开头', 'operator.displayName': '显示名称',
      'operator.roles': '角色', 'operator.lastLogin': '最近登录', 'operator.create': '新建运营人员', 'operator.disable': '停用', 'operator.changeRoles': '修改角色',
      'operator.disableIntro': '运营人员 {name} 将无法再登录，其会话立即结束。',
      'operator.rolesIntro': '将替换 {name} 的角色；其会话立即结束，需用新角色重新登录。',
      'operator.created': '已创建运营人员 {name}。一次性激活码（有效期至 {until}）：',
      'operator.codeOnce': '激活码仅显示这一次：请通过其他渠道交给该运营人员，由其在登录页激活账号。',
      'operator.rolesTable': '角色及其权限', 'operator.role': '角色', 'operator.permissions': '权限',
      'operator.status.PENDING_ACTIVATION': '未激活', 'operator.status.ACTIVE': '正常', 'operator.status.DISABLED': '已停用',
    },
  });

  A.screen({
    id: 'operators', label: 'operators.title', permission: 'OPERATOR_MANAGE',
    render(main, params, route) {
      const created = h('div', { 'data-test': 'operator-created' });
      let list = null;
      const refresh = () => list.reload();
      const me = A.session.get().operatorId;
      // nobody changes or disables their own account (the API refuses it): another super admin does
      const rowActions = o => o.operatorId === me ? null : h('div', { class: 'buttons' },
        A.ui.action('operator.changeRoles', { permission: 'OPERATOR_MANAGE', test: 'change-roles',
          fields: [{ name: 'roles', label: 'operator.roles', type: 'multi', optionGroup: 'role', options: ROLES, value: o.roles || [], required: true }],
          intro: A.t('operator.rolesIntro', { name: o.username }),
          submit: (v, key) => A.api.put(O + '/' + o.operatorId + '/roles', { roles: v.roles, reason: v.reason }, { key }), done: refresh }),
        o.status !== 'DISABLED' ? A.ui.action('operator.disable', { permission: 'OPERATOR_MANAGE', test: 'disable-operator', danger: true,
          intro: A.t('operator.disableIntro', { name: o.username }),
          submit: (v, key) => A.api.post(O + '/' + o.operatorId + '/disable', { reason: v.reason }, { key }), done: refresh }) : null);
      list = A.ui.table({
        test: 'operators', rowKey: 'operatorId', state: params, onState: s => route.set(s),
        columns: [
          { key: 'operatorId', label: 'operator.id', cls: 'num' }, { key: 'username', label: 'operator.username' },
          { key: 'displayName', label: 'operator.displayName' },
          { key: 'roles', label: 'operator.roles', render: o => (o.roles || []).map(r => A.tv('role', r)).join(', ') },
          { key: 'status', label: 'ui.status', render: o => status('operator.status', o.status) },
          { key: 'lastLoginAt', label: 'operator.lastLogin', render: o => fmt.time(o.lastLoginAt) },
          { key: 'createdAt', label: 'ui.createdAt', render: o => fmt.time(o.createdAt) },
          { key: 'actions', label: 'ui.actions', sort: false, render: rowActions },
        ],
        load: async p => A.ui.arrayPage(await A.api.get(O), p),
      });
      const create = A.ui.action('operator.create', {
        permission: 'OPERATOR_MANAGE', test: 'create-operator',
        fields: [
          { name: 'username', label: 'operator.username', hint: 'operator.usernameHint', required: true },
          { name: 'displayName', label: 'operator.displayName', required: true },
          { name: 'roles', label: 'operator.roles', type: 'multi', optionGroup: 'role', options: ROLES, required: true },
        ],
        submit: (v, key) => A.api.post(O, v, { key }),
        // the code is in this answer only: shown in the page (not a notice that goes away), never stored
        done: c => {
          clear(created).appendChild(h('div', { class: 'notice ok', role: 'status' },
            h('p', {}, A.t('operator.created', { name: c.username, until: fmt.time(c.activationExpiresAt) })),
            h('p', {}, h('code', { 'data-test': 'activation-code' }, c.activationCode)),
            h('p', {}, A.t('operator.codeOnce'))));
          refresh();
        },
      });
      const roles = h('div', { 'data-test': 'roles-box' }, A.ui.table({
        test: 'roles', rowKey: 'role',
        columns: [{ key: 'role', label: 'operator.role', render: r => A.tv('role', r.role) },
          { key: 'permissions', label: 'operator.permissions', sort: false, render: r => (r.permissions || []).join(', ') }],
        load: async p => A.ui.arrayPage(await A.api.get('/admin-api/user/roles'), p),
      }));
      main.append(h('h1', {}, A.t('operators.title')), created,
        A.ui.section('operators.title', [create], list),
        A.ui.section('operator.rolesTable', null, roles));
    },
  });
})(window.A);
