import { describe, expect, it } from 'vitest';
import { computeSignature } from '../../../src/server/signature.js';
import { createTestPush, createTestVerification } from '../../../src/testing/index.js';
import { AES_KEY, APP_ID, makeServer, TOKEN } from './helpers.js';

const NOW = 1_714_112_445;
const clock = () => NOW * 1000;
const text = { MsgType: 'text', Content: 'hi' };

function setup(extra: Record<string, unknown> = {}) {
  const made = makeServer({ appId: APP_ID, token: TOKEN, aesKey: AES_KEY, clock, ...extra });
  let handled = 0;
  made.server.push(() => {
    handled++;
  });
  return { ...made, handled: () => handled };
}

const push = (overrides: Partial<Parameters<typeof createTestPush>[0]> = {}) =>
  createTestPush({
    appId: APP_ID,
    token: TOKEN,
    aesKey: AES_KEY,
    message: text,
    timestamp: NOW,
    ...overrides,
  });

function signedQuery(extra = '', timestamp = NOW, nonce = '42') {
  return `signature=${computeSignature([TOKEN, String(timestamp), nonce])}&timestamp=${timestamp}&nonce=${nonce}${extra}`;
}

describe('serve() status codes (DESIGN §7)', () => {
  it('200 success for a valid push, handled once', async () => {
    const { server, handled } = setup();
    expect(await server.serve(push())).toMatchObject({ status: 200, body: 'success' });
    expect(handled()).toBe(1);
  });

  it('200 echostr for a valid GET verification', async () => {
    const { server } = setup();
    const response = await server.serve(
      createTestVerification({ token: TOKEN, echostr: '4375120948345356249', timestamp: NOW }),
    );
    expect(response).toMatchObject({ status: 200, body: '4375120948345356249' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });

  it.each(['PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH'])('405 for %s, with Allow', async (method) => {
    const { server } = setup();
    const response = await server.serve({ ...push(), method });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, POST');
  });

  it('accepts a lower-case method', async () => {
    const { server } = setup();
    expect((await server.serve({ ...push(), method: 'post' })).status).toBe(200);
  });

  describe('400 malformed', () => {
    it.each([
      [
        'a query that is not percent-encoding',
        `/?${signedQuery()}&nonce=%E4`.replace('nonce=42', 'nonce=%E4'),
      ],
      ['no timestamp', `/?signature=${'a'.repeat(40)}&nonce=1`],
      ['a timestamp that is no number', `/?signature=${'a'.repeat(40)}&timestamp=12a&nonce=1`],
      ['an unknown encrypt_type', `/?${signedQuery('&encrypt_type=des')}`],
    ])('%s', async (_name, url) => {
      const { server, handled } = setup({ server: { requireEncryption: false } });
      expect((await server.serve({ method: 'POST', url, body: '<xml><A>1</A></xml>' })).status).toBe(400);
      expect(handled()).toBe(0);
    });

    it('malformed XML, a DOCTYPE, broken JSON', async () => {
      const { server, handled } = setup({ server: { requireEncryption: false } });
      for (const body of [
        '<xml><A>1</xml>',
        '<!DOCTYPE x [<!ENTITY e "x">]><xml><A>&e;</A></xml>',
        '<!-- <![CDATA[ --><!DOCTYPE xml [<!ENTITY e "PWNED">]><xml><ToUserName>a</ToUserName><FromUserName>o</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&e;</Content><!-- ]]> --></xml>',
        '{"a":',
      ]) {
        expect((await server.serve({ method: 'POST', url: `/?${signedQuery()}`, body })).status, body).toBe(
          400,
        );
      }
      expect(handled()).toBe(0);
    });

    it('an Encrypt that is not valid ciphertext', async () => {
      const { server } = setup();
      const encrypt = 'not-base64!';
      const url = `/?${signedQuery(`&encrypt_type=aes&msg_signature=${computeSignature([TOKEN, String(NOW), '42', encrypt])}`)}`;
      expect((await server.serve({ method: 'POST', url, body: `{"Encrypt":"${encrypt}"}` })).status).toBe(
        400,
      );
    });

    it('an encrypted push without an Encrypt field', async () => {
      const { server } = setup();
      const url = `/?${signedQuery(`&encrypt_type=aes&msg_signature=${'a'.repeat(40)}`)}`;
      expect((await server.serve({ method: 'POST', url, body: '{"ToUserName":"gh"}' })).status).toBe(400);
    });

    it('a ciphertext for another app (receiveId)', async () => {
      const { server, logger } = setup();
      expect((await server.serve(push({ receiveId: 'wxffffffffffffffff' }))).status).toBe(400);
      expect(logger.entries.at(-1)?.context.reason).toMatch(/receiveId/);
    });

    it('an encrypted body without encrypt_type in the URL', async () => {
      const { server } = setup({ server: { requireEncryption: false } });
      const request = push();
      const url = `/?${signedQuery()}`;
      expect((await server.serve({ ...request, url })).status).toBe(400);
    });

    it('an encrypted push when no aesKey is configured', async () => {
      const { server, logger } = makeServer({ appId: APP_ID, token: TOKEN, clock });
      expect((await server.serve(push())).status).toBe(400);
      expect(logger.entries.at(-1)?.context.reason).toMatch(/no aesKey/);
    });
  });

  describe('401 unauthorized', () => {
    it('no signature', async () => {
      const { server } = setup();
      expect(
        (await server.serve({ method: 'POST', url: '/?timestamp=1&nonce=2', body: '<xml/>' })).status,
      ).toBe(401);
    });

    it('a wrong signature, a signature of the wrong shape', async () => {
      const { server, handled } = setup();
      const good = push();
      for (const signature of ['0'.repeat(40), 'z'.repeat(40), 'abc']) {
        const url = good.url.replace(/signature=[0-9a-f]{40}/, `signature=${signature}`);
        expect((await server.serve({ ...good, url })).status).toBe(401);
      }
      expect(handled()).toBe(0);
    });

    it('another token', async () => {
      const { server } = setup();
      expect((await server.serve(push({ token: 'other_token' }))).status).toBe(401);
    });

    it('a wrong msg_signature (the body was changed)', async () => {
      const { server, handled } = setup();
      const good = push();
      const url = good.url.replace(/msg_signature=[0-9a-f]{40}/, `msg_signature=${'1'.repeat(40)}`);
      expect((await server.serve({ ...good, url })).status).toBe(401);
      expect(handled()).toBe(0);
    });

    it.each(['xml', 'json'] as const)(
      'a wrong msg_signature in compatible mode (%s), whose body takes the parser, not the envelope fast path',
      async (format) => {
        const { server, handled } = setup();
        const good = push({ mode: 'compatible', format });
        expect((await server.serve(good)).status).toBe(200);
        const url = good.url.replace(/msg_signature=[0-9a-f]{40}/, `msg_signature=${'1'.repeat(40)}`);
        expect((await server.serve({ ...good, url })).status).toBe(401);
        expect(handled()).toBe(1);
      },
    );

    it('an encrypted push without msg_signature', async () => {
      const { server } = setup();
      const good = push();
      expect(
        (await server.serve({ ...good, url: good.url.replace(/&msg_signature=[0-9a-f]{40}/, '') })).status,
      ).toBe(401);
    });

    it('a timestamp outside maxClockSkew, in either direction; false turns the check off', async () => {
      const { server, logger } = setup();
      expect((await server.serve(push({ timestamp: NOW - 301 }))).status).toBe(401);
      expect((await server.serve(push({ timestamp: NOW + 301 }))).status).toBe(401);
      expect(logger.entries.at(-1)?.context.reason).toMatch(/301 s away/);
      expect((await server.serve(push({ timestamp: NOW - 299 }))).status).toBe(200);
      const lenient = setup({ server: { maxClockSkew: false } });
      expect((await lenient.server.serve(push({ timestamp: 1_000_000_000 }))).status).toBe(200);
    });

    it('a stale GET verification', async () => {
      const { server } = setup();
      const request = createTestVerification({ token: TOKEN, echostr: 'e', timestamp: NOW - 3_600 });
      expect((await server.serve(request)).status).toBe(401);
    });

    it('a plaintext push while requireEncryption is on (the default with an aesKey)', async () => {
      const { server, handled, logger } = setup();
      expect((await server.serve(push({ mode: 'plain' }))).status).toBe(401);
      expect(handled()).toBe(0);
      expect(logger.entries.at(-1)?.context.reason).toMatch(/requireEncryption/);
      const open = setup({ server: { requireEncryption: false } });
      expect((await open.server.serve(push({ mode: 'plain' }))).status).toBe(200);
    });
  });

  it('413 for a body over maxBodyBytes, counted in UTF-8 bytes', async () => {
    const { server, handled } = setup({ server: { maxBodyBytes: 1_000, requireEncryption: false } });
    const body = `<xml><Content><![CDATA[${'你'.repeat(400)}]]></Content></xml>`; // 1,200+ bytes, < 1,000 chars
    expect((await server.serve({ method: 'POST', url: `/?${signedQuery()}`, body })).status).toBe(413);
    expect(
      (await server.serve({ method: 'POST', url: `/?${signedQuery()}`, body: Buffer.from(body) })).status,
    ).toBe(413);
    expect(handled()).toBe(0);
  });

  it('415 for a body that is neither XML nor JSON, whatever its Content-Type', async () => {
    const { server } = setup({ server: { requireEncryption: false } });
    for (const body of ['success', 'a=1&b=2', '[1,2]']) {
      const response = await server.serve({
        method: 'POST',
        url: `/?${signedQuery()}`,
        headers: { 'content-type': 'application/xml' },
        body,
      });
      expect(response.status, body).toBe(415);
    }
  });

  it('500 and a logged ConfigError for a parsed object given as body', async () => {
    const { server, logger } = setup();
    const response = await server.serve({ ...push(), body: { MsgType: 'text' } as never });
    expect(response.status).toBe(500);
    expect(logger.entries.at(-1)).toMatchObject({
      level: 'error',
      context: { err: { name: 'ConfigError' } },
    });
    expect(logger.entries.at(-1)?.context.err).toHaveProperty('message', expect.stringMatching(/raw body/));
  });

  it('error responses carry no details', async () => {
    const { server } = setup();
    const response = await server.serve(push({ token: 'other' }));
    expect(response).toEqual({
      status: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      body: 'Unauthorized',
    });
  });
});
