import type { AccountKind } from '../../options.js';
import { choice, expectPositionals } from '../args.js';
import { checkConfig, type PushMode } from '../check/config-checks.js';
import { type CheckResult, formatChecklist, skip } from '../check/result.js';
import { checkAccessToken } from '../check/token-check.js';
import { checkWebhook } from '../check/webhook.js';
import { ExitCode } from '../command.js';
import { apiApplication, type CliConfig } from '../config.js';
import { defineCommand } from '../define.js';
import { UsageError } from '../failure.js';
import type { Output } from '../output.js';

const MODES: readonly PushMode[] = ['plain', 'compatible', 'safe'];
const FORMATS = ['xml', 'json'] as const;

/**
 * `wechat-cs check`: diagnoses a configuration against the real API or the simulator and,
 * with `--webhook`, the push endpoint, as a ✓/✗ checklist with the fix for each ✗ (DESIGN §9).
 */
export const checkCommand = defineCommand({
  name: 'check',
  summary: 'diagnose a configuration (credentials, IP whitelist, encryption, webhook)',
  usage: `Usage: wechat-cs check [--webhook <url>] [--mode plain|compatible|safe] [--format xml|json]

Checks the configuration and prints a checklist with the fix for each ✗:
  - the AppID, AppSecret, Token and EncodingAESKey are well-formed;
  - an access token can be fetched: a wrong secret (40125), an unknown AppID (40013) or an IP
    missing from the IP whitelist (40164, with the IP to add) shows here;
  - the encryption mode has the aesKey it needs;
  - with --webhook: the URL answers WeChat's signed GET verification, answers a signed test
    push (one text message "wechat-cs check" from a made-up user) correctly within 5 s, and,
    once that passed, refuses a push with a wrong signature with HTTP 401 or 403.

The test push is real: your bot's handlers run for the made-up user o_wechat_cs_check_user, so
a reply they send fails with 40003 (invalid openid) and may show in your logs; that is expected.
Point --webhook at a staging server if your handlers have other side effects.

Options:
  --webhook <url>     your push endpoint (the URL of 消息推送配置)
  --mode <mode>       the security mode of 消息推送配置; default safe with an aesKey, else plain
  --format <format>   the data format of 消息推送配置: xml (default) or json
  --skip-api          do not call the API (check only the configuration and the webhook); a
                      missing secret is then only a warning`,
  options: {
    webhook: { type: 'string' },
    mode: { type: 'string' },
    format: { type: 'string', default: 'xml' },
    'skip-api': { type: 'boolean' },
  },
  async run({ values, positionals, out, config }) {
    expectPositionals(positionals, { required: [] });
    const mode = choice('--mode', values.mode, MODES) ?? (config.aesKey === undefined ? 'plain' : 'safe');
    const format = choice('--format', values.format, FORMATS) ?? 'xml';
    const webhook = parseWebhook(values.webhook);
    const skipApi = values['skip-api'] === true;
    const results = checkConfig(config, mode, { receivesPushes: webhook !== undefined, callsApi: !skipApi });
    results.push(await apiCheck(config, results, out, skipApi));
    if (webhook !== undefined)
      results.push(...(await webhookChecks(config, results, { webhook, mode, format })));
    report(results, config, out);
    return results.some((r) => r.status === 'fail') ? ExitCode.failure : ExitCode.ok;
  },
});

function parseWebhook(value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`--webhook must be an http(s) URL, got ${JSON.stringify(value)}`);
  }
  return url;
}

const failed = (results: readonly CheckResult[], ...names: string[]) =>
  results.some((r) => names.includes(r.name) && r.status === 'fail');

async function apiCheck(
  config: CliConfig,
  results: CheckResult[],
  out: Output,
  skipApi: boolean,
): Promise<CheckResult> {
  if (skipApi) return skip('access token', 'not checked (--skip-api)');
  if (failed(results, 'appId', 'secret', 'API host', 'account kind')) {
    return skip('access token', 'not checked: fix the configuration above first');
  }
  const app = apiApplication('check', config, out, {
    http: { maxRetries: 0, ...(config.timeout ? { timeout: config.timeout } : {}) },
  });
  return checkAccessToken(app, config.baseUrl ?? 'https://api.weixin.qq.com');
}

async function webhookChecks(
  config: CliConfig,
  results: CheckResult[],
  options: { webhook: URL; mode: PushMode; format: 'xml' | 'json' },
): Promise<CheckResult[]> {
  if (
    failed(results, 'appId', 'push token', 'encryption', 'account kind') ||
    config.appId === undefined ||
    config.token === undefined
  ) {
    return [skip('webhook', `${options.webhook.href} not checked: fix the configuration above first`)];
  }
  return checkWebhook({
    url: options.webhook,
    appId: config.appId,
    kind: (config.kind ?? 'miniprogram') as AccountKind,
    token: config.token,
    aesKey: config.aesKey,
    ...options,
  });
}

function report(results: readonly CheckResult[], config: CliConfig, out: Output): void {
  const ok = !results.some((r) => r.status === 'fail');
  if (out.json) {
    out.printJson({ ok, checks: results });
    return;
  }
  out.print(
    `wechat-cs check: ${config.appId ?? '(no appId)'} against ${config.baseUrl ?? 'https://api.weixin.qq.com'}`,
  );
  for (const line of formatChecklist(results)) out.print(line);
}
