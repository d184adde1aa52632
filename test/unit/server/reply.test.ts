import fc from 'fast-check';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../../src/messages/inbound.js';
import {
  Image,
  Link,
  Music,
  News,
  Raw,
  Text,
  TransferCustomerService,
  Video,
  Voice,
} from '../../../src/messages/index.js';
import { envelope } from '../../../src/server/envelope.js';
import { cdata, jsonString, passiveXml, transferJson } from '../../../src/server/reply-xml.js';
import { decide, renderPassive } from '../../../src/server/respond.js';
import { vector } from '../../fixtures/vectors.js';

const reader = new XMLParser({ parseTagValue: false });
const read = (xml: string) => (reader.parse(xml) as { xml: Record<string, unknown> }).xml;
const to = { toUser: 'o_user', fromUser: 'gh_account', createTime: 1714112445 };

describe('cdata', () => {
  it('splits ]]> across two sections so the value survives', () => {
    expect(cdata('a]]>b')).toBe('<![CDATA[a]]]]><![CDATA[>b]]>');
    for (const value of ['a]]>b', ']]>', ']]>]]>', 'x]]]>y', '<xml>&amp;</xml>']) {
      expect(read(`<xml><A>${cdata(value)}</A></xml>`).A).toBe(value);
    }
  });
});

describe('passiveXml (SPEC §3.4)', () => {
  it('text, with ]]> inside the content', () => {
    expect(passiveXml(new Text('你好 ]]> <b>'), to)).toBe(
      '<xml><ToUserName><![CDATA[o_user]]></ToUserName><FromUserName><![CDATA[gh_account]]></FromUserName><CreateTime>1714112445</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好 ]]]]><![CDATA[> <b>]]></Content></xml>',
    );
    expect(read(passiveXml(new Text('你好 ]]> <b>'), to)).Content).toBe('你好 ]]> <b>');
  });

  it.each([
    ['image', new Image('m1'), { Image: { MediaId: 'm1' } }],
    ['voice', new Voice('m2'), { Voice: { MediaId: 'm2' } }],
    [
      'video',
      new Video({ mediaId: 'm3', thumbMediaId: 't', title: 'T' }),
      { Video: { MediaId: 'm3', Title: 'T' } },
    ],
    [
      'music',
      new Music({ musicUrl: 'https://m/u', thumbMediaId: 't', title: 'T' }),
      { Music: { Title: 'T', MusicUrl: 'https://m/u', HQMusicUrl: 'https://m/u', ThumbMediaId: 't' } },
    ],
    [
      'news',
      new News([{ title: 'T', description: 'D', url: 'https://a/b', picUrl: 'https://a/p.png' }]),
      {
        ArticleCount: '1',
        Articles: { item: { Title: 'T', Description: 'D', PicUrl: 'https://a/p.png', Url: 'https://a/b' } },
      },
    ],
    ['transfer', new TransferCustomerService(), { MsgType: 'transfer_customer_service' }],
    [
      'transfer to an agent',
      new TransferCustomerService('kf2001@gh_x'),
      { MsgType: 'transfer_customer_service', TransInfo: { KfAccount: 'kf2001@gh_x' } },
    ],
  ] as const)('%s', (_name, message, fields) => {
    const xml = read(passiveXml(message, to));
    expect(xml).toMatchObject({
      ToUserName: 'o_user',
      FromUserName: 'gh_account',
      CreateTime: '1714112445',
      ...fields,
    });
    expect(xml.MsgType).toBe(message.type);
  });

  it('leaves out optional video fields that are not given', () => {
    expect(passiveXml(new Video({ mediaId: 'm', thumbMediaId: 't' }), to)).not.toContain('<Title>');
  });
});

