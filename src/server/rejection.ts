import { DecryptError, ParseError, PayloadTooLargeError, SignatureError } from '../errors.js';

/** A refusal that has no error class of its own (405, 415, a malformed query). Internal. */
export class Rejection extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = 'Rejection';
    this.status = status;
  }
}

/**
 * The HTTP status for an error of the push pipeline (DESIGN §7): 401 bad signature or stale
 * timestamp, 400 malformed, 413 too large; anything unexpected is our bug, 500.
 */
export function statusOf(error: unknown): number {
  if (error instanceof Rejection) return error.status;
  if (error instanceof SignatureError) return 401;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof DecryptError || error instanceof ParseError) return 400;
  return 500;
}
