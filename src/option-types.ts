import type { Dispatcher } from 'undici';
import type { Cache } from './auth/cache.js';
import { ConfigError } from './errors.js';
import type { Logger } from './logger.js';
import type { AccessTokenProvider } from './options.js';
import { kindOf } from './options-arg.js';

/**
 * Shape checks for the options plain-JS callers can get wrong in ways TypeScript would have
 * caught: a wrong type here would otherwise surface as a TypeError deep in the first API call
 * or push (DESIGN §3: fail at `new Application()`, naming the option and the fix). `null` means
 * "not given", as the `??` defaults always treated it.
 */

const CACHE_METHODS = ['get', 'set', 'delete', 'add', 'compareAndDelete'] as const;
const LOGGER_METHODS = ['debug', 'info', 'warn', 'error'] as const;

/** A nested options object (`http`, `server`, `media`, `media.maxBytes`); absent → `{}`. */
export function section<T extends object>(option: string, value: T | null | undefined): T {
  if (value === undefined || value === null) return {} as T;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(option, `must be an object of options, got ${kindOf(value)}`);
  }
  return value;
}

export function flag(option: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') {
    throw new ConfigError(option, `must be true or false, got ${kindOf(value)}`);
  }
  return value;
}

export function checkProvider(value: unknown): AccessTokenProvider | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'function') {
    throw new ConfigError(
      'accessToken',
      `must be a function ({ forceRefresh }) => Promise<{ token, expiresIn }> (expiresIn in ms), got ${kindOf(value)}; ` +
        'to use a fixed token, leave accessToken out and call app.accessToken.setToken(token, ttlMs)',
    );
  }
  return value as AccessTokenProvider;
}

export function checkCache(value: unknown): Cache | undefined {
  return withMethods<Cache>(
    'cache',
    value,
    CACHE_METHODS,
    "must implement the Cache interface (async get, set, delete, add, compareAndDelete): use new MemoryCache() or RedisCache from 'wechat-customer-service/redis'",
  );
}

export function checkLogger(value: unknown): Logger | undefined {
  return withMethods<Logger>(
    'logger',
    value,
    LOGGER_METHODS,
    'must have debug, info, warn and error methods (a pino logger fits)',
  );
}

export function checkClock(value: unknown): (() => number) | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'function') {
    throw new ConfigError(
      'clock',
      `must be a function returning epoch ms, like Date.now; got ${kindOf(value)}`,
    );
  }
  return value as () => number;
}

export function checkDispatcher(value: unknown): Dispatcher | undefined {
  return withMethods<Dispatcher>(
    'http.dispatcher',
    value,
    ['dispatch'],
    'must be an undici Dispatcher (Agent, ProxyAgent, MockAgent)',
  );
}

/** `value` if it has every method of `names`; absent → `undefined`; else a ConfigError naming the missing ones. */
function withMethods<T>(
  option: string,
  value: unknown,
  names: readonly string[],
  rule: string,
): T | undefined {
  if (value === undefined || value === null) return undefined;
  const missing =
    typeof value === 'object' || typeof value === 'function'
      ? names.filter((name) => typeof (value as Record<string, unknown>)[name] !== 'function')
      : names;
  if (missing.length > 0) throw new ConfigError(option, `${rule}; missing ${missing.join(', ')}`);
  return value as T;
}
