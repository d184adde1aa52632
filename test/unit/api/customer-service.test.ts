import { beforeEach, describe, expect, it } from 'vitest';
import { CustomerService } from '../../../src/api/customer-service.js';
import { ReplyWindowError, ValidationError } from '../../../src/errors.js';
import { Image, Link, Raw, Text, TransferCustomerService, Voice } from '../../../src/messages/index.js';
import type { AccountKind } from '../../../src/options.js';
import { json, useLocalServer } from '../http/local-server.js';
import { serveApi, stack } from './stack.js';

describe('CustomerService', () => {
  let state: ReturnType<typeof serveApi>;
  const server = useLocalServer();
  beforeEach(() => {
    state = serveApi(server, json({ errcode: 0, errmsg: 'ok' }));
  });

  function service<K extends AccountKind = 'miniprogram'>(kind?: K) {
    const { api, settings } = stack<K>(server.url, kind === undefined ? {} : { kind });
    return new CustomerService<K>(api, settings);
  }
  const sent = () => state.apiRequests.map((r) => ({ path: r.url.split('?')[0], body: r.body.toString() }));

  it('sends touser, msgtype and the message object as one JSON document', async () => {
    await expect(service().message(new Text('你好')).to('openid-1').send()).resolves.toEqual({
      errcode: 0,
      errmsg: 'ok',
    });
    expect(sent()).toEqual([
      {
        path: '/cgi-bin/message/custom/send',
        body: '{"touser":"openid-1","msgtype":"text","text":{"content":"你好"}}',
      },
    ]);
    expect(state.apiRequests[0]?.headers['content-type']).toBe('application/json');
  });

  it('takes a plain string as Text', async () => {
    await service().message('hi').to('o').send();
    expect(JSON.parse(sent()[0]?.body ?? '')).toEqual({
      touser: 'o',
      msgtype: 'text',
      text: { content: 'hi' },
    });
  });

  it('adds aimsgcontext and uses business/send with businessid when asked', async () => {
    await service().message(new Image('MEDIA')).to('o').send({ aiGenerated: true, businessId: 'b-1' });
    expect(sent()[0]?.path).toBe('/cgi-bin/message/custom/business/send');
    expect(JSON.parse(sent()[0]?.body ?? '')).toEqual({
      touser: 'o',
      msgtype: 'image',
      image: { media_id: 'MEDIA' },
      aimsgcontext: { is_ai_msg: 1 },
      businessid: 'b-1',
    });
  });

  it('sends as an agent account for official accounts', async () => {
    await service('official-account').message(new Voice('V')).to('o').by('kf2001@gh_test').send();
    expect(JSON.parse(sent()[0]?.body ?? '')).toEqual({
      touser: 'o',
      msgtype: 'voice',
      voice: { media_id: 'V' },
      customservice: { kf_account: 'kf2001@gh_test' },
    });
  });

  it('refuses, before any network call, kinds the account cannot send', async () => {
    const miniProgram = service() as unknown as CustomerService<AccountKind>;
    await expect(miniProgram.message(new Voice('V')).to('o').send()).rejects.toBeInstanceOf(ValidationError);
    const officialAccount = service('official-account') as unknown as CustomerService<AccountKind>;
    const link = new Link({
      title: 't',
      description: 'd',
      url: 'https://a.example',
      thumbUrl: 'https://a.example/t.png',
    });
    await expect(officialAccount.message(link).to('o').send()).rejects.toThrow(/cannot send link/);
    await expect(
      miniProgram
        .message(new TransferCustomerService() as unknown as Text)
        .to('o')
        .send(),
    ).rejects.toBeInstanceOf(ValidationError);
    const sneaky = service() as unknown as CustomerService<'official-account'>;
    await expect(sneaky.message('x').to('o').by('kf@gh').send()).rejects.toThrow(/only official accounts/);
    expect(state.apiRequests).toHaveLength(0);
    expect(state.tokens).toBe(0);
  });

  it('refuses a bad openid before any network call', async () => {
    await expect(service().message('x').to('').send()).rejects.toMatchObject({ field: 'touser' });
    await expect(
      service()
        .message('x')
        .to(42 as unknown as string)
        .send(),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(state.apiRequests).toHaveLength(0);
  });

  it('sends a raw body as given, with options', async () => {
    await service().send({ touser: 'o', msgtype: 'text', text: { content: 'raw' } }, { aiGenerated: true });
    expect(JSON.parse(sent()[0]?.body ?? '')).toEqual({
      touser: 'o',
      msgtype: 'text',
      text: { content: 'raw' },
      aimsgcontext: { is_ai_msg: 1 },
    });
    await service()
      .message(new Raw({ msgtype: 'newkind', newkind: { x: 1 } }))
      .to('o')
      .send();
    expect(JSON.parse(sent()[1]?.body ?? '')).toEqual({ touser: 'o', msgtype: 'newkind', newkind: { x: 1 } });
  });

  it('refuses a raw body of a kind the account cannot send, and one without touser', async () => {
    const miniProgram = service() as unknown as CustomerService<AccountKind>;
    await expect(
      miniProgram.send({ touser: 'o', msgtype: 'voice', voice: { media_id: 'V' } }),
    ).rejects.toThrow(/cannot send voice/);
    await expect(
      miniProgram.send({ msgtype: 'text', text: { content: 'x' } } as unknown as Parameters<
        typeof miniProgram.send
      >[0]),
    ).rejects.toMatchObject({ field: 'touser' });
    expect(state.apiRequests).toHaveLength(0);
  });

  it('surfaces 45015 as ReplyWindowError without retrying', async () => {
    state = serveApi(server, json({ errcode: 45015, errmsg: 'response out of time limit' }));
    await expect(service().message('late').to('o').send()).rejects.toBeInstanceOf(ReplyWindowError);
    expect(state.apiRequests).toHaveLength(1);
  });
});
