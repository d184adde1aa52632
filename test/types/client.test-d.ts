import { describe, expectTypeOf, it } from 'vitest';
import type { CustomerService, SendResult } from '../../src/api/customer-service.js';
import type { Application } from '../../src/application.js';
import {
  Image,
  Link,
  MiniProgramPage,
  Raw,
  Text,
  TransferCustomerService,
  Voice,
} from '../../src/messages/index.js';
import type { AccountKind } from '../../src/options.js';

declare const miniProgram: CustomerService<'miniprogram'>;
declare const officialAccount: CustomerService<'official-account'>;
declare const eitherKind: CustomerService<AccountKind>;
declare const app: Application;
declare const oaApp: Application<'official-account'>;

const link = new Link({
  title: 't',
  description: 'd',
  url: 'https://a.example',
  thumbUrl: 'https://a.example/t.png',
});
const page = new MiniProgramPage({ title: 't', pagePath: 'pages/index/index', thumbMediaId: 'M' });

describe('customerService.message()', () => {
  it('has only to() before a recipient is named: send() before to() does not compile', () => {
    // @ts-expect-error send() needs a recipient first
    miniProgram.message('hi').send();
    // @ts-expect-error by() needs a recipient first
    officialAccount.message('hi').by('kf@gh');
    expectTypeOf(miniProgram.message(new Text('hi')).to('o').send()).toEqualTypeOf<Promise<SendResult>>();
  });

  it('accepts only the kinds a mini program can send', () => {
    miniProgram.message(new Image('M')).to('o').send();
    miniProgram.message(link).to('o').send();
    miniProgram.message(page).to('o').send();
    miniProgram
      .message(new Raw({ msgtype: 'x' }))
      .to('o')
      .send();
    // @ts-expect-error voice is an official-account kind
    miniProgram.message(new Voice('V'));
    // @ts-expect-error a passive reply cannot be sent through the API
    miniProgram.message(new TransferCustomerService());
    // @ts-expect-error the same holds through Application<'miniprogram'> (the default)
    app.customerService.message(new Voice('V'));
  });

  it('accepts only the kinds an official account can send', () => {
    officialAccount.message(new Voice('V')).to('o').send();
    oaApp.customerService.message(new Voice('V')).to('o').send();
    // @ts-expect-error link cards are a mini-program kind
    officialAccount.message(link);
  });

  it('offers by() for official accounts only', () => {
    officialAccount.message('hi').to('o').by('kf2001@gh_x').send({ timeout: 1_000 });
    // @ts-expect-error a mini program cannot choose an agent account
    miniProgram.message('hi').to('o').by('kf2001@gh_x');
    // A kind only known at run time keeps by(); it is checked when sending.
    eitherKind.message('hi').to('o').by('kf2001@gh_x');
  });

  it('takes send options last', () => {
    const signal = AbortSignal.timeout(1_000);
    miniProgram
      .message('hi')
      .to('o')
      .send({ signal, timeout: 5_000, maxRetries: 0, businessId: 'b', aiGenerated: true });
    // @ts-expect-error unknown option
    miniProgram.message('hi').to('o').send({ retries: 1 });
  });
});

describe('customerService.send(raw)', () => {
  it('types raw bodies by account kind', () => {
    miniProgram.send({ touser: 'o', msgtype: 'text', text: { content: 'hi' } });
    officialAccount.send({
      touser: 'o',
      msgtype: 'voice',
      voice: { media_id: 'V' },
      customservice: { kf_account: 'kf@gh' },
    });
    // @ts-expect-error voice is an official-account kind
    miniProgram.send({ touser: 'o', msgtype: 'voice', voice: { media_id: 'V' } });
    // @ts-expect-error the body of text is { content }
    miniProgram.send({ touser: 'o', msgtype: 'text', text: { body: 'hi' } });
    // @ts-expect-error touser is required
    miniProgram.send({ msgtype: 'text', text: { content: 'hi' } });
  });
});

describe('typing and media', () => {
  it('take literal commands and media types', () => {
    app.typing.set('o');
    app.typing.set('o', 'CancelTyping');
    // @ts-expect-error commands are case-sensitive
    app.typing.set('o', 'typing');
    app.media.upload(Buffer.alloc(1), { type: 'image' });
    // @ts-expect-error a bare string is ambiguous
    app.media.upload('cat.png', { type: 'image' });
    // @ts-expect-error the media type is required
    app.media.upload(Buffer.alloc(1), {});
    expectTypeOf(app.media.get('M')).resolves.toHaveProperty('data').toEqualTypeOf<Buffer>();
  });
});
