/** What {@link Deadlines.race} resolves to when time ran out first. */
export const LATE: unique symbol = Symbol('late');

interface Waiting {
  readonly at: number;
  resolve: ((value: typeof LATE) => void) | undefined;
}

/**
 * The push deadline (DESIGN §7: WeChat waits 5 s, SPEC §3.2), for every push of a server at
 * once: one timer for all of them instead of a `setTimeout`/`clearTimeout` pair per push, which
 * costs more than parsing the push (DESIGN §1.7). The deadline is the same for every push, so
 * waiting pushes expire in arrival order: a queue, checked when its oldest entry is due.
 */
export class Deadlines {
  readonly #ms: number;
  readonly #now: () => number;
  #queue: Waiting[] = [];
  #head = 0;
  #waiting = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** @param now a monotonic clock in ms (wall-clock jumps must not move deadlines) */
  constructor(ms: number, now: () => number = () => performance.now()) {
    this.#ms = ms;
    this.#now = now;
  }

  /** `promise`'s value, or {@link LATE} after the deadline. `promise` must not reject; it keeps running. */
  race<T>(promise: Promise<T>): Promise<T | typeof LATE> {
    return new Promise<T | typeof LATE>((resolve) => {
      const entry: Waiting = { at: this.#now() + this.#ms, resolve };
      this.#queue.push(entry);
      this.#waiting++;
      if (this.#timer === undefined) this.#arm(this.#ms);
      else if (this.#waiting === 1) this.#timer.ref();
      promise.then((value) => {
        if (entry.resolve === undefined) return;
        entry.resolve = undefined;
        this.#done();
        resolve(value);
      });
    });
  }

  #done(): void {
    if (--this.#waiting > 0) return;
    // Nobody waits: forget the finished entries, and let the process exit if it wants to.
    this.#queue = [];
    this.#head = 0;
    this.#timer?.unref();
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(this.#fire, Math.max(1, Math.ceil(ms)));
    if (this.#waiting === 0) this.#timer.unref();
  }

  readonly #fire = (): void => {
    this.#timer = undefined;
    const now = this.#now();
    while (this.#head < this.#queue.length) {
      const entry = this.#queue[this.#head] as Waiting;
      if (entry.resolve !== undefined && entry.at > now) break;
      this.#head++;
      const resolve = entry.resolve;
      if (resolve === undefined) continue;
      entry.resolve = undefined;
      this.#waiting--;
      resolve(LATE);
    }
    this.#queue = this.#queue.slice(this.#head);
    this.#head = 0;
    const next = this.#queue[0];
    if (next !== undefined) this.#arm(next.at - now);
  };
}
