import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../src/messages/inbound.js';
import { computeSignature } from '../../../src/server/signature.js';
import { createTestPush } from '../../../src/testing/index.js';
import { AES_KEY, APP_ID, makeServer, TOKEN } from './helpers.js';

const NOW = 1_714_112_445;
const REFUSALS = [400, 401, 405, 413, 415];

function setup(server: Record<string, unknown> = {}) {
  const made = makeServer({
    appId: APP_ID,
    token: TOKEN,
    aesKey: AES_KEY,
    clock: () => NOW * 1000,
    server: { maxBodyBytes: 4_096, ...server },
  });
  const seen: InboundMessage[] = [];
  made.server.push((message) => {
    seen.push(message);
  });
  return { ...made, seen };
}

const text = fc.string({ unit: 'binary', maxLength: 200 });
const method = fc.constantFrom('GET', 'POST', 'PUT', 'get', '', 'X'.repeat(20));
const queryValue = fc.oneof(text, fc.constantFrom('aes', 'raw', '%', '%E4', 'a'.repeat(40), String(NOW)));
const queryKey = fc.constantFrom(
  'signature',
  'timestamp',
  'nonce',
  'echostr',
  'encrypt_type',
  'msg_signature',
  'x',
);
const url = fc
  .array(fc.tuple(queryKey, queryValue), { maxLength: 7 })
  .map((pairs) => `/wechat?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`);
const body = fc.oneof(
  text,
  fc.uint8Array({ maxLength: 300 }),
  fc.constantFrom(
    '<xml>',
    '{"Encrypt":"',
    '<xml><Encrypt><![CDATA[]]></Encrypt></xml>',
    '{"a":1e999999}',
    '<!DOCTYPE x>',
  ),
  fc.string({ maxLength: 5000 }).map((s) => `<xml><Content>${s}</Content></xml>`),
);

describe('no input crashes serve() or reaches a handler unverified (DESIGN §1.2)', () => {
  it('arbitrary requests are refused with a status code', async () => {
    const { server, seen } = setup();
    await fc.assert(
      fc.asyncProperty(method, url, body, async (m, u, b) => {
        const response = await server.serve({ method: m, url: u, body: b });
        expect(REFUSALS).toContain(response.status);
      }),
      { numRuns: 800 },
    );
    expect(seen).toEqual([]);
  });

  it('arbitrary bodies behind a valid signature never crash (plaintext mode allowed)', async () => {
    const { server } = setup({ requireEncryption: false, dedupe: false });
    const signature = computeSignature([TOKEN, String(NOW), '1']);
    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (b, encrypted) => {
        const extra = encrypted ? `&encrypt_type=aes&msg_signature=${'a'.repeat(40)}` : '';
        const response = await server.serve({
          method: 'POST',
          url: `/?signature=${signature}&timestamp=${NOW}&nonce=1${extra}`,
          body: b,
        });
        expect([200, ...REFUSALS]).toContain(response.status);
      }),
      { numRuns: 800 },
    );
  });

  it('a mutated safe-mode push either fails verification or delivers exactly the signed message', async () => {
    const { server, seen } = setup({ dedupe: false });
    const original = createTestPush({
      appId: APP_ID,
      token: TOKEN,
      aesKey: AES_KEY,
      message: { MsgType: 'text', Content: 'signed content', MsgId: '6054768590064713728' },
      timestamp: NOW,
      nonce: '12345',
    });
    const expected = { Content: 'signed content', MsgId: '6054768590064713728', MsgType: 'text' };
    expect((await server.serve(original)).status).toBe(200);
    const mutation = fc.record({
      target: fc.constantFrom('url', 'body'),
      at: fc.nat(),
      remove: fc.nat({ max: 3 }),
      insert: fc.string({ unit: 'binary', maxLength: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ target, at, remove, insert }) => {
        const source = target === 'url' ? original.url : original.body;
        const index = at % (source.length + 1);
        const mutated = source.slice(0, index) + insert + source.slice(index + remove);
        const request = target === 'url' ? { ...original, url: mutated } : { ...original, body: mutated };
        const response = await server.serve(request);
        expect([200, ...REFUSALS]).toContain(response.status);
      }),
      { numRuns: 1_000 },
    );
    // Mutations of unsigned parts (the envelope's ToUserName, the openid) still verify: count them in.
    expect(seen.length).toBeGreaterThan(1);
    for (const message of seen) expect(message).toMatchObject(expected);
  });
});
