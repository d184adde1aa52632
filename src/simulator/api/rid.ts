import { randomBytes } from 'node:crypto';

/**
 * A WeChat-style request id `xxxxxxxx-xxxxxxxx-xxxxxxxx` (SPEC §9.2): the first group is the
 * Unix time in hex, as in real rids (`691d5b03-…`), the rest random.
 */
export function createRid(nowMs: number): string {
  const seconds = Math.floor(nowMs / 1000) >>> 0;
  const random = randomBytes(8).toString('hex');
  return `${seconds.toString(16).padStart(8, '0')}-${random.slice(0, 8)}-${random.slice(8)}`;
}
