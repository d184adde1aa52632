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
    return this.#authenticated(call, (request) => this.#http.json<T>(request));
  }

  /** A download (media): the body stream, or the JSON WeChat answered instead. */
  download(call: ApiCall): Promise<Download> {
    return this.#authenticated(call, (request) => this.#http.download(request));
  }

  /** A download read whole (at most `maxBytes`) within the call's timeout. */
  downloadWhole(call: ApiCall, maxBytes: number): Promise<WholeDownload> {
    return this.#authenticated(call, (request) => this.#http.downloadWhole(request, maxBytes));
  }

  async #authenticated<T>(call: ApiCall, send: (request: HttpRequest) => Promise<T>): Promise<T> {
    const token = this.#tokens.peek() ?? (await this.#tokens.getToken({ signal: call.signal }));
    try {
      return await send(this.#withToken(call, token));
    } catch (error) {
      if (!(error instanceof AccessTokenError)) throw error;
      const replacement = await this.#tokens.replacementFor(token, error, call.signal);
      return send(this.#withToken(call, replacement));
    }
  }

  #withToken(call: ApiCall, token: string): HttpRequest {
    if (this.#encoded.token !== token) {
      this.#encoded = { token, query: `access_token=${encodeURIComponent(token)}` };
    }
    const auth = this.#encoded.query;
    return { ...call, query: call.query ? `${auth}&${call.query}` : auth };
  }
}
