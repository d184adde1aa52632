/**
 * The access token as it is kept in process and in the shared Cache (DESIGN §5): the token with
 * its absolute expiry and the moment to refresh it, all epoch ms.
 */
export interface TokenRecord {
  readonly token: string;
  /** When WeChat stops accepting the token. */
  readonly expiresAt: number;
  /** When to fetch a new one: `expiresAt - min(300 s, lifetime / 2)`. */
  readonly refreshAt: number;
}

/** The most a token is refreshed ahead of its expiry. */
export const MAX_REFRESH_MARGIN_MS = 300_000;

/**
 * A usable token lifetime: a finite number > 0. Infinity would pass `> 0`, but JSON writes it as
 * `null`, so the Cache record would be unreadable (a miss) in every other process.
 */
export function isLifetime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

/**
 * A record for a token that lives `lifetimeMs` from `now`. The margin is capped at half the
 * lifetime: stable_token hands back the *same* token with its remaining lifetime (SPEC §7.2), so a
 * fixed 300 s margin would refetch on every call in the token's last five minutes.
 */
export function recordFor(token: string, lifetimeMs: number, now: number): TokenRecord {
  const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 2);
  return { token, expiresAt: now + lifetimeMs, refreshAt: now + lifetimeMs - margin };
}

/** The Cache value for `record`. */
export function encodeRecord(record: TokenRecord): string {
  return JSON.stringify({ token: record.token, expiresAt: record.expiresAt, refreshAt: record.refreshAt });
}

/** Reads a Cache value; anything malformed (another SDK's format, a truncated write) is a miss. */
export function decodeRecord(raw: string | undefined): TokenRecord | undefined {
  if (raw === undefined) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<TokenRecord> | null;
    if (
      typeof value?.token === 'string' &&
      value.token !== '' &&
      typeof value.expiresAt === 'number' &&
      typeof value.refreshAt === 'number'
    ) {
      return { token: value.token, expiresAt: value.expiresAt, refreshAt: value.refreshAt };
    }
  } catch {
    // a miss, below
  }
  return undefined;
}
