import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../src/messages/inbound.js';
import { computeSignature } from '../../../src/server/signature.js';
import { type Vector, vector, vectors } from '../../fixtures/vectors.js';
import { makeServer } from './helpers.js';

/** A server configured as the vector's account, its clock at the vector's timestamp. */
function serverFor(v: Vector) {
  return makeServer({
    appId: v.appId,
    token: v.token,
    ...(v.encodingAesKey ? { aesKey: v.encodingAesKey } : {}),
    clock: () => Number(v.timestamp) * 1000,
  });
}

/** The query WeChat sends: the vector's own, or built from its parts where SPEC gives none. */
function queryOf(v: Vector): string {
  if (v.query) return v.query;
  const signature = computeSignature([v.token, v.timestamp, v.nonce]);
  return `signature=${signature}&timestamp=${v.timestamp}&nonce=${v.nonce}&encrypt_type=aes&msg_signature=${v.msgSignature}`;
}

/** The body WeChat sends: the vector's own, or the safe-mode XML envelope around its Encrypt. */
function bodyOf(v: Vector): string {
  return (
    v.body ??
    `<xml><ToUserName><![CDATA[gh_test]]></ToUserName><Encrypt><![CDATA[${v.encrypt}]]></Encrypt></xml>`
  );
}

async function dispatch(v: Vector) {
  const { server, logger } = serverFor(v);
  const received: InboundMessage[] = [];
  server.push((message) => {
    received.push(message);
  });
  const response = await server.serve({ method: 'POST', url: `/wechat?${queryOf(v)}`, body: bodyOf(v) });
  return { response, received, logger };
}

// Every public vector that is a push, or a decryptable message WeChat could push (SPEC §2.7).
const pushVectors = vectors.filter(
  (v) =>
    v.public &&
    (v.kind === 'push' || (v.kind === 'decrypt' && v.msgSignature !== null && v.message !== null)),
);

describe('public vectors through serve()', () => {
  it('covers every push vector of the vector file', () => {
    expect(pushVectors.map((v) => v.id).sort()).toEqual(['C', 'D', 'E', 'EW', 'F', 'O1', 'O2', 'W']);
  });

  for (const v of pushVectors) {
    it(`${v.id} (${v.format ?? 'xml'}, ${v.mode ?? 'safe'}) is verified, decrypted, parsed and dispatched`, async () => {
      const { response, received, logger } = await dispatch(v);
      expect(logger.entries.filter((e) => e.level !== 'debug')).toEqual([]);
      expect(response).toMatchObject({ status: 200, body: 'success' });
      expect(received).toHaveLength(1);
      expect(received[0]).toMatchObject(v.message ?? {});
      expect(typeof received[0]?.CreateTime).toBe('number');
      if (v.message && 'MsgId' in v.message) expect(received[0]).toHaveProperty('MsgId', v.message.MsgId);
    });
  }

  it('O1 is refused when a byte of its ciphertext changes (msg_signature covers it)', async () => {
    const v = vector('O1');
    const { server } = serverFor(v);
    const tampered = v.body?.replace('+qdx1', '+qdx2') ?? '';
    const response = await server.serve({ method: 'POST', url: `/?${v.query}`, body: tampered });
    expect(response.status).toBe(401);
  });

  it('E needs the component appId as receiveId (third-party platforms, SPEC §9.6)', async () => {
    const v = vector('E');
    const { server, logger } = makeServer({
      appId: 'wxba5fad812f8e6fb9',
      token: v.token,
      aesKey: v.encodingAesKey ?? '',
      clock: () => Number(v.timestamp) * 1000,
    });
    const response = await server.serve({ method: 'POST', url: `/?${v.query}`, body: v.body ?? '' });
    expect(response.status).toBe(400);
    expect(logger.entries.at(-1)?.context.reason).toMatch(/receiveId mismatch.*wx134c8103faa5a59e/);
  });

  it('O3: the GET verification echoes echostr byte for byte', async () => {
    const v = vector('O3');
    const { server } = serverFor(v);
    const response = await server.serve({ method: 'GET', url: `/wechat?${v.query}` });
    expect(response).toEqual({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' },
      body: v.expectedResponseBody,
    });
  });

  it('O3 with a wrong token is 401', async () => {
    const v = vector('O3');
    const { server } = makeServer({
      appId: v.appId,
      token: 'BBBBB',
      clock: () => Number(v.timestamp) * 1000,
    });
    expect((await server.serve({ method: 'GET', url: `/?${v.query}` })).status).toBe(401);
  });
});
