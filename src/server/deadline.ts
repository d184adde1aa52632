/** What {@link withDeadline} resolves to when time ran out first. */
export const LATE: unique symbol = Symbol('late');

/**
 * `promise`'s value, or {@link LATE} after `ms` (DESIGN §7: WeChat waits 5 s, SPEC §3.2).
 * `promise` must not reject (the handler chain catches its own errors); it keeps running.
 */
export function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | typeof LATE> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms, LATE);
    promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}
