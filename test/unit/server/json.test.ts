import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import { parseJsonObject, quoteUnsafeIntegers } from '../../../src/server/json.js';

describe('parseJsonObject (lossless, SPEC §1.5)', () => {
  it('keeps a MsgId above 2^53 as its exact digits', () => {
    const fields = parseJsonObject('{"MsgId":6054768590064713728,"CreateTime":1482048670}');
    expect(fields.MsgId).toBe('6054768590064713728');
    expect(fields.CreateTime).toBe(1482048670);
  });

  it('keeps negative and nested unsafe integers, leaves safe ones and floats as numbers', () => {
    const fields = parseJsonObject(
      '{"a":[-9007199254740993,{"b":12345678901234567890}],"c":9007199254740991,"d":1.5e300}',
    );
    expect(fields).toEqual({
      a: ['-9007199254740993', { b: '12345678901234567890' }],
      c: 9007199254740991,
      d: 1.5e300,
    });
  });

  it('never touches digits inside strings, escaped quotes included', () => {
    const text = '{"Content":"\\"6054768590064713728\\" and 99999999999999999999","MsgId":1}';
    expect(parseJsonObject(text)).toEqual({
      Content: '"6054768590064713728" and 99999999999999999999',
      MsgId: 1,
    });
  });

  it('gives objects without a prototype, so __proto__ is an ordinary key', () => {
    const fields = parseJsonObject('{"__proto__":{"polluted":true},"constructor":"x"}');
    expect(Object.getPrototypeOf(fields)).toBeNull();
    expect(Object.keys(fields)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(['', '[]', '"x"', '1', 'null', '{', '{"a":}', '{"a":1}x'])('refuses %j with ParseError', (text) => {
    expect(() => parseJsonObject(text)).toThrow(ParseError);
  });

  it('refuses deep nesting instead of overflowing the stack', () => {
    expect(() => parseJsonObject(`{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`)).toThrow(/nested/);
  });

  it('equals JSON.parse on documents without unsafe integers', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 })), (value) => {
        const text = JSON.stringify(value);
        fc.pre(!/\d{16}/.test(text));
        expect(parseJsonObject(text)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('gives what the whole-text scan gives, whatever the MsgId and its neighbours hold', () => {
    const unsafe = fc.bigInt({ min: 2n ** 53n + 1n, max: 2n ** 64n });
    const number = fc.oneof(unsafe.map(String), fc.integer().map(String), fc.constant('1.5e300'));
    const content = fc.oneof(
      fc.string(),
      number.map((n) => `"MsgId":${n}`),
      unsafe.map((n) => `\\"MsgId\\":${n}`),
    );
    fc.assert(
      fc.property(number, number, content, fc.constantFrom('', ' '), (msgId, other, text, space) => {
        const document = `{"Content":${JSON.stringify(text)},"MsgId":${space}${msgId},"Other":[${other}]}`;
        expect(parseJsonObject(document)).toEqual(JSON.parse(quoteUnsafeIntegers(document)));
      }),
    );
  });

  it('quotes exactly the unsafe integers of any document', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), { maxLength: 5 }), (ints) => {
        const text = `{"list":[${ints.join(',')}],"s":"${ints.join(' ')}"}`;
        const parsed = JSON.parse(quoteUnsafeIntegers(text)) as { list: unknown[]; s: string };
        parsed.list.forEach((item, i) => {
          const exact = ints[i] ?? 0n;
          const safe = exact >= BigInt(Number.MIN_SAFE_INTEGER) && exact <= BigInt(Number.MAX_SAFE_INTEGER);
          expect(item).toBe(safe ? Number(exact) : String(exact));
        });
        expect(parsed.s).toBe(ints.join(' '));
      }),
    );
  });
});
