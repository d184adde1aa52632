import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseXmlFields, parseXmlReference } from '../../../src/server/xml.js';
import { parseFlatXml } from '../../../src/server/xml-flat.js';
import { vectors } from '../../fixtures/vectors.js';

/** The fast path either declines or agrees with fast-xml-parser (DESIGN §1.7). */
function agrees(text: string): boolean {
  const fast = parseFlatXml(text);
  if (fast === undefined) return false;
  expect(parseXmlReference(text)).toEqual(fast);
  return true;
}

const xmlDocuments = vectors
  .flatMap((v) => [v.body, v.plaintext, v.reply?.plaintext])
  .filter((text): text is string => typeof text === 'string' && text.trimStart().startsWith('<'));

describe('parseFlatXml', () => {
  it('takes the fast path for the flat vector documents and agrees with the reference', () => {
    const flat = xmlDocuments.filter((text) => parseFlatXml(text) !== undefined);
    expect(flat.length).toBeGreaterThanOrEqual(6);
    for (const text of xmlDocuments) agrees(text);
  });

  it('keeps CDATA verbatim and trims plain text, like the reference', () => {
    const text =
      '<xml><A><![CDATA[ a\n]]></A>\n <B> 12 </B><C></C><D><![CDATA[x]]]]><![CDATA[>y]]></D></xml>';
    expect(parseFlatXml(text)).toEqual({ A: ' a\n', B: '12', C: '', D: 'x]]>y' });
    agrees(text);
  });

  it('declines what it does not handle', () => {
    for (const text of [
      '<xml><A><B>1</B></A></xml>',
      '<xml><A x="1">1</A></xml>',
      '<xml><A>1</A><A>2</A></xml>',
      '<xml><A>a &amp; b</A></xml>',
      '<?xml version="1.0"?><xml><A>1</A></xml>',
      '<xml><!-- c --><A>1</A></xml>',
      '<xml><__proto__>1</__proto__></xml>',
      '<xml><A>1</A>',
      '<xml><A>1</A></xml>trailing',
      '<root><A>1</A></root>',
    ]) {
      expect(parseFlatXml(text), text).toBeUndefined();
    }
  });

  const names = fc.oneof(
    fc.constantFrom(
      'ToUserName',
      'MsgType',
      'Content',
      'MsgId',
      'a',
      '_x',
      'A.b-c',
      'xml',
      'constructor',
      'Event',
    ),
    fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.-]{0,8}$/),
  );
  const text = fc.string({ unit: 'binary', maxLength: 12 });
  const tricky = fc.constantFrom(
    ' ',
    '\n',
    '\r\n',
    '\t',
    ']]>',
    ']]',
    '&',
    '&lt;',
    '<',
    '>',
    '\u00a0',
    '\u3000',
    '"',
  );
  const value = fc
    .array(fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: tricky }), { maxLength: 4 })
    .map((parts) => parts.join(''));
  const space = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom('', ' ', '\n', '\t') },
    { weight: 1, arbitrary: fc.constantFrom('\r\n', '\u00a0', 'x') },
  );
  const element = fc
    .tuple(names, value, fc.constantFrom('cdata', 'split-cdata', 'plain'), space)
    .map(([name, v, form, ws]) => {
      const body =
        form === 'plain' ? v : form === 'cdata' ? `<![CDATA[${v}]]>` : `<![CDATA[${v}]]]]><![CDATA[>${v}]]>`;
      return `${ws}<${name}>${body}</${name}>`;
    });

  it('agrees with fast-xml-parser on generated documents', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.array(element, { maxLength: 8 }), space, space, (elements, lead, tail) => {
        if (agrees(`${lead}<xml>${elements.join('')}</xml>${tail}`)) fast++;
      }),
      { numRuns: 3000 },
    );
    // The generator must exercise the fast path itself, not only its refusals.
    expect(fast).toBeGreaterThan(300);
  });

  it('agrees with fast-xml-parser on arbitrary text around <xml>', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (inner) => {
        agrees(`<xml>${inner}</xml>`);
      }),
      { numRuns: 2000 },
    );
  });

  it('is what parseXmlFields returns when it applies', () => {
    const text = vectors.find((v) => v.id === 'C')?.plaintext ?? '';
    expect(parseXmlFields(text)).toEqual(parseFlatXml(text));
  });
});
