import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { createTestPush } from '../../../src/testing/index.js';
import { APP_ID, makeServer, TOKEN } from './helpers.js';

// A memory bound, not a timing: what the de-duplication store keeps per push (DESIGN §7).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const NOW = 1_714_112_445;
const PUSHES = 5_000;
/** A real push URL also carries `openid`; a long one makes any retention of the URL obvious. */
const OPENID = `&openid=${'o'.repeat(400)}`;

function heapAfterGc(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/** A distinct, signed plaintext push whose document (~1.1 KB) and URL (~0.5 KB) are long. */
function pushOf(i: number) {
  const request = createTestPush({
    appId: APP_ID,
    token: TOKEN,
    message: { MsgType: 'text', Content: 'x'.repeat(1_000), MsgId: String(6054768590064713728n + BigInt(i)) },
    timestamp: NOW,
    nonce: String(1_000_000_000 + i),
  });
  return { ...request, url: request.url + OPENID };
}

describe('de-duplication store memory', () => {
  it('keeps a few hundred bytes per push, not the push URL and document', async () => {
    const { server } = makeServer({ appId: APP_ID, token: TOKEN, clock: () => NOW * 1000 });
    let handled = 0;
    server.push(() => {
      handled++;
    });
    // Warm-up: JIT, lazily allocated parts of the store and the pipeline.
    for (let i = 0; i < 200; i++) await server.serve(pushOf(-1 - i));
    const before = heapAfterGc();
    for (let i = 0; i < PUSHES; i++) await server.serve(pushOf(i));
    const perPush = (heapAfterGc() - before) / PUSHES;
    expect(handled).toBe(200 + PUSHES);
    // The store is really on: the first measured push again runs no handler.
    expect((await server.serve(pushOf(0))).body).toBe('success');
    expect(handled).toBe(200 + PUSHES);
    // Two flat keys (~70 characters each) and their map entries: ~300 B. Keys that are views on
    // the request keep its URL and document alive: ~1.9 KB per push here.
    expect(perPush).toBeLessThan(800);
  });
});
