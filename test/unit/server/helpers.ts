import type { CustomerService } from '../../../src/api/customer-service.js';
import type { Typing } from '../../../src/api/typing.js';
import type { Logger } from '../../../src/logger.js';
import type { OutgoingMessage } from '../../../src/messages/message.js';
import { type AccountKind, type ApplicationOptions, resolveOptions } from '../../../src/options.js';
import { Server } from '../../../src/server/server.js';

export interface LogEntry {
  level: keyof Logger;
  context: Record<string, unknown>;
  message: string;
}

/** A logger that keeps what it is told. */
export function recordingLogger(): Logger & { entries: LogEntry[] } {
  const entries: LogEntry[] = [];
  const at =
    (level: keyof Logger) =>
    (context: Record<string, unknown>, message: string): void => {
      entries.push({ level, context, message });
    };
  return { entries, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Sent {
  openid: string;
  message: OutgoingMessage | string;
}

/** Fake services recording what the server asks of them. `fail` makes sends reject. */
export function fakeServices<K extends AccountKind>() {
  const sent: Sent[] = [];
  const typing: { openid: string; command: string }[] = [];
  /** `fail` makes sends reject; `gate` holds every send until it settles. */
  const state = { fail: undefined as Error | undefined, gate: undefined as Promise<void> | undefined };
  const customerService = {
    message: (message: OutgoingMessage | string) => ({
      to: (openid: string) => ({
        send: async () => {
          if (state.gate) await state.gate;
          if (state.fail) throw state.fail;
          sent.push({ openid, message });
          return { errcode: 0, errmsg: 'ok' };
        },
      }),
    }),
  } as unknown as CustomerService<K>;
  const typingService = {
    set: async (openid: string, command = 'Typing') => {
      typing.push({ openid, command });
      return { errcode: 0, errmsg: 'ok' };
    },
  } as unknown as Typing;
  return {
    sent,
    typing,
    state,
    services: { customerService: () => customerService, typing: () => typingService },
  };
}

/** A Server on resolved options, with fake services and a recording logger. */
export function makeServer<K extends AccountKind = 'miniprogram'>(options: ApplicationOptions<K>) {
  const logger = recordingLogger();
  const { settings, credentials } = resolveOptions({ logger, ...options });
  const fakes = fakeServices<K>();
  const server = new Server<K>(settings, credentials, fakes.services);
  return { server, logger, settings, ...fakes };
}

/** Settles once everything queued so far (microtasks and immediate timers) has run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const OTHER_AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const APP_ID = 'wx1234567890abcdef';
export const TOKEN = 'test_token_123';

export { deferred } from '../../helpers/deferred.js';
