/**
 * Keeps credentials out of everything the CLI prints (TEAM rules, DESIGN §1.2): the AppSecret,
 * the push Token, the EncodingAESKey and any access token the command saw.
 */

/** Values shorter than this are not searched for: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 4;

/** What a redacted value looks like in output. */
export const REDACTED = '[redacted]';

/**
 * Replaces every occurrence of every secret in `text` with {@link REDACTED}. Longer secrets go
 * first, so a secret that contains another is replaced whole.
 *
 * @example redactSecrets('secret=abcdef', ['abcdef']) // 'secret=[redacted]'
 */
export function redactSecrets(text: string, secrets: Iterable<string>): string {
  const sorted = [...new Set(secrets)]
    .filter((secret) => secret.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
  let result = text;
  for (const secret of sorted) result = result.split(secret).join(REDACTED);
  // Query parameters that carry credentials, whatever their value (a URL in an error message).
  return result.replace(/([?&](?:access_token|secret)=)[^&#\s"']*/gi, `$1${REDACTED}`);
}

/**
 * Describes a credential without showing any of it: `set (32 characters)`.
 *
 * @example describeSecret(undefined) // 'not set'
 */
export function describeSecret(value: string | undefined): string {
  return value === undefined ? 'not set' : `set (${value.length} characters)`;
}
