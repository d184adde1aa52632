import { ValidationError } from '../errors.js';

/**
 * Index of the first character WeChat refuses, or -1: lone surrogates and C0 controls other than
 * \n and \t. `JSON.stringify` writes them as `\uXXXX` escapes, which WeChat answers with 40033
 * (SPEC §4.1). A scan beats a regex here: no control characters in source, and one pass.
 */
function firstWireUnsafe(value: string): number {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0x20) {
      if (c !== 0x0a && c !== 0x09) return i;
    } else if (c >= 0xd800 && c <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return i;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

export interface StringRule {
  /** Largest size in UTF-8 bytes (what WeChat counts, SPEC §9.3). */
  maxBytes?: number;
  /** Accept `''`. @default false */
  allowEmpty?: boolean;
}

/** Returns `value` if it is a string WeChat will accept for `field`, else throws ValidationError. */
export function checkString(field: string, value: unknown, rule: StringRule = {}): string {
  if (typeof value !== 'string') {
    throw new ValidationError(field, `must be a string, got ${value === null ? 'null' : typeof value}`);
  }
  if (value === '' && !rule.allowEmpty) throw new ValidationError(field, 'must not be empty');
  const bad = firstWireUnsafe(value);
  if (bad !== -1) {
    const code = value.charCodeAt(bad).toString(16).toUpperCase().padStart(4, '0');
    throw new ValidationError(
      field,
      `contains U+${code} at index ${bad} (a control character or lone surrogate); WeChat refuses it with 40033`,
    );
  }
  if (rule.maxBytes !== undefined) {
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > rule.maxBytes) {
      throw new ValidationError(
        field,
        `is ${bytes} UTF-8 bytes, over the limit of ${rule.maxBytes}; split it with splitText()`,
      );
    }
  }
  return value;
}

/** An optional string field: `undefined` stays `undefined`. */
export function checkOptionalString(
  field: string,
  value: unknown,
  rule: StringRule = {},
): string | undefined {
  return value === undefined ? undefined : checkString(field, value, { allowEmpty: true, ...rule });
}

/** An http(s) URL, as WeChat opens it on the phone. */
export function checkUrl(field: string, value: unknown): string {
  const url = checkString(field, value);
  if (!/^https?:\/\/[^\s]+$/i.test(url)) throw new ValidationError(field, 'must be an http(s) URL');
  return url;
}

/** Options objects must be objects; a clear error beats "cannot read properties of undefined". */
export function checkObject<T extends object>(field: string, value: T | undefined): T {
  if (typeof value !== 'object' || value === null) throw new ValidationError(field, 'must be an object');
  return value;
}
