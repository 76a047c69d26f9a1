// Server-side messages in Chinese (default) and English, chosen by Accept-Language.
export type Lang = 'zh' | 'en';

const messages = {
  validation_failed: {
    zh: '提交的内容有误，请检查后重试',
    en: 'The request is invalid; please check it and try again',
  },
  unauthenticated: { zh: '请先登录', en: 'Please sign in first' },
  session_expired: { zh: '登录已超时，请重新登录', en: 'Your session has expired; please sign in again' },
  bad_credentials: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: {
    zh: '连续登录失败次数过多，账号已锁定，请 {minutes} 分钟后再试',
    en: 'Too many failed sign-ins; the account is locked, try again in {minutes} minutes',
  },
  account_disabled: {
    zh: '账号已停用，请联系管理员',
    en: 'This account is disabled; contact the administrator',
  },
  csrf_failed: {
    zh: '安全校验失败（缺少或错误的 x-csrf-token），请刷新页面后重试',
    en: 'Security check failed (missing or wrong x-csrf-token); reload the page and try again',
  },
  forbidden: { zh: '您没有权限执行此操作', en: 'You are not allowed to do this' },
  wrong_district: { zh: '您不能访问其他区县的数据', en: 'You cannot access another district' },
  not_found: { zh: '找不到请求的内容', en: 'Not found' },
  district_not_found: { zh: '区县 {district} 不存在', en: 'District {district} does not exist' },
  rate_limited: { zh: '请求过于频繁，请稍后再试', en: 'Too many requests; please try again later' },
  internal: {
    zh: '服务器内部错误，请稍后再试（请求编号 {requestId}）',
    en: 'Internal error; please try again later (request {requestId})',
  },
  unavailable: { zh: '服务正在启动，请稍候', en: 'The service is starting; please wait' },
} satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof messages;

/** Picks zh unless the caller prefers English (Accept-Language: en…) before any Chinese tag. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const tags = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...rest] = part.trim().toLowerCase().split(';');
      const q = Number(rest.find((r) => r.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of tags) {
    if (tag.startsWith('zh')) return 'zh';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh';
}

/** Renders a catalogue message with {placeholders} filled. */
export function translate(key: MessageKey, lang: Lang, params: Record<string, string | number> = {}): string {
  return messages[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