describe('transferJson (SPEC §3.1)', () => {
  it('has the four documented fields, TransInfo only for an agent', () => {
    expect(JSON.parse(transferJson(new TransferCustomerService(), to))).toEqual({
      ToUserName: 'o_user',
      FromUserName: 'gh_account',
      CreateTime: 1714112445,
      MsgType: 'transfer_customer_service',
    });
    expect(JSON.parse(transferJson(new TransferCustomerService('kf@gh'), to)).TransInfo).toEqual({
      KfAccount: 'kf@gh',
    });
  });

  it('is JSON.stringify of the same object for any ids', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'binary' }),
        fc.option(fc.stringMatching(/^[\w@"\\]{1,12}$/)),
        (toUser, fromUser, kf) => {
          const message = new TransferCustomerService(kf ?? undefined);
          const expected = {
            ToUserName: toUser,
            FromUserName: fromUser,
            CreateTime: 7,
            MsgType: 'transfer_customer_service',
            ...(kf === null ? {} : { TransInfo: { KfAccount: kf } }),
          };
          expect(transferJson(message, { toUser, fromUser, createTime: 7 })).toBe(JSON.stringify(expected));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('jsonString quotes like JSON.stringify, lone surrogates and controls included', () => {
    for (const value of ['o9AgO5Kd5gg', '', 'a"b', 'a\\b', '\n', '\u2028', '\ud800', '😀', '中文']) {
      expect(jsonString(value)).toBe(JSON.stringify(value));
    }
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (value) => {
        expect(jsonString(value)).toBe(JSON.stringify(value));
      }),
    );
  });
});

describe('envelope (SPEC §2.5)', () => {
  it('JSON: the official O1 reply envelope', () => {
    const reply = vector('O1').reply;
    if (!reply) throw new Error('no reply');
    const json = envelope('json', {
      encrypt: reply.encrypt,
      msgSignature: reply.msgSignature,
      timeStamp: Number(reply.timestamp),
      nonce: reply.nonce,
    });
    expect(JSON.parse(json)).toEqual(reply.envelope);
  });

  it('XML: the fields of the official example', () => {
    const reply = vector('O1').reply;
    if (!reply) throw new Error('no reply');
    const xml = read(
      envelope('xml', {
        encrypt: reply.encrypt,
        msgSignature: reply.msgSignature,
        timeStamp: 1713424427,
        nonce: '415670741',
      }),
    );
    expect(xml).toEqual({
      Encrypt: reply.encrypt,
      MsgSignature: reply.msgSignature,
      TimeStamp: '1713424427',
      Nonce: '415670741',
    });
  });

  it('escapes a nonce in either format', () => {
    const parts = { encrypt: 'e', msgSignature: 's', timeStamp: 1, nonce: 'a"]]>b' };
    expect(JSON.parse(envelope('json', parts)).Nonce).toBe('a"]]>b');
    expect(read(envelope('xml', parts)).Nonce).toBe('a"]]>b');
  });
});

describe('decide (DESIGN §1.4, §7)', () => {
  const text = { MsgType: 'text', FromUserName: 'o', ToUserName: 'gh' } as unknown as InboundMessage;
  const event = { MsgType: 'event', Event: 'subscribe' } as unknown as InboundMessage;
  const mini = { message: text, kind: 'miniprogram', format: 'xml' } as const;
  const official = { message: text, kind: 'official-account', format: 'xml' } as const;

  it.each([undefined, true, false, '', 'success'])('%j only acknowledges', (result) => {
    expect(decide(result, mini)).toEqual({ action: 'ack' });
  });

  it('a mini program transfers passively and sends everything else', () => {
    expect(decide(new TransferCustomerService(), mini).action).toBe('passive');
    expect(decide('hi', mini)).toMatchObject({ action: 'send', message: { type: 'text', content: 'hi' } });
    expect(
      decide(new Link({ title: 't', description: 'd', url: 'https://a', thumbUrl: 'https://b' }), mini)
        .action,
    ).toBe('send');
  });

  it('an official account answers its passive kinds in XML, sends the rest, and JSON pushes by API', () => {
    expect(decide('hi', official).action).toBe('passive');
    expect(decide(new Image('m'), official).action).toBe('passive');
    expect(decide(new Raw({ msgtype: 'wxcard', wxcard: { card_id: 'c' } }), official).action).toBe('send');
    expect(decide(new Image('m'), { ...official, format: 'json' }).action).toBe('send');
  });

  it('refuses to transfer an event', () => {
    expect(decide(new TransferCustomerService(), { ...mini, message: event })).toEqual({
      action: 'refuse-transfer',
    });
  });

  it('throws for results that are no reply', () => {
    expect(() => decide(42 as never, mini)).toThrow(/a number/);
    expect(() => decide({ hello: 1 } as never, mini)).toThrow(/not a message/);
    expect(() => decide('x'.repeat(3000), mini)).toThrow(/UTF-8 bytes/);
  });

  it('renders a mini-program transfer without TransInfo (mini programs have no agent choice)', () => {
    const xml = renderPassive(new TransferCustomerService('kf@gh'), mini, 1);
    expect(xml).not.toContain('TransInfo');
    expect(renderPassive(new TransferCustomerService('kf@gh'), official, 1)).toContain('<TransInfo>');
  });
});
