import type { AccessTokenManager } from '../auth/access-token.js';
import { AccessTokenError } from '../errors.js';
import type { Download, HttpClient, HttpRequest, WholeDownload } from '../http/client.js';

/** An API call without its token: {@link ApiClient} adds `access_token` to the query. */
export type ApiCall = HttpRequest;

/**
 * Authenticated calls: puts the access token in the query and, when WeChat refuses it
 * (40001/40014/42001), replays the call exactly once with the replacement token (DESIGN §5). A
 * refused token means WeChat did not act on the call, so replaying a message send is safe.
 */
export class ApiClient {
  readonly #http: HttpClient;
  readonly #tokens: AccessTokenManager;
  /** The last token and its query form, so the hot path encodes it once per token, not per call. */
  #encoded: { token: string; query: string } = { token: '', query: '' };

  constructor(http: HttpClient, tokens: AccessTokenManager) {
    this.#http = http;
    this.#tokens = tokens;
  }

  /** A JSON call; resolves with WeChat's answer, rejects with the ApiError subclass of its errcode. */
  json<T extends object>(call: ApiCall): Promise<T> {
    return this.#authenticated(call, this.#sendJson) as Promise<T>;
  }

  /** A download (media): the body stream, or the JSON WeChat answered instead. */
  download(call: ApiCall): Promise<Download> {
    return this.#authenticated(call, this.#sendDownload);
  }

  /** A download read whole (at most `maxBytes`) within the call's timeout. */
  downloadWhole(call: ApiCall, maxBytes: number): Promise<WholeDownload> {
    return this.#authenticated(call, (request, auth) => this.#http.downloadWhole(request, maxBytes, auth));
  }

  // Made once: a closure per call would be garbage on the send hot path.
  readonly #sendJson: Send<object> = (request, auth) => this.#http.json(request, auth);
  readonly #sendDownload: Send<Download> = (request, auth) => this.#http.download(request, auth);

  async #authenticated<T>(call: ApiCall, send: Send<T>): Promise<T> {
    const token = this.#tokens.peek() ?? (await this.#tokens.getToken({ signal: call.signal }));
    try {
      return await send(call, this.#authQuery(token));
    } catch (error) {
      if (!(error instanceof AccessTokenError)) throw error;
      const replacement = await this.#tokens.replacementFor(token, error, call.signal);
      return send(call, this.#authQuery(replacement));
    }
  }

  /** `access_token=…`, encoded once per token rather than per call. */
  #authQuery(token: string): string {
    if (this.#encoded.token !== token) {
      this.#encoded = { token, query: `access_token=${encodeURIComponent(token)}` };
    }
    return this.#encoded.query;
  }
}

/** Sends `request` with the `access_token=…` query part `auth`. */
type Send<T> = (request: HttpRequest, auth: string) => Promise<T>;
