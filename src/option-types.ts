import type { Dispatcher } from 'undici';
import type { Cache } from './auth/cache.js';
import { ConfigError } from './errors.js';
import type { Logger } from './logger.js';
import type { AccessTokenProvider } from './options.js';

/**
 * Shape checks for the options plain-JS callers can get wrong in ways TypeScript would have
 * caught: a wrong type here would otherwise surface as a TypeError deep in the first API call
 * or push (DESIGN §3: fail at `new Application()`, naming the option and the fix). `null` means
 * "not given", as the `??` defaults always treated it.
 */

const CACHE_METHODS = ['get', 'set', 'delete', 'add', 'compareAndDelete'] as const;
const LOGGER_METHODS = ['debug', 'info', 'warn', 'error'] as const;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return `a ${typeof value}`;
}

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
  if (value === undefined || value === null) return undefined;
  const missing = missingMethods(value, CACHE_METHODS);
  if (missing.length > 0) {
    throw new ConfigError(
      'cache',
      `must implement the Cache interface (async get, set, delete, add, compareAndDelete); missing ${missing.join(', ')}. ` +
        "Use new MemoryCache() or RedisCache from 'wechat-customer-service/redis'",
    );
  }
  return value as Cache;
}

export function checkLogger(value: unknown): Logger | undefined {
  if (value === undefined || value === null) return undefined;
  const missing = missingMethods(value, LOGGER_METHODS);
  if (missing.length > 0) {
    throw new ConfigError(
      'logger',
      `must have debug, info, warn and error methods (a pino logger fits); missing ${missing.join(', ')}`,
    );
  }
  return value as Logger;
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
  if (value === undefined || value === null) return undefined;
  if (missingMethods(value, ['dispatch']).length > 0) {
    throw new ConfigError('http.dispatcher', 'must be an undici Dispatcher (Agent, ProxyAgent, MockAgent)');
  }
  return value as Dispatcher;
}

function missingMethods(value: unknown, names: readonly string[]): string[] {
  if (typeof value !== 'object' || value === null) return [...names];
  return names.filter((name) => typeof (value as Record<string, unknown>)[name] !== 'function');
}
