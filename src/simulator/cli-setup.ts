import { randomBytes, randomInt } from 'node:crypto';
import { ConfigError } from '../errors.js';
import type { AccountKind } from '../options.js';
import type { PushFormat, PushMode, SimulatorApp } from './types.js';

/** The credentials and push settings of `wechat-cs simulate`, as flags or `WECHAT_*` give them. */
export interface SimulateInput {
  appId: string | undefined;
  secret: string | undefined;
  token: string | undefined;
  aesKey: string | undefined;
  kind: string | undefined;
  webhook: string | undefined;
  format: string | undefined;
  mode: string | undefined;
}

/** The app to simulate, and which of its credentials were made up here (to be printed). */
export interface SimulateSetup {
  app: SimulatorApp & { format: PushFormat; mode: PushMode };
  generated: ReadonlySet<'appId' | 'secret' | 'token' | 'aesKey'>;
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits: what the console's "随机生成" produces for Token and EncodingAESKey. */
export function randomAlnum(length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[randomInt(ALNUM.length)];
  return out;
}

/**
 * Fills in what is missing so the simulator runs with no configuration at all: a test AppID,
 * AppSecret, Token and EncodingAESKey are generated (and reported, so the bot can use them).
 * Format defaults to XML, mode to safe (the console's recommendation, SPEC §1.4).
 */
export function resolveSetup(input: SimulateInput): SimulateSetup {
  const generated = new Set<'appId' | 'secret' | 'token' | 'aesKey'>();
  const pick = (
    name: 'appId' | 'secret' | 'token' | 'aesKey',
    value: string | undefined,
    make: () => string,
  ) => {
    if (value !== undefined) return value;
    generated.add(name);
    return make();
  };
  const kind = oneOf('kind', input.kind ?? 'miniprogram', ['miniprogram', 'official-account'] as const);
  const format = oneOf('format', input.format ?? 'xml', ['xml', 'json'] as const);
  const mode = oneOf('mode', input.mode ?? 'safe', ['plain', 'compatible', 'safe'] as const);
  const app = {
    appId: pick('appId', input.appId, () => `wx${randomBytes(8).toString('hex')}`),
    secret: pick('secret', input.secret, () => randomBytes(16).toString('hex')),
    token: pick('token', input.token, () => randomAlnum(32)),
    // A plaintext setup gets no made-up key: a bot given one would refuse plaintext pushes.
    ...(mode === 'plain' && input.aesKey === undefined
      ? {}
      : { aesKey: pick('aesKey', input.aesKey, () => randomAlnum(43)) }),
    kind: kind as AccountKind,
    format,
    mode,
    ...(input.webhook === undefined ? {} : { webhook: input.webhook }),
  };
  return { app, generated };
}

function oneOf<const T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(option, `must be ${allowed.join(', ')}; got ${JSON.stringify(value)}`);
  }
  return value as T;
}
