import { XMLParser } from 'fast-xml-parser';
import { ParseError } from '../errors.js';
import { type Fields, withoutPrototype } from './json.js';
import { BadCharacterReference, DocTypeFound, pushEntityDecoder } from './xml-entities.js';
import { parseFlatXml } from './xml-flat.js';

/**
 * The reference parser for XML bodies (DESIGN §1.7): fast-xml-parser with validation, every
 * value kept as text (`CreateTime` is converted later, in one place), CDATA kept verbatim,
 * plain text trimmed (SPEC §9.3), attributes, comments and the `<?xml?>` prolog ignored.
 */
const parser = new XMLParser({
  parseTagValue: false,
  trimValues: true,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  entityDecoder: pushEntityDecoder,
  maxNestedTags: 32,
});

/**
 * `<!DOCTYPE`, `<!ENTITY`, `<!ELEMENT`…: refused before parsing in the common case. A pattern can
 * be out-lexed (a comment holding `<![CDATA[`); the guarantee is {@link pushEntityDecoder}, which
 * refuses every DOCTYPE the parser itself reads.
 */
const DECLARATION = /<!(?!\[CDATA\[|--)/;
const DOCTYPE_REFUSED = 'XML with DOCTYPE or entity declarations is refused';
/** CDATA sections, whose text (a user typing `<!DOCTYPE>`) is data, not markup. */
const CDATA = /<!\[CDATA\[[\s\S]*?\]\]>/g;

/**
 * Parses an XML push (root `<xml>`) into the fields of its root, on prototype-less objects.
 * The common flat document takes {@link parseFlatXml}; anything else fast-xml-parser.
 * Throws {@link ParseError} on malformed XML, DOCTYPE/entity declarations or another root.
 */
export function parseXmlFields(text: string): Fields {
  return parseFlatXml(text) ?? parseXmlReference(text);
}

/** fast-xml-parser only: the reference {@link parseFlatXml} is tested against. */
export function parseXmlReference(text: string): Fields {
  if (DECLARATION.test(text) && DECLARATION.test(text.replace(CDATA, ''))) {
    throw new ParseError(DOCTYPE_REFUSED);
  }
  let document: unknown;
  try {
    document = parser.parse(text, true);
  } catch (error) {
    if (error instanceof DocTypeFound) throw new ParseError(DOCTYPE_REFUSED);
    if (error instanceof BadCharacterReference) {
      throw new ParseError(`XML character reference ${error.message} is not a character XML allows`);
    }
    throw new ParseError('body is not well-formed XML');
  }
  const root = (document as Fields)?.xml;
  if (typeof document !== 'object' || Object.keys(document as object).length !== 1 || root === undefined) {
    throw new ParseError('XML root element must be <xml>');
  }
  if (root === '') return Object.create(null) as Fields;
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    throw new ParseError('<xml> must contain elements');
  }
  return withoutPrototype(root, 0) as Fields;
}
