import { describe, expect, it } from 'vitest';
import { HandlerError } from '../../../src/errors.js';
import type { InboundMessage } from '../../../src/messages/inbound.js';
import { compileCondition, isMessage } from '../../../src/server/conditions.js';
import type { PushContext } from '../../../src/server/context.js';
import { Router } from '../../../src/server/router.js';
import { recordingLogger } from './helpers.js';

const text = {
  MsgType: 'text',
  Content: 'hi',
  FromUserName: 'o',
  ToUserName: 'gh',
  CreateTime: 1,
  MsgId: '1',
} as InboundMessage;
const enter = {
  MsgType: 'event',
  Event: 'user_enter_tempsession',
  SessionFrom: 'x',
  FromUserName: 'o',
  ToUserName: 'gh',
  CreateTime: 1,
} as InboundMessage;
const ctx = {} as PushContext;

function router() {
  const logger = recordingLogger();
  return { router: new Router(logger), logger };
}

describe('conditions', () => {
  it.each([
    ['*', text, true],
    ['text', text, true],
    ['image', text, false],
    ['event', enter, true],
    ['event.user_enter_tempsession', enter, true],
    ['event.USER_ENTER_TEMPSESSION', enter, false],
    ['event.user_enter_tempsession', text, false],
  ] as const)('%s on %s', (key, message, expected) => {
    expect(compileCondition(key)(message)).toBe(expected);
    expect(isMessage(message, key)).toBe(expected);
  });

  it('an array matches any of its keys', () => {
    expect(compileCondition(['image', 'text'])(text)).toBe(true);
    expect(compileCondition(['image', 'event'])(text)).toBe(false);
  });

  it('refuses empty or malformed conditions', () => {
    expect(() => compileCondition([])).toThrow(TypeError);
    expect(() => compileCondition('' as never)).toThrow(TypeError);
    expect(() => compileCondition([1] as never)).toThrow(TypeError);
  });
});

describe('Router (DESIGN §7)', () => {
  it('runs matching handlers in order until one returns something other than undefined/true', async () => {
    const { router: r } = router();
    const calls: string[] = [];
    /** A handler that records `name` and returns `result`. */
    const step = (name: string, result?: string | boolean) => () => {
      calls.push(name);
      return result;
    };
    r.add(step('a'), '*');
    r.add(step('image', 'no'), 'image');
    r.add(step('b', true), 'text');
    r.add(step('c', 'reply'), 'text');
    r.add(step('d', 'late'), '*');
    expect(await r.run(text, ctx)).toEqual({ result: 'reply', failed: false });
    expect(calls).toEqual(['a', 'b', 'c']);
  });

  it('false ends the chain', async () => {
    const { router: r } = router();
    let reached = false;
    r.add(async () => false, '*');
    r.add(() => {
      reached = true;
    }, '*');
    expect((await r.run(text, ctx)).result).toBe(false);
    expect(reached).toBe(false);
  });

  it('runs middleware first, in order, around the handlers', async () => {
    const { router: r } = router();
    const calls: string[] = [];
    r.use(async (_m, next) => {
      calls.push('m1 in');
      const result = await next();
      calls.push(`m1 out ${String(result)}`);
      return result;
    });
    r.use((_m, next) => {
      calls.push('m2');
      return next();
    });
    r.add(() => {
      calls.push('handler');
      return 'ok';
    }, '*');
    expect((await r.run(text, ctx)).result).toBe('ok');
    expect(calls).toEqual(['m1 in', 'm2', 'handler', 'm1 out ok']);
  });

  it('middleware may answer without calling next', async () => {
    const { router: r } = router();
    let reached = false;
    r.use(() => 'blocked');
    r.add(() => {
      reached = true;
    }, '*');
    expect((await r.run(text, ctx)).result).toBe('blocked');
    expect(reached).toBe(false);
  });

  it('a second next() is an error reported like a throw', async () => {
    const { router: r, logger } = router();
    r.use(async (_m, next) => {
      await next();
      return next();
    });
    expect(await r.run(text, ctx)).toEqual({ result: undefined, failed: true });
    expect(logger.entries[0]?.message).toMatch(/more than once/);
  });

  it('a throwing handler ends the chain and reaches every onError with the message', async () => {
    const { router: r, logger } = router();
    const seen: [Error, InboundMessage][] = [];
    const cause = new Error('boom');
    r.add(() => {
      throw cause;
    }, '*');
    r.onError((error, message) => void seen.push([error, message]));
    r.onError(() => {
      throw new Error('the error handler fails too');
    });
    expect(await r.run(text, ctx)).toEqual({ result: undefined, failed: true });
    expect(seen).toHaveLength(1);
    const [error, message] = seen[0] ?? [];
    expect(error).toBeInstanceOf(HandlerError);
    expect(error?.cause).toBe(cause);
    expect((error as HandlerError).inbound).toBe(text);
    expect(message).toBe(text);
    expect(logger.entries.map((e) => e.message)).toEqual(['an onError handler threw']);
  });

  it('without onError, handler errors are logged', async () => {
    const { router: r, logger } = router();
    r.use(() => Promise.reject(new Error('async boom')));
    await r.run(text, ctx);
    expect(logger.entries[0]).toMatchObject({ level: 'error', message: 'a push handler threw: async boom' });
  });

  it('stays synchronous while the handlers are, and switches to a promise where one is async', async () => {
    const { router: r } = router();
    const calls: string[] = [];
    r.add(() => void calls.push('sync'), '*');
    r.add(() => 'reply', 'text');
    expect(r.run(text, ctx)).toEqual({ result: 'reply', failed: false });

    const mixed = router().router;
    mixed.add(async () => void calls.push('async undefined'), '*');
    mixed.add(() => true, '*');
    mixed.add(() => 'after', '*');
    const running = mixed.run(text, ctx);
    expect(running).toBeInstanceOf(Promise);
    expect(await running).toEqual({ result: 'after', failed: false });
    expect(calls).toEqual(['sync', 'async undefined']);
  });

  it('a synchronous throw is reported like an async one, and no later handler runs', async () => {
    const { router: r, logger } = router();
    let reached = false;
    r.add(() => {
      throw new Error('sync boom');
    }, '*');
    r.add(() => {
      reached = true;
    }, '*');
    expect(await r.run(text, ctx)).toEqual({ result: undefined, failed: true });
    expect(reached).toBe(false);
    expect(logger.entries[0]?.message).toBe('a push handler threw: sync boom');
  });

  it('a throw after an async handler is reported too', async () => {
    const { router: r, logger } = router();
    r.add(async () => undefined, '*');
    r.add(() => {
      throw new Error('late boom');
    }, '*');
    expect(await r.run(text, ctx)).toEqual({ result: undefined, failed: true });
    expect(logger.entries[0]?.message).toBe('a push handler threw: late boom');
  });

  it('refuses non-functions at registration', () => {
    const { router: r } = router();
    expect(() => r.add('x' as never, '*')).toThrow(TypeError);
    expect(() => r.use(1 as never)).toThrow(TypeError);
    expect(() => r.onError(null as never)).toThrow(TypeError);
  });
});
