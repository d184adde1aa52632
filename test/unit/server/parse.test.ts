import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import { parseDocument, parseMessage, sniffFormat } from '../../../src/server/parse.js';
import { parseXmlFields } from '../../../src/server/xml.js';

describe('sniffFormat (never Content-Type, SPEC §1.3)', () => {
  it.each([
    ['<xml/>', 'xml'],
    [' \n\t<xml>', 'xml'],
    ['\ufeff{"a":1}', 'json'],
    ['{}', 'json'],
    ['', undefined],
    ['success', undefined],
    ['[1]', undefined],
  ])('%j → %s', (text, format) => {
    expect(sniffFormat(text)).toBe(format);
  });
});

describe('parseMessage', () => {
  it('gives XML and JSON pushes one shape: CreateTime a number, MsgId a string', () => {
    const xml = parseMessage(
      '<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[o]]></FromUserName><CreateTime>1482048670</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hi]]></Content><MsgId>6054768590064713728</MsgId></xml>',
    );
    const json = parseMessage(
      '{"ToUserName":"gh","FromUserName":"o","CreateTime":1482048670,"MsgType":"text","Content":"hi","MsgId":6054768590064713728}',
    );
    expect(xml).toEqual(json);
    expect(xml).toMatchObject({ CreateTime: 1482048670, MsgId: '6054768590064713728' });
  });

  it('accepts a safe MsgId number and a string one', () => {
    expect(parseMessage('{"MsgId":12345}')).toMatchObject({ MsgId: '12345' });
    expect(parseMessage('{"MsgId":"49d72d67_1555684067"}')).toMatchObject({ MsgId: '49d72d67_1555684067' });
  });

  it('takes bytes, with a byte order mark', () => {
    const bytes = new TextEncoder().encode(
      '\ufeff<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType></xml>',
    );
    expect(parseMessage(bytes).MsgType).toBe('event');
  });

  it('keeps nested elements of official-account events', () => {
    const message = parseMessage(
      '<xml><ToUserName><![CDATA[gh_1]]></ToUserName><FromUserName><![CDATA[o1]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[scancode_push]]></Event><ScanCodeInfo><ScanType><![CDATA[qrcode]]></ScanType><ScanResult><![CDATA[1]]></ScanResult></ScanCodeInfo></xml>',
    );
    expect(message).toMatchObject({ ScanCodeInfo: { ScanType: 'qrcode', ScanResult: '1' } });
  });

  it('refuses what is neither XML nor JSON', () => {
    expect(() => parseMessage('hello')).toThrow(ParseError);
    expect(() => parseDocument('')).toThrow(ParseError);
  });
});

describe('XML parsing guards (SPEC §9.3)', () => {
  it.each([
    ['a DOCTYPE', '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x "y">]><xml><A>&x;</A></xml>'],
    ['an external entity', '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><A>&x;</A></xml>'],
    ['a lower-case doctype', '<!doctype xml><xml><A>1</A></xml>'],
    // A comment holding `<![CDATA[` fooled the pattern check, which took `<![CDATA[ -->…]]>` for
    // data and so never saw the DOCTYPE between; the parser expanded &e; to PWNED.
    [
      'a DOCTYPE hidden behind a comment that opens CDATA',
      '<!-- <![CDATA[ --><!DOCTYPE xml [<!ENTITY e "PWNED">]><xml><Content>&e;</Content><!-- ]]> --></xml>',
    ],
    ['a character reference to NUL', '<xml><A>&#0;</A></xml>'],
    ['a character reference to a lone surrogate', '<xml><A>&#xD800;</A></xml>'],
    ['another root', '<root><A>1</A></root>'],
    ['two roots', '<xml><A>1</A></xml><xml><A>2</A></xml>'],
    ['unclosed elements', '<xml><A>1</A>'],
    ['mismatched tags', '<xml><A>1</B></xml>'],
    ['a text root', '<xml>text</xml>'],
    ['a __proto__ element', '<xml><__proto__><a>1</a></__proto__></xml>'],
  ])('refuses %s', (_name, text) => {
    expect(() => parseXmlFields(text)).toThrow(ParseError);
  });

  it('decodes the predefined entities, keeps comments and attributes out', () => {
    expect(parseXmlFields('<xml><!-- c --><A x="1">a &amp; b &lt;c&gt;</A></xml>')).toEqual({
      A: 'a & b <c>',
    });
  });

  it('decodes character references, leaves other named entities and CDATA as written', () => {
    expect(
      parseXmlFields(
        '<xml><A>&#65;&#x4E2D;&#x1F600;&quot;&apos;</A><B>&nbsp;</B><C><![CDATA[&amp;&#65;]]></C></xml>',
      ),
    ).toEqual({ A: 'A中😀"\'', B: '&nbsp;', C: '&amp;&#65;' });
  });

  it('still reads a user who typed a DOCTYPE inside CDATA as text', () => {
    expect(parseXmlFields('<xml><!-- x --><Content><![CDATA[<!DOCTYPE x>]]></Content></xml>')).toEqual({
      Content: '<!DOCTYPE x>',
    });
  });

  it('names the refusal of a hidden DOCTYPE', () => {
    expect(() =>
      parseXmlFields('<!-- <![CDATA[ --><!DOCTYPE xml [<!ENTITY e "x">]><xml><A>&e;</A><!-- ]]> --></xml>'),
    ).toThrow('XML with DOCTYPE or entity declarations is refused');
  });

  it('gives prototype-less objects, arrays for repeated elements', () => {
    const fields = parseXmlFields('<xml><L><item>1</item><item>2</item></L><B>x</B></xml>');
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.getPrototypeOf(fields.L)).toBeNull();
    expect(fields).toEqual({ L: { item: ['1', '2'] }, B: 'x' });
  });

  it('reads an empty <xml></xml> as no fields', () => {
    expect(parseXmlFields('<xml></xml>')).toEqual({});
  });
});
