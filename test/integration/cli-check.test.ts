import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application } from '../../src/application.js';
import type { CheckResult } from '../../src/cli/check/result.js';
import { ExitCode } from '../../src/cli/command.js';
import { silentLogger } from '../../src/logger.js';
import { TransferCustomerService } from '../../src/messages/transfer-customer-service.js';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { AES_KEY, CREDENTIALS, cli, MINI, miniEnv, PUSH_TOKEN, startApi } from './cli-helpers.js';

let api: FakeApi;
const servers: Server[] = [];

/** Starts a webhook on loopback and returns its URL. */
async function webhook(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`;
}

/** A push endpoint built with this SDK; it transfers every text to an agent. */
function sdkWebhook(options: { token?: string; aesKey?: string } = {}): Promise<string> {
  const app = new Application({
    appId: MINI.appId,
    token: options.token ?? PUSH_TOKEN,
    ...(options.aesKey === undefined ? {} : { aesKey: options.aesKey }),
    logger: silentLogger,
  });
  app.server.on('text', () => new TransferCustomerService());
  return webhook(app.server.toNodeHandler());
}

/** Runs `wechat-cs check --json …` and returns the exit code and the checks by name. */
async function check(args: string[], env: Record<string, string | undefined>) {
  const result = await cli(['check', '--json', ...args], env);
  const parsed = JSON.parse(result.stdout) as { ok: boolean; checks: CheckResult[] };
  expect(result.all.length).toBeGreaterThan(0);
  for (const secret of CREDENTIALS) expect(result.all).not.toContain(secret);
  return {
    code: result.code,
    ok: parsed.ok,
    checks: Object.fromEntries(parsed.checks.map((c) => [c.name, c])),
  };
}

beforeAll(async () => {
  api = await startApi();
});

afterAll(async () => {
  await api.close();
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const safeEnv = () => miniEnv(api, { WECHAT_TOKEN: PUSH_TOKEN, WECHAT_AES_KEY: AES_KEY });

describe('wechat-cs check: the API', () => {
  it('passes a good safe-mode configuration and prints a ✓ checklist', async () => {
    const text = await cli(['check'], safeEnv());
    expect(text.code).toBe(ExitCode.ok);
    expect(text.stdout).toContain('✓ access token');
    expect(text.stdout).toContain('✓ encryption');
    expect(text.stdout).toContain('All checks passed.');
  });

  it('names the fix for a wrong secret (40125)', async () => {
    const { code, checks } = await check([], { ...safeEnv(), WECHAT_SECRET: 'not-the-secret' });
    expect(code).toBe(ExitCode.failure);
    expect(checks['access token']).toMatchObject({ status: 'fail' });
    expect(checks['access token']?.detail).toMatch(/^40125 /);
    expect(checks['access token']?.fix).toContain('AppSecret');
  });

  it('names an AppID WeChat does not know (40013)', async () => {
    const { checks } = await check([], { ...safeEnv(), WECHAT_APP_ID: 'wx9999999999999999' });
    expect(checks['access token']?.detail).toMatch(/^40013 /);
  });

  it('names the IP to add to the whitelist (40164)', async () => {
    const guarded = await startApi({ allowedIps: ['203.0.113.9'] });
    try {
      const { checks } = await check([], miniEnv(guarded));
      expect(checks['access token']).toMatchObject({
        status: 'fail',
        detail: '40164: WeChat refused calls from 127.0.0.1',
      });
      expect(checks['access token']?.fix).toContain('add 127.0.0.1 to the IP whitelist');
      expect(checks['access token']?.fix).toContain('IP白名单');
    } finally {
      await guarded.close();
    }
  });

  it('reports an unreachable API host', async () => {
    const closed = await startApi();
    const url = closed.url;
    await closed.close();
    const { checks } = await check(['--timeout', '2000'], miniEnv(api, { WECHAT_BASE_URL: url }));
    expect(checks['access token']?.status).toBe('fail');
    expect(checks['access token']?.detail).toContain('ECONNREFUSED');
  });

  it('reports safe mode without an aesKey and a malformed appId, and skips the API', async () => {
    const { code, checks } = await check(['--mode', 'safe'], {
      ...miniEnv(api),
      WECHAT_APP_ID: 'gh_0123456789ab',
    });
    expect(code).toBe(ExitCode.failure);
    expect(checks.appId?.status).toBe('fail');
    expect(checks.encryption).toMatchObject({
      status: 'fail',
      detail: 'safe mode needs an aesKey (EncodingAESKey), and none is set',
    });
    expect(checks['access token']?.status).toBe('skip');
  });

  it('with --skip-api, a missing secret is a warning, not a failure', async () => {
    const { WECHAT_SECRET: _secret, ...noSecret } = miniEnv(api);
    const skipped = await check(['--skip-api'], noSecret);
    expect(skipped.code).toBe(ExitCode.ok);
    expect(skipped.checks.secret).toMatchObject({ status: 'warn' });
    expect(skipped.checks['access token']?.status).toBe('skip');
    // Without --skip-api the API check needs it: still a failure.
    const needed = await check([], noSecret);
    expect(needed.code).toBe(ExitCode.failure);
    expect(needed.checks.secret?.status).toBe('fail');
  });

  it('says in its help that the test push runs the real handlers for a made-up user', async () => {
    const help = await cli(['check', '--help'], {});
    expect(help.stdout).toContain("your bot's handlers run for the made-up user o_wechat_cs_check_user");
    expect(help.stdout).toContain('40003');
  });

  it('refuses a bad --mode or --format as a usage error', async () => {
    expect((await cli(['check', '--mode', 'secure'], safeEnv())).code).toBe(ExitCode.usage);
    expect((await cli(['check', '--format', 'yaml'], safeEnv())).code).toBe(ExitCode.usage);
    expect((await cli(['check', '--webhook', 'ftp://x'], safeEnv())).code).toBe(ExitCode.usage);
  });
});

describe('wechat-cs check --webhook', () => {
  it('passes an SDK webhook in safe mode, XML and JSON, and plaintext mode', async () => {
    const safe = await sdkWebhook({ aesKey: AES_KEY });
    for (const format of ['xml', 'json']) {
      const { code, checks } = await check(['--webhook', safe, '--format', format, '--skip-api'], safeEnv());
      expect(code).toBe(ExitCode.ok);
      expect(checks['URL verification (GET)']?.status).toBe('pass');
      expect(checks[`signed test push (safe, ${format.toUpperCase()})`]).toMatchObject({ status: 'pass' });
      expect(checks[`signed test push (safe, ${format.toUpperCase()})`]?.detail).toContain(
        'transfer_customer_service',
      );
      expect(checks['forged push refused']?.status).toBe('pass');
    }
    const plain = await sdkWebhook();
    const { code } = await check(
      ['--webhook', plain, '--skip-api'],
      miniEnv(api, { WECHAT_TOKEN: PUSH_TOKEN }),
    );
    expect(code).toBe(ExitCode.ok);
  });

  it('tells a Token mismatch apart (HTTP 401 on GET and POST)', async () => {
    const other = await sdkWebhook({ token: 'another-token', aesKey: AES_KEY });
    const { code, checks } = await check(['--webhook', other, '--skip-api'], safeEnv());
    expect(code).toBe(ExitCode.failure);
    expect(checks['URL verification (GET)']).toMatchObject({ status: 'fail' });
    expect(checks['URL verification (GET)']?.fix).toContain('WECHAT_TOKEN');
    expect(checks['signed test push (safe, XML)']?.detail).toMatch(/^HTTP 401/);
    expect(checks['signed test push (safe, XML)']?.fix).not.toContain('--mode safe');
    // It refuses everything, so its refusing a forged push proves nothing.
    expect(checks['forged push refused']?.status).toBe('skip');
  });

  it('does not credit a URL that answers 404 to everything with refusing forged pushes', async () => {
    const nowhere = await webhook((_req, res) => res.writeHead(404).end('Not Found'));
    const { code, checks } = await check(['--webhook', nowhere, '--skip-api'], safeEnv());
    expect(code).toBe(ExitCode.failure);
    expect(checks['signed test push (safe, XML)']?.fix).toContain('check the path of the URL');
    expect(checks['forged push refused']).toMatchObject({ status: 'skip' });
    expect(checks['forged push refused']?.detail).toContain('the signed test push must pass first');
  });

  it('takes only 401 or 403 as refusing a forged push; another error status is a warning', async () => {
    const app = new Application({
      appId: MINI.appId,
      token: PUSH_TOKEN,
      aesKey: AES_KEY,
      logger: silentLogger,
    });
    app.server.on('text', () => new TransferCustomerService());
    const handle = app.server.toNodeHandler();
    const forgery = '0'.repeat(40);
    // Verifies signatures, but answers a forgery 500 instead of 401.
    const crashing = await webhook((req, res) => {
      const query = new URL(req.url ?? '/', 'http://x').searchParams;
      if (req.method === 'POST' && query.get('msg_signature') === forgery)
        return void res.writeHead(500).end('oops');
      handle(req, res);
    });
    const { code, checks } = await check(['--webhook', crashing, '--skip-api'], safeEnv());
    expect(checks['signed test push (safe, XML)']?.status).toBe('pass');
    expect(checks['forged push refused']).toMatchObject({ status: 'warn' });
    expect(checks['forged push refused']?.detail).toContain('got HTTP 500 "oops", not 401 or 403');
    expect(code).toBe(ExitCode.ok);
  });

  it('with --mode plain, hints that a server with an EncodingAESKey refuses plaintext pushes (401)', async () => {
    const encrypted = await sdkWebhook({ aesKey: AES_KEY });
    const { code, checks } = await check(
      ['--webhook', encrypted, '--mode', 'plain', '--skip-api'],
      miniEnv(api, { WECHAT_TOKEN: PUSH_TOKEN }),
    );
    expect(code).toBe(ExitCode.failure);
    expect(checks['URL verification (GET)']?.status).toBe('pass');
    const push = checks['signed test push (plain, XML)'];
    expect(push?.detail).toMatch(/^HTTP 401/);
    expect(push?.fix).toContain('WECHAT_TOKEN must equal the Token');
    expect(push?.fix).toContain(
      'or the server requires encryption (it has an EncodingAESKey): use --mode safe',
    );
    expect(checks['forged push refused']?.status).toBe('skip');
  });

  it('tells an aesKey mismatch apart (HTTP 400 on the push)', async () => {
    const other = await sdkWebhook({ aesKey: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg' });
    const { checks } = await check(['--webhook', other, '--skip-api'], safeEnv());
    expect(checks['URL verification (GET)']?.status).toBe('pass');
    expect(checks['signed test push (safe, XML)']?.detail).toMatch(/^HTTP 400/);
    expect(checks['signed test push (safe, XML)']?.fix).toContain('WECHAT_AES_KEY');
  });

  it('catches an echo that is not byte for byte, and a server that trusts any signature', async () => {
    const sloppy = await webhook((req, res) => {
      const echostr = new URL(req.url ?? '/', 'http://x').searchParams.get('echostr');
      res.setHeader('content-type', 'application/json');
      res.end(req.method === 'GET' ? JSON.stringify({ echostr }) : 'success');
    });
    const { checks } = await check(['--webhook', sloppy, '--skip-api'], safeEnv());
    expect(checks['URL verification (GET)']).toMatchObject({ status: 'fail' });
    expect(checks['URL verification (GET)']?.fix).toContain('no quotes, JSON');
    expect(checks['signed test push (safe, XML)']?.status).toBe('pass');
    expect(checks['forged push refused']).toMatchObject({ status: 'fail' });
    expect(checks['forged push refused']?.detail).toContain('wrong signature got HTTP 200');
  });

  it('catches a content reply from a mini program, and a redirect', async () => {
    const chatty = await webhook((req, res) => {
      if (req.method === 'GET')
        return void res.end(new URL(req.url ?? '/', 'http://x').searchParams.get('echostr'));
      res.end('<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content></xml>');
    });
    const plainEnv = miniEnv(api, { WECHAT_TOKEN: PUSH_TOKEN });
    const { checks } = await check(['--webhook', chatty, '--skip-api'], plainEnv);
    expect(checks['signed test push (plain, XML)']?.detail).toContain(
      'only success or transfer_customer_service',
    );
    const moved = await webhook((_req, res) =>
      res.writeHead(301, { location: 'https://example.com/wechat' }).end(),
    );
    const redirected = await check(['--webhook', moved, '--skip-api'], plainEnv);
    expect(redirected.checks['URL verification (GET)']?.detail).toContain(
      'redirected (HTTP 301) to https://example.com/wechat',
    );
  });

  it('reports a webhook nobody answers', async () => {
    const gone = await webhook(() => {});
    const server = servers.pop();
    server?.close();
    await new Promise((resolve) => server?.once('close', resolve));
    const { checks } = await check(['--webhook', gone, '--skip-api'], safeEnv());
    expect(checks['URL verification (GET)']?.detail).toContain('ECONNREFUSED');
    expect(checks['URL verification (GET)']?.fix).toContain('start your server');
  });

  it('skips the webhook when the Token is missing', async () => {
    const url = await sdkWebhook({ aesKey: AES_KEY });
    const { checks } = await check(
      ['--webhook', url, '--skip-api'],
      miniEnv(api, { WECHAT_AES_KEY: AES_KEY }),
    );
    expect(checks['push token']?.status).toBe('fail');
    expect(checks.webhook?.status).toBe('skip');
  });
});
