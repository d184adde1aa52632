import type { Application } from '../../application.js';
import { ApiError, ConfigError, IpWhitelistError, NetworkError, TimeoutError } from '../../errors.js';
import type { AccountKind } from '../../options.js';
import { type CheckResult, fail, pass } from './result.js';

const NAME = 'access token';

/** Where the IP whitelist lives in each console (SPEC §7). */
const WHITELIST_PLACE: Readonly<Record<AccountKind, string>> = {
  miniprogram: '小程序管理后台 → 开发 → 开发管理 → 开发设置 → IP白名单',
  'official-account': '公众平台 → 设置与开发 → 基本配置 → IP白名单',
};

/** What to do about each errcode the token endpoints answer (SPEC §7.1, §7.2). */
const FIXES: Readonly<Record<number, string>> = {
  40125:
    'the AppSecret is wrong: copy it again, or reset it in 开发管理 → 开发设置 → AppSecret (a reset invalidates the old one)',
  40013:
    'WeChat does not know this AppID: check WECHAT_APP_ID, and that the secret belongs to the same account',
  40243: 'the AppSecret is frozen: reset it in 开发管理 → 开发设置',
  41004: 'the AppSecret is missing: set WECHAT_SECRET',
  50004: 'this account may not call the token API; check its status in the console',
  50007: 'the account is frozen; see the console',
  89503: 'an administrator must confirm this IP in the console (or add it to the IP whitelist)',
  89506: 'an administrator rejected this IP; retry after 24 h or add it to the IP whitelist',
  89507: 'an administrator rejected this IP; retry after 1 h or add it to the IP whitelist',
  45009: 'the daily token quota is used up; wait until tomorrow (stable_token normal mode avoids this)',
};

/**
 * Fetches an access token, which proves the AppID, the AppSecret and the server's IP together,
 * and turns each failure into the fix.
 */
export async function checkAccessToken(app: Application<AccountKind>, baseUrl: string): Promise<CheckResult> {
  try {
    await app.accessToken.getToken();
    return pass(NAME, `fetched from ${baseUrl}/cgi-bin/stable_token: AppID and AppSecret work from this IP`);
  } catch (error) {
    return diagnose(error, app.kind, baseUrl);
  }
}

function diagnose(error: unknown, kind: AccountKind, baseUrl: string): CheckResult {
  if (error instanceof IpWhitelistError) {
    const ip = error.ip ?? 'this server’s egress IP';
    return fail(
      NAME,
      `40164: WeChat refused calls from ${ip}`,
      `add ${ip} to the IP whitelist: ${WHITELIST_PLACE[kind]}`,
    );
  }
  if (error instanceof ApiError) {
    const fix =
      FIXES[error.errcode] ?? `see errcode ${error.errcode} in the WeChat docs (rid ${error.rid ?? 'none'})`;
    return fail(NAME, `${error.errcode} ${error.errmsg}`, fix);
  }
  if (error instanceof NetworkError || error instanceof TimeoutError) {
    return fail(NAME, error.message, `check that ${baseUrl} is reachable from here (network, proxy, DNS)`);
  }
  if (error instanceof ConfigError) return fail(NAME, error.message, 'fix the configuration above');
  return fail(NAME, error instanceof Error ? error.message : String(error), 'see the message');
}
