/**
 * A pino-compatible logger: `logger.warn({ errcode }, 'message')`. pino, bunyan-style wrappers
 * and `console` adapters all fit. The SDK never logs a secret, a token or a request body.
 */
export type LogFn = (context: Record<string, unknown>, message: string) => void;

export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
}

const PREFIX = '[wechat-customer-service]';
const silent: LogFn = () => {};

/** The default: warnings and errors to the console, debug/info dropped. */
export const consoleLogger: Logger = {
  debug: silent,
  info: silent,
  warn: (context, message) => console.warn(PREFIX, message, context),
  error: (context, message) => console.error(PREFIX, message, context),
};

/** Drops everything (tests, benchmarks). */
export const silentLogger: Logger = { debug: silent, info: silent, warn: silent, error: silent };
