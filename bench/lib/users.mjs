// The users of the client benchmark: known to the fake API (they "sent a message"), so sends to
// them are inside WeChat's reply window (SPEC §4.3).
export const USERS = 64;

/** OpenID of user `i` (mod USERS). */
export const userOf = (i) => `o-bench-user-${i % USERS}`;
