import { Readable } from 'node:stream';
import { beforeEach, describe, expect, it } from 'vitest';
import { CustomerService } from '../../../src/api/customer-service.js';
import { Media } from '../../../src/api/media.js';
import { Typing } from '../../../src/api/typing.js';
import { ValidationError } from '../../../src/errors.js';
import { Text } from '../../../src/messages/index.js';
import { json, useLocalServer } from '../http/local-server.js';
import { serveApi, stack } from './stack.js';

/**
 * Plain-JS callers pass `null` or a non-object where TypeScript wants an options object. `null`
 * means no options; anything else is a ValidationError naming the parameter, never a TypeError.
 */
describe('options arguments from plain JS', () => {
  let state: ReturnType<typeof serveApi>;
  const server = useLocalServer();
  beforeEach(() => {
    state = serveApi(server, json({ errcode: 0, errmsg: 'ok', media_id: 'M', type: 'image', created_at: 1 }));
  });

  function services() {
    const { api, settings, tokens } = stack(server.url);
    return {
      tokens,
      customerService: new CustomerService(api, settings),
      typing: new Typing(api, settings),
      media: new Media(api, settings),
    };
  }
  const payload = { touser: 'o', msgtype: 'text', text: { content: 'hi' } } as const;

  it('treats null options as none', async () => {
    const { tokens, customerService, typing } = services();
    const none = null as never;
    await expect(tokens.getToken(none)).resolves.toMatch(/^TOKEN_1/);
    await expect(customerService.send(payload, none)).resolves.toMatchObject({ errcode: 0 });
    await expect(customerService.message('hi').to('o').send(none)).resolves.toMatchObject({ errcode: 0 });
    await expect(typing.set('o', 'Typing', none)).resolves.toMatchObject({ errcode: 0 });
    expect(new Text('hi', none).content).toBe('hi');
    expect(state.apiRequests).toHaveLength(3);
  });

  it.each([
    ['a string', 'fast'],
    ['a number', 5_000],
    ['an array', [{ timeout: 1 }]],
  ])('refuses %s as options with a ValidationError naming options, before sending', async (_name, bad) => {
    const { tokens, customerService, typing, media } = services();
    const options = bad as never;
    const calls = [
      () => tokens.getToken(options),
      () => customerService.send(payload, options),
      () => customerService.message('hi').to('o').send(options),
      () => typing.set('o', 'Typing', options),
      async () => new Text('hi', options),
      () => media.get('M', options),
      () => media.stream('M', options),
    ];
    for (const call of calls) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe('options');
    }
    expect(state.apiRequests).toHaveLength(0);
  });

  it.each([
    ['filename', { type: 'image', filename: 123 }, Buffer.from('data'), 'filename'],
    ['contentType', { type: 'image', contentType: ['image/png'] }, Buffer.from('data'), 'contentType'],
    ['{ data, filename }', { type: 'image' }, { data: Buffer.from('data'), filename: 7 }, 'media.filename'],
    [
      '{ data, contentType }',
      { type: 'image' },
      { data: Buffer.from('data'), filename: 'a.png', contentType: {} },
      'media.contentType',
    ],
  ])(
    'refuses a non-string upload %s with a ValidationError naming it',
    async (_name, options, input, field) => {
      const error = await services()
        .media.upload(input as never, options as never)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).field).toBe(field);
      expect(state.apiRequests).toHaveLength(0);
    },
  );

  it('refuses an object-mode Readable with a ValidationError, not a TypeError from Buffer.from', async () => {
    for (const chunk of [{ bytes: 1 }, 42]) {
      const stream = Readable.from([chunk]);
      const error = await services()
        .media.upload(stream, { type: 'image' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect(String(error)).toMatch(/not bytes; pass a byte stream \(not objectMode\)/);
      expect(stream.destroyed).toBe(true);
    }
    expect(state.apiRequests).toHaveLength(0);
  });
});
