import { HttpError } from '../errors.js';
import type { HttpClient, RequestOptions } from '../http/client.js';
import { isLifetime } from './token-record.js';

/** A token as WeChat handed it out; the lifetime converted to ms (DESIGN §1.3). */
export interface FetchedToken {
  token: string;
  lifetimeMs: number;
}

export interface TokenFetch {
  appId: string;
  secret: string;
  /** `/cgi-bin/stable_token` (SPEC §7.2) or the classic `/cgi-bin/token` (§7.1). */
  stable: boolean;
  /** stable_token only: invalidate the current token now (20 a day, 30 s apart). */
  force: boolean;
}

interface TokenAnswer {
  access_token?: unknown;
  expires_in?: unknown;
}

/**
 * Fetches a token from WeChat. Retried like a GET, except a forced refresh: a retry after it may
 * have reached WeChat would spend a second one of the 20 a day.
 */
export async function fetchToken(
  http: HttpClient,
  fetch: TokenFetch,
  options: RequestOptions = {},
): Promise<FetchedToken> {
  const answer = fetch.stable
    ? await http.json<TokenAnswer>({
        ...options,
        method: 'POST',
        path: '/cgi-bin/stable_token',
        body: JSON.stringify({
          grant_type: 'client_credential',
          appid: fetch.appId,
          secret: fetch.secret,
          force_refresh: fetch.force,
        }),
        retry: fetch.force ? 'unsent-only' : 'idempotent',
      })
    : await http.json<TokenAnswer>({
        ...options,
        method: 'GET',
        path: '/cgi-bin/token',
        query: `grant_type=client_credential&appid=${encodeURIComponent(fetch.appId)}&secret=${encodeURIComponent(fetch.secret)}`,
        retry: 'idempotent',
      });
  return checkAnswer(answer, fetch.stable ? '/cgi-bin/stable_token' : '/cgi-bin/token');
}

function checkAnswer(answer: TokenAnswer, path: string): FetchedToken {
  const { access_token: token, expires_in: seconds } = answer;
  if (typeof token !== 'string' || token === '' || !isLifetime(seconds)) {
    throw new HttpError(200, path, {
      cause: new Error('the answer has no access_token and positive expires_in'),
    });
  }
  return { token, lifetimeMs: seconds * 1000 };
}
