import { startsAt } from './text.js';

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

/**
 * Reads the push parameters from `url` (a path with a query, or an absolute URL). A repeated
 * parameter keeps its first value (DESIGN §1.2); other parameters are ignored. Names are compared
 * in place, without slicing them out. Returns `undefined` when a value is not valid
 * percent-encoding.
 */
export function parsePushQuery(url: string): PushQuery | undefined {
  const found: (string | undefined)[] = [undefined, undefined, undefined, undefined, undefined, undefined];
  const start = url.indexOf('?');
  const end = start === -1 ? -1 : url.indexOf('#', start);
  const stop = end === -1 ? url.length : end;
  let from = start === -1 ? stop : start + 1;
  // The next '=' at or after `from`, kept across pairs so a query of many bare names stays linear.
  let nextEq = -1;
  while (from < stop) {
    let to = url.indexOf('&', from);
    if (to === -1 || to > stop) to = stop;
    if (nextEq < from) {
      const at = url.indexOf('=', from);
      nextEq = at === -1 ? url.length : at;
    }
    const eq = Math.min(nextEq, to);
    const slot = slotOf(url, from, eq);
    if (slot !== -1 && found[slot] === undefined) {
      const value = decode(url.slice(Math.min(eq + 1, to), to));
      if (value === undefined) return undefined;
      found[slot] = value;
    }
    from = to + 1;
  }
  const [signature, timestamp, nonce, echostr, encrypt_type, msg_signature] = found;
  return { signature, timestamp, nonce, echostr, encrypt_type, msg_signature };
}

const NAMES = ['signature', 'timestamp', 'nonce', 'echostr', 'encrypt_type', 'msg_signature'] as const;

/** Which of {@link NAMES} the name `url[from, to)` is, or -1. */
function slotOf(url: string, from: number, to: number): number {
  const length = to - from;
  for (let slot = 0; slot < NAMES.length; slot++) {
    const name = NAMES[slot] as string;
    if (name.length === length && startsAt(url, name, from)) return slot;
  }
  return -1;
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
