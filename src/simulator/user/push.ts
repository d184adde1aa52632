import { createTestPush, type TestFields } from '../../testing/index.js';
import type { PushFormat, PushMode } from '../types.js';

/** One push as WeChat POSTs it to the webhook; retries send exactly this again (SPEC §3.3). */
export interface PushRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What {@link buildPush} needs. Token and aesKey are passed through, never kept. */
export interface PushInput {
  webhook: string;
  format: PushFormat;
  mode: PushMode;
  appId: string;
  token: string;
  aesKey: string | undefined;
  openid: string;
  /** The message's fields; `ToUserName`, `FromUserName` and `CreateTime` included. */
  fields: TestFields;
  /** Unix seconds. */
  timestamp: number;
}

/** The query parameters in the order WeChat sends them (SPEC §1.3 and the official example). */
const QUERY_ORDER = ['signature', 'timestamp', 'nonce', 'openid', 'encrypt_type', 'msg_signature'];

/**
 * Signs (and in compatible/safe mode encrypts) a push with the SDK's own `createTestPush`, adds
 * the `openid` query parameter WeChat sends beside the signature, and targets the webhook URL
 * (keeping any query it already has).
 */
export function buildPush(input: PushInput): PushRequest {
  const test = createTestPush({
    appId: input.appId,
    token: input.token,
    ...(input.aesKey === undefined ? {} : { aesKey: input.aesKey }),
    message: input.fields,
    format: input.format,
    mode: input.mode,
    timestamp: input.timestamp,
  });
  const signed = new URLSearchParams(test.url.slice(test.url.indexOf('?') + 1));
  signed.set('openid', input.openid);
  const target = new URL(input.webhook);
  for (const name of QUERY_ORDER) {
    const value = signed.get(name);
    if (value !== null) target.searchParams.append(name, value);
  }
  return {
    url: target.href,
    headers: {
      'content-type': input.format === 'xml' ? 'text/xml' : 'application/json',
      'user-agent': 'Mozilla/4.0',
    },
    body: test.body,
  };
}
