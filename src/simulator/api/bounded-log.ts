/** An append-only list that keeps the newest `max` entries (memory stays bounded in long runs). */
export class BoundedLog<T> {
  readonly #items: T[] = [];
  readonly #max: number;

  constructor(max: number) {
    this.#max = max;
  }

  push(item: T): void {
    this.#items.push(item);
    if (this.#items.length > this.#max) this.#items.shift();
  }

  /** The entries, oldest first. */
  all(): readonly T[] {
    return this.#items;
  }
}
