import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application, ConfigError, silentLogger, Text } from '../../src/index.js';
import { type Simulator, startSimulator } from '../../src/simulator/index.js';
import { APP, listen } from './simulator-bot-helpers.js';

/** Several accounts on one simulator, official-account passive replies, and option checks. */
const OFFICIAL = {
  appId: 'wxfedcba0987654321',
  secret: 'oa-secret-0123456789abcdef',
  token: 'oaToken456',
  aesKey: 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut',
  kind: 'official-account',
} as const;

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ apps: [{ ...APP }, { ...OFFICIAL }] });
});

afterAll(async () => {
  await sim?.stop();
});

describe('an official account', () => {
  it('answers passively with text, which the user sees and nextMessage returns', async () => {
    const app = new Application({
      ...OFFICIAL,
      baseUrl: sim.url,
      logger: silentLogger,
    });
    app.server.on('text', (message) => new Text(`公众号收到：${message.Content}`));
    const handler = app.server.toNodeHandler();
    const http = await listen((req, res) => {
      handler(req, res).catch(() => res.destroy());
    });
    try {
      sim.setWebhook(OFFICIAL.appId, `${http.url}/wechat`, { mode: 'safe' });
      const user = sim.user('o_follower', OFFICIAL.appId);
      expect(await user.say('你好')).toEqual({ status: 200, reply: 'passive', attempts: 1 });
      const reply = await user.nextMessage();
      expect(reply).toMatchObject({
        appId: OFFICIAL.appId,
        msgtype: 'text',
        payload: { text: { content: '公众号收到：你好' } },
      });
      expect(user.conversation().at(-1)).toMatchObject({ from: 'bot', passive: true, kind: 'text' });
      // The mini program's user of the same openid is another conversation.
      expect(sim.user('o_follower').conversation()).toEqual([]);
    } finally {
      await http.close();
    }
  });

  it('pushes XML only', () => {
    expect(() => sim.setWebhook(OFFICIAL.appId, 'http://127.0.0.1:1/', { format: 'json' })).toThrow(
      ConfigError,
    );
  });
});

describe('option checks', () => {
  it('refuses unknown apps and bad openids with ConfigError', () => {
    expect(() => sim.user('o1', 'wxnotthere0000000')).toThrow(ConfigError);
    expect(() => sim.user('has space')).toThrow(ConfigError);
    expect(() => sim.setWebhook('wxnotthere0000000', undefined)).toThrow(ConfigError);
    expect(() => sim.setWebhook(APP.appId, 'not a url')).toThrow(ConfigError);
    expect(() => sim.setWebhook(APP.appId, 'http://127.0.0.1:1/', { mode: 'unsafe' as 'safe' })).toThrow(
      ConfigError,
    );
  });

  it('refuses bad simulator options before listening', async () => {
    const noKey = { appId: APP.appId, secret: APP.secret, token: APP.token };
    const cases: Array<[string, Parameters<typeof startSimulator>[0]]> = [
      ['no apps', { apps: [] }],
      ['no token', { apps: [{ appId: APP.appId, secret: APP.secret } as typeof noKey] }],
      ['safe mode without aesKey', { apps: [{ ...noKey, mode: 'safe' }] }],
      ['bad aesKey', { apps: [{ ...noKey, aesKey: 'short' }] }],
      ['twice the same app', { apps: [{ ...APP }, { ...APP }] }],
      ['bad deadline', { apps: [{ ...APP }], deadlineMs: 0 }],
      ['bad retries', { apps: [{ ...APP }], retries: 1.5 }],
    ];
    for (const [name, options] of cases) {
      await expect(startSimulator(options), name).rejects.toBeInstanceOf(ConfigError);
    }
  });

  it('reports a port in use', async () => {
    const port = Number(new URL(sim.url).port);
    await expect(startSimulator({ apps: [{ ...APP }], port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  it('stops once, however often asked', async () => {
    const other = await startSimulator({ apps: [{ ...APP }] });
    const pending = other.user('o1').nextMessage({ timeout: 60_000 });
    await Promise.all([other.stop(), other.stop()]);
    await expect(pending).rejects.toThrow('stopped');
  });
});
