/** Injected `delayMs` faults in flight; `close()` cancels them so nothing outlives the server. */
export class Delays {
  readonly #pending = new Map<NodeJS.Timeout, (finished: boolean) => void>();

  /** Resolves true after `ms`, or false if cancelled first. The only sleep in the fake API. */
  wait(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.#pending.delete(timer);
        resolve(true);
      }, ms);
      this.#pending.set(timer, resolve);
    });
  }

  cancelAll(): void {
    for (const [timer, resolve] of this.#pending) {
      clearTimeout(timer);
      resolve(false);
    }
    this.#pending.clear();
  }
}
