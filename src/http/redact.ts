/**
 * Removes credentials from URLs before they reach an error, a log line or `util.inspect`
 * (DESIGN §1.2): the classic token endpoint carries `secret` in its query, every other API
 * carries `access_token`.
 */

/** Query parameters whose values are credentials (third-party variants included). */
const SECRET_PARAM =
  /(^|[?&])((?:access_token|secret|appsecret|component_access_token|authorizer_access_token)=)[^&#]*/gi;

/**
 * Replaces the value of every credential parameter in `url` (absolute URL, path or bare query)
 * with `***`.
 *
 * @example redactUrl('/cgi-bin/token?grant_type=client_credential&secret=abc') // '…&secret=***'
 */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAM, '$1$2***');
}
