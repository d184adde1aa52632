import { ValidationError } from '../../errors.js';
import type { DeliveryOutcome, SimulatedUser } from '../types.js';

/** What the page posts to `/sim/action`. */
type ActionBody = Record<string, unknown>;

/** Finds (or creates) the user the page acts as; throws a ConfigError for an unknown app. */
export type UserLookup = (openid: string, appId: string | undefined) => SimulatedUser;

/**
 * Runs one action of the chat page as the user: `say`, `image` (base64 bytes), `card` or
 * `enter`. Bad input is a {@link ValidationError} (HTTP 400), never a crash.
 */
export async function runAction(body: unknown, lookup: UserLookup): Promise<DeliveryOutcome> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('body', 'must be a JSON object');
  }
  const input = body as ActionBody;
  const appId = optionalString(input, 'appId');
  const user = lookup(requiredString(input, 'openid'), appId);
  switch (input.action) {
    case 'say':
      return user.say(requiredString(input, 'text'));
    case 'image':
      return user.sendImage(base64(requiredString(input, 'data')), withFilename(input));
    case 'card':
      return user.sendMiniProgramCard({
        title: requiredString(input, 'title'),
        pagePath: requiredString(input, 'pagePath'),
      });
    case 'enter':
      return user.enterSession(optionalString(input, 'sessionFrom') ?? '');
    default:
      throw new ValidationError('action', "must be 'say', 'image', 'card' or 'enter'");
  }
}

function withFilename(input: ActionBody): { filename?: string } {
  const filename = optionalString(input, 'filename');
  // Only the base name, in case a browser sends a path.
  return filename === undefined ? {} : { filename: filename.split(/[\\/]/).pop() || 'image' };
}

function requiredString(input: ActionBody, name: string): string {
  const value = input[name];
  if (typeof value !== 'string' || value === '')
    throw new ValidationError(name, 'must be a non-empty string');
  return value;
}

function optionalString(input: ActionBody, name: string): string | undefined {
  const value = input[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ValidationError(name, 'must be a string');
  return value;
}

function base64(value: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new ValidationError('data', 'must be base64');
  return Buffer.from(value, 'base64');
}
