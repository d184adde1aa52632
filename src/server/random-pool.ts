import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for the 16-byte prefix of every ciphertext (SPEC §2.2), taken from a pool that is
 * refilled 4 KiB at a time: one `randomFillSync` per 256 replies instead of one per reply
 * (DESIGN §1.7).
 */
const POOL_SIZE = 4096;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/** `size` fresh random bytes (a view into the pool: copy them before the next call). */
export function randomBytesFromPool(size: number): Buffer {
  if (size > POOL_SIZE) return randomFillSync(Buffer.allocUnsafe(size));
  if (offset + size > POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + size);
  offset += size;
  return bytes;
}
