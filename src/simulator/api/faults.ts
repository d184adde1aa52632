import { ConfigError } from '../../errors.js';
import type { Fault } from './types.js';

interface Pending {
  fault: Fault;
  remaining: number;
}

/** Faults queued by `world.inject`, taken by the next requests on their path, in order. */
export class FaultQueue {
  readonly #byPath = new Map<string, Pending[]>();

  add(path: string, fault: Fault, times = 1): void {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      throw new ConfigError('path', 'must be a request path such as /cgi-bin/message/custom/send');
    }
    if (!Number.isInteger(times) || times < 1) throw new ConfigError('times', 'must be a positive integer');
    checkFault(fault);
    const queue = this.#byPath.get(path) ?? [];
    queue.push({ fault, remaining: times });
    this.#byPath.set(path, queue);
  }

  /** The fault for this request on `path`, if any is pending. */
  take(path: string): Fault | undefined {
    const queue = this.#byPath.get(path);
    const head = queue?.[0];
    if (queue === undefined || head === undefined) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) queue.shift();
    if (queue.length === 0) this.#byPath.delete(path);
    return head.fault;
  }
}

function checkFault(fault: Fault): void {
  if (typeof fault !== 'object' || fault === null) throw new ConfigError('fault', 'must be an object');
  const ok =
    ('errcode' in fault && Number.isInteger(fault.errcode)) ||
    ('status' in fault && Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599) ||
    ('delayMs' in fault && Number.isFinite(fault.delayMs) && fault.delayMs >= 0) ||
    ('destroy' in fault && fault.destroy === true);
  if (!ok) {
    throw new ConfigError('fault', 'use { errcode }, { status, body? }, { delayMs } or { destroy: true }');
  }
}
