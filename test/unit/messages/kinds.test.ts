import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../src/errors.js';
import {
  canSend,
  Image,
  Link,
  Raw,
  Text,
  TransferCustomerService,
  toSendable,
  Voice,
} from '../../../src/messages/index.js';

describe('account kinds', () => {
  it('lets a mini program send only its four kinds (and Raw)', () => {
    for (const type of ['text', 'image', 'link', 'miniprogrampage', 'raw'])
      expect(canSend('miniprogram', type)).toBe(true);
    for (const type of ['voice', 'video', 'music', 'news', 'mpnews', 'msgmenu', 'wxcard']) {
      expect(canSend('miniprogram', type)).toBe(false);
    }
  });

  it('does not let an official account send a link card, nor anyone send a transfer', () => {
    expect(canSend('official-account', 'voice')).toBe(true);
    expect(canSend('official-account', 'link')).toBe(false);
    expect(canSend('official-account', 'transfer_customer_service')).toBe(false);
  });

  it('turns a string into Text', () => {
    const message = toSendable('miniprogram', '你好');
    expect(message).toBeInstanceOf(Text);
    expect(message.toPayload()).toEqual({ msgtype: 'text', text: { content: '你好' } });
  });

  it('refuses a kind the account cannot send before any network call', () => {
    expect(() => toSendable('miniprogram', new Voice('m') as never)).toThrow(ValidationError);
    expect(() => toSendable('miniprogram', new Voice('m') as never)).toThrow(/miniprogram cannot send voice/);
    expect(() =>
      toSendable(
        'official-account',
        new Link({ title: 't', description: 'd', url: 'https://u', thumbUrl: 'https://t' }) as never,
      ),
    ).toThrow(/official-account cannot send link/);
    expect(() => toSendable('official-account', new TransferCustomerService() as never)).toThrow(
      /transfer_customer_service/,
    );
    expect(() => toSendable('miniprogram', { type: 'text' } as never)).toThrow(
      /must be a string or a message object/,
    );
  });

  it('passes supported kinds through unchanged', () => {
    const image = new Image('m');
    expect(toSendable('miniprogram', image)).toBe(image);
    const raw = new Raw({ msgtype: 'text', text: { content: 'x' } });
    expect(toSendable('official-account', raw)).toBe(raw);
  });
});
