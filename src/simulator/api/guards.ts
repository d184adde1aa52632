import type { AppInfo } from './apps.js';
import { ApiFailure } from './errcodes.js';
import type { RouteContext } from './services.js';

/** 43002 "require POST method" / 43001 "require GET method". */
export function requireMethod(context: RouteContext, method: 'GET' | 'POST'): void {
  if (context.method !== method) throw new ApiFailure(method === 'POST' ? 43002 : 43001);
}

/** The app of the request's `access_token` query parameter (41001, 40014, 40001, 42001). */
export function authenticate(context: RouteContext): AppInfo {
  const appId = context.services.tokens.verify(context.query.get('access_token'));
  const app = context.services.apps.get(appId);
  if (app === undefined) throw new ApiFailure(40001);
  return app;
}

/**
 * A `\uXXXX` escape in the raw JSON (an odd number of backslashes before the `u`, so an escaped
 * backslash followed by "u0041" is plain text). WeChat checks the bytes, not the parsed value.
 */
const UNICODE_ESCAPE = /(?<!\\)(?:\\\\)*\\u[0-9a-fA-F]{4}/;

/**
 * The JSON object body: 45002 over the size limit, 44002 empty, 40033 with `\uXXXX` escapes
 * (SPEC §4.1), 47001 not a JSON object.
 */
export async function readJsonObject(context: RouteContext): Promise<Record<string, unknown>> {
  const result = await context.readBody(context.services.maxJsonBytes);
  if (result.tooLarge) throw new ApiFailure(45002, 'request body too large');
  const text = result.body.toString('utf8');
  if (text.trim() === '') throw new ApiFailure(44002);
  if (UNICODE_ESCAPE.test(text)) throw new ApiFailure(40033);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ApiFailure(47001, 'body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiFailure(47001, 'body must be a JSON object');
  }
  return value as Record<string, unknown>;
}

/** A required non-empty string field (47001 otherwise). */
export function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new ApiFailure(47001, `${field} missing`);
  return value;
}
