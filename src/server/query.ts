/**
 * The query of a push URL, split by hand: URLSearchParams costs ~4× as much on the hot path
 * (DESIGN §1.7), and we only need a handful of keys.
 */

/** The query parameters WeChat signs or sends (SPEC §1.2, §1.3). */
export interface PushQuery {
  readonly signature: string | undefined;
  readonly timestamp: string | undefined;
  readonly nonce: string | undefined;
  readonly echostr: string | undefined;
  readonly encrypt_type: string | undefined;
  readonly msg_signature: string | undefined;
}

type Key = keyof PushQuery;
const KEYS: ReadonlySet<string> = new Set<Key>([
  'signature',
  'timestamp',
  'nonce',
  'echostr',
  'encrypt_type',
  'msg_signature',
]);

/**
 * Reads the push parameters from `url` (a path with a query, or an absolute URL). A repeated
 * parameter keeps its first value (DESIGN §1.2); other parameters are ignored.
 * Returns `undefined` when a value is not valid percent-encoding.
 */
export function parsePushQuery(url: string): PushQuery | undefined {
  const found: Record<string, string> = Object.create(null);
  const start = url.indexOf('?');
  if (start === -1) return toQuery(found);
  const end = url.indexOf('#', start);
  const query = end === -1 ? url.slice(start + 1) : url.slice(start + 1, end);
  let from = 0;
  while (from <= query.length) {
    let to = query.indexOf('&', from);
    if (to === -1) to = query.length;
    const eq = query.indexOf('=', from);
    const hasValue = eq !== -1 && eq < to;
    const name = query.slice(from, hasValue ? eq : to);
    if (KEYS.has(name) && found[name] === undefined) {
      const value = decode(hasValue ? query.slice(eq + 1, to) : '');
      if (value === undefined) return undefined;
      found[name] = value;
    }
    from = to + 1;
  }
  return toQuery(found);
}

function toQuery(found: Record<string, string>): PushQuery {
  return {
    signature: found.signature,
    timestamp: found.timestamp,
    nonce: found.nonce,
    echostr: found.echostr,
    encrypt_type: found.encrypt_type,
    msg_signature: found.msg_signature,
  };
}

/** Form-style decoding (`+` is a space), as WeChat's echostr may carry base64 `+`→`%2B`. */
function decode(raw: string): string | undefined {
  if (raw.indexOf('%') === -1 && raw.indexOf('+') === -1) return raw;
  try {
    return decodeURIComponent(raw.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
