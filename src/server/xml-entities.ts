import type { EntityDecoderOptions } from 'fast-xml-parser';

/** Thrown from inside fast-xml-parser when it reads a DOCTYPE; mapped to a ParseError by xml.ts. */
export class DocTypeFound extends Error {}

/** Thrown for a character reference to a code point XML forbids (`&#0;`, a lone surrogate…). */
export class BadCharacterReference extends Error {}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const REFERENCE = /&(?:#x([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z]+));/g;

/**
 * The entity decoder fast-xml-parser uses for our pushes: the five entities XML predefines and
 * character references (`&#65;`, `&#x4E2D;`), nothing else. It is also the XXE guard that cannot
 * be out-lexed: the parser hands it every DOCTYPE it reads (`addInputEntities`), wherever the
 * document hid it, and it refuses them all, so no declared entity is ever expanded. The pattern
 * check before parsing only refuses the common case early.
 * Other named entities (`&nbsp;`) are left as written, as fast-xml-parser's own decoder does.
 */
export const pushEntityDecoder: EntityDecoderOptions = {
  setExternalEntities: () => {},
  addInputEntities: () => {
    throw new DocTypeFound('DOCTYPE');
  },
  reset: () => {},
  setXmlVersion: () => {},
  decode: (text) => (text.indexOf('&') === -1 ? text : text.replace(REFERENCE, decodeReference)),
};

function decodeReference(whole: string, hex?: string, decimal?: string, name?: string): string {
  if (name !== undefined) return PREDEFINED[name] ?? whole;
  const codePoint = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
  if (!isXmlChar(codePoint)) throw new BadCharacterReference(whole);
  return String.fromCodePoint(codePoint);
}

/** XML 1.0 `Char`: tab, LF, CR, and the rest of Unicode except surrogates, U+FFFE and U+FFFF. */
function isXmlChar(c: number): boolean {
  return (
    c === 0x9 ||
    c === 0xa ||
    c === 0xd ||
    (c >= 0x20 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd) ||
    (c >= 0x10000 && c <= 0x10ffff)
  );
}
