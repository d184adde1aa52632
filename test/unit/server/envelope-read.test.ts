import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEnvelope } from '../../../src/server/envelope-read.js';
import { parseDocument } from '../../../src/server/parse.js';
import { vectors } from '../../fixtures/vectors.js';

/** The fast path either declines or gives the reference parsers' fields (DESIGN §1.7). */
function agrees(text: string): boolean {
  const fast = readEnvelope(text);
  if (fast === undefined) return false;
  const reference = parseDocument(text);
  expect({ ...reference.fields }).toEqual({ ToUserName: fast.ToUserName, Encrypt: fast.Encrypt });
  expect(reference.format).toBe(fast.format);
  return true;
}

const envelopes = vectors.map((v) => v.body).filter((body): body is string => typeof body === 'string');

describe('readEnvelope (safe-mode envelope fast path)', () => {
  it('reads the XML and JSON envelopes of the vectors and agrees with the parsers', () => {
    const read = envelopes.filter((body) => agrees(body));
    expect(read.length).toBeGreaterThanOrEqual(2);
    expect(read.some((body) => body.startsWith('{'))).toBe(true);
    expect(read.some((body) => body.startsWith('<'))).toBe(true);
  });

  it('reads the shapes of SPEC §2.4, with whitespace between the parts', () => {
    expect(
      readEnvelope('<xml><ToUserName><![CDATA[gh_1]]></ToUserName><Encrypt><![CDATA[AbC=]]></Encrypt></xml>'),
    ).toEqual({
      format: 'xml',
      ToUserName: 'gh_1',
      Encrypt: 'AbC=',
    });
    const spaced =
      '<xml>\n  <ToUserName><![CDATA[gh_1]]></ToUserName>\n  <Encrypt><![CDATA[AbC=]]></Encrypt>\n</xml>\n';
    expect(agrees(spaced)).toBe(true);
    expect(agrees('{ "ToUserName": "gh_1", "Encrypt": "AbC=" }')).toBe(true);
    expect(agrees('{"Encrypt":"AbC=","ToUserName":"gh_\\u00e9"}')).toBe(true);
  });

  it('declines every other shape', () => {
    for (const text of [
      '<xml><Encrypt><![CDATA[x]]></Encrypt><ToUserName><![CDATA[gh]]></ToUserName></xml>',
      '<xml><AppId><![CDATA[wx1]]></AppId><Encrypt><![CDATA[x]]></Encrypt></xml>',
      '<xml><ToUserName><![CDATA[a]]]]><![CDATA[>b]]></ToUserName><Encrypt><![CDATA[x]]></Encrypt></xml>',
      '<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt>x</Encrypt></xml>',
      '<xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[x]]></Encrypt></xml>tail',
      '<xml><ToUserName><![CDATA[g\r\nh]]></ToUserName><Encrypt><![CDATA[x]]></Encrypt></xml>',
      ' <xml><ToUserName><![CDATA[gh]]></ToUserName><Encrypt><![CDATA[x]]></Encrypt></xml>',
      '\ufeff{"ToUserName":"gh","Encrypt":"x"}',
      '{"ToUserName":"gh","Encrypt":"x","MsgType":"text"}',
      '{"AppId":"wx1","Encrypt":"x"}',
      '{"ToUserName":"gh","Encrypt":1}',
      '{"ToUserName":"gh","Encrypt":"x"',
      '["ToUserName","Encrypt"]',
    ]) {
      expect(readEnvelope(text), text).toBeUndefined();
    }
  });

  const value = fc
    .array(
      fc.oneof(
        { weight: 4, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
        { weight: 1, arbitrary: fc.constantFrom(']]>', ']]', '<', '&amp;', '"', '\\', '\r\n', '\n', ' ') },
      ),
      { maxLength: 4 },
    )
    .map((parts) => parts.join(''));
  const space = fc.constantFrom('', ' ', '\n', '\t', '\r\n', '\u00a0');

  it('agrees with the XML parser on generated envelopes', () => {
    let fast = 0;
    fc.assert(
      fc.property(value, value, space, space, space, (to, encrypt, a, b, c) => {
        const text = `<xml>${a}<ToUserName><![CDATA[${to}]]></ToUserName>${b}<Encrypt><![CDATA[${encrypt}]]></Encrypt>${c}</xml>`;
        if (agrees(text)) fast++;
      }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(300);
  });

  it('agrees with the JSON parser on generated envelopes', () => {
    let fast = 0;
    const extra = fc.constantFrom('', ',"MsgType":"text"', ',"n":12345678901234567890', ',"o":{}');
    fc.assert(
      fc.property(value, value, space, extra, fc.boolean(), (to, encrypt, ws, more, swap) => {
        const pairs = [
          `"ToUserName":${JSON.stringify(to)}`,
          `${ws}"Encrypt"${ws}:${JSON.stringify(encrypt)}`,
        ];
        if (swap) pairs.reverse();
        const text = `{${pairs.join(',')}${more}}${ws}`;
        if (agrees(text)) fast++;
      }),
      { numRuns: 3000 },
    );
    expect(fast).toBeGreaterThan(300);
  });

  it('agrees with the parsers on arbitrary text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.constantFrom('<xml>', '{'),
        (text, head) => {
          // Whatever the fast path reads, the parsers read alike (and do not refuse).
          agrees(head + text);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
