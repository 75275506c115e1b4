/* Translations: en and zh-CN. Each screen adds its own strings with A.i18n.add({en: {...}, 'zh-CN': {...}}). */
'use strict';
window.A = window.A || {};
(function (A) {
  const LANGS = ['en', 'zh-CN'];
  const dict = { en: {}, 'zh-CN': {} };
  const missing = new Set(); // keys asked for in a language that lacks them: the browser test expects none

  function initial() {
    const saved = localStorage.getItem('apay.console.lang');
    if (LANGS.includes(saved)) return saved;
    return (navigator.language || '').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
  }
  let lang = initial();

  A.i18n = {
    langs: LANGS,
    get lang() { return lang; },
    set(l) {
      if (!LANGS.includes(l)) return;
      lang = l;
      localStorage.setItem('apay.console.lang', l);
      document.documentElement.lang = l;
    },
    add(strings) {
      for (const l of LANGS) Object.assign(dict[l], strings[l] || {});
    },
    has(key) { return key in dict[lang] || key in dict.en; },
    missing() { return Array.from(missing); },
  };

  /** The text for key in the current language, {name} replaced from vars. */
  A.t = function (key, vars) {
    let s = dict[lang][key];
    if (s === undefined) {
      missing.add((dict.en[key] !== undefined ? lang : '*') + ':' + key); // '*': defined in no language at all
      s = dict.en[key] !== undefined ? dict.en[key] : key;
    }
    if (vars) s = s.replace(/\{(\w+)\}/g, (m, k) => (vars[k] === undefined || vars[k] === null ? '' : String(vars[k])));
    return s;
  };

  /** An enum value (a status, a role) in words where a translation exists, else as it is. */
  A.tv = function (group, value) {
    if (value === null || value === undefined || value === '') return '';
    const key = group + '.' + value;
    return A.i18n.has(key) ? A.t(key) : String(value);
  };

  document.documentElement.lang = lang;

  A.i18n.add({
    en: {
      'app.title': 'apay console', 'app.logout': 'Log out', 'app.lang': '中文', 'app.menu': 'Menu',
      'app.signedInAs': '{name} · {roles}', 'app.forbidden': 'Your roles do not allow this screen.',
      'app.notFound': 'No such screen.', 'app.loading': 'Loading…', 'app.expired': 'Your session ended: log in again to go on where you were.',
      'login.title': 'Operator login', 'login.username': 'Username', 'login.password': 'Password', 'login.totp': 'Authenticator code',
      'login.submit': 'Log in', 'login.activate': 'First login? Activate your account',
      'activate.title': 'Activate your account', 'activate.code': 'Activation code', 'activate.next': 'Show the authenticator QR',
      'activate.scan': 'Scan this QR with your authenticator app (or type the secret), then choose a password of 12 to 64 characters and enter the app\'s current code.',
      'activate.secret': 'Secret', 'activate.password2': 'Password again', 'activate.mismatch': 'The two passwords differ.',
      'activate.submit': 'Activate', 'activate.done': 'Activated: log in with your new password.', 'activate.back': 'Back to login',
      'ui.search': 'Search', 'ui.reset': 'Reset', 'ui.prev': 'Previous', 'ui.next': 'Next', 'ui.pageOf': 'Page {page} of {pages} · {total} in all',
      'ui.pageSize': 'Per page', 'ui.empty': 'Nothing here.', 'ui.reason': 'Reason (recorded in the operation log)',
      'ui.reasonRequired': 'A reason is required.', 'ui.confirm': 'Confirm', 'ui.cancel': 'Cancel', 'ui.close': 'Close',
      'ui.done': 'Done.', 'ui.error': 'Error {code}: {message}', 'ui.networkError': 'The gateway could not be reached.',
      'ui.details': 'Details', 'ui.refresh': 'Refresh', 'ui.all': 'All', 'ui.yes': 'yes', 'ui.no': 'no', 'ui.save': 'Save',
      'ui.retrySame': 'The answer was lost: Confirm sends the same request again and shows what it did.',
      'ui.actions': 'Actions', 'ui.status': 'Status', 'ui.createdAt': 'Created', 'ui.updatedAt': 'Updated', 'ui.back': 'Back',
      'role.SUPER_ADMIN': 'Super admin', 'role.FINANCE': 'Finance', 'role.RISK': 'Risk', 'role.SUPPORT': 'Support',
      'role.MERCHANT_MANAGER': 'Merchant manager',
    },
    'zh-CN': {
      'app.title': 'apay 运营后台', 'app.logout': '退出登录', 'app.lang': 'English', 'app.menu': '菜单',
      'app.signedInAs': '{name} · {roles}', 'app.forbidden': '你的角色无权访问此页面。',
      'app.notFound': '没有这个页面。', 'app.loading': '加载中…', 'app.expired': '会话已结束：请重新登录，之后回到原来的页面。',
      'login.title': '运营人员登录', 'login.username': '用户名', 'login.password': '密码', 'login.totp': '验证器动态码',
      'login.submit': '登录', 'login.activate': '首次登录？激活账号',
      'activate.title': '激活账号', 'activate.code': '激活码', 'activate.next': '显示验证器二维码',
      'activate.scan': '用验证器 App 扫描二维码（或手动输入密钥），然后设置 12 到 64 位的密码，并输入 App 当前的动态码。',
      'activate.secret': '密钥', 'activate.password2': '再次输入密码', 'activate.mismatch': '两次输入的密码不一致。',
      'activate.submit': '激活', 'activate.done': '已激活：请用新密码登录。', 'activate.back': '返回登录',
      'ui.search': '搜索', 'ui.reset': '重置', 'ui.prev': '上一页', 'ui.next': '下一页', 'ui.pageOf': '第 {page}/{pages} 页 · 共 {total} 条',
      'ui.pageSize': '每页', 'ui.empty': '暂无数据。', 'ui.reason': '原因（记入操作日志）',
      'ui.reasonRequired': '必须填写原因。', 'ui.confirm': '确认', 'ui.cancel': '取消', 'ui.close': '关闭',
      'ui.done': '已完成。', 'ui.error': '错误 {code}：{message}', 'ui.networkError': '无法连接网关。',
      'ui.details': '详情', 'ui.refresh': '刷新', 'ui.all': '全部', 'ui.yes': '是', 'ui.no': '否', 'ui.save': '保存',
      'ui.retrySame': '未收到应答：点“确认”将原样重发同一请求，并显示它的结果。',
      'ui.actions': '操作', 'ui.status': '状态', 'ui.createdAt': '创建时间', 'ui.updatedAt': '更新时间', 'ui.back': '返回',
      'role.SUPER_ADMIN': '超级管理员', 'role.FINANCE': '财务', 'role.RISK': '风控', 'role.SUPPORT': '客服',
      'role.MERCHANT_MANAGER': '商户经理',
    },
  });
})(window.A);
