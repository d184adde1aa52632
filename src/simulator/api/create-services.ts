import { ConfigError } from '../../errors.js';
import { AppRegistry } from './apps.js';
import { BoundedLog } from './bounded-log.js';
import { Conversations } from './conversations.js';
import { FaultQueue } from './faults.js';
import { Feed } from './feed.js';
import { ForceRefreshLimiter } from './force-refresh.js';
import { DEFAULT_MEDIA_MAX_BYTES } from './media-formats.js';
import { MediaStore } from './media-store.js';
import type { Services } from './services.js';
import { TokenStore } from './tokens.js';
import type { FakeApiOptions, FakeMediaType } from './types.js';
import { TypingStore } from './typing-store.js';

/** Checks the options and builds the fake API's state. */
export function createServices(options: FakeApiOptions): Services {
  if (typeof options !== 'object' || options === null)
    throw new ConfigError('options', 'pass { apps: [...] }');
  const clock = options.clock ?? Date.now;
  if (typeof clock !== 'function') throw new ConfigError('clock', 'must be a function returning epoch ms');
  const maxRecords = positive('maxRecords', options.maxRecords ?? 10_000);
  return {
    clock,
    apps: new AppRegistry(options.apps),
    tokens: new TokenStore(clock, positive('tokenTtlSeconds', options.tokenTtlSeconds ?? 7200)),
    forceRefresh: new ForceRefreshLimiter(),
    conversations: new Conversations(),
    typing: new TypingStore(),
    media: new MediaStore(),
    feed: new Feed(maxRecords),
    faults: new FaultQueue(),
    requests: new BoundedLog(maxRecords),
    allowedIps: allowedIps(options.allowedIps),
    mediaMaxBytes: mediaLimits(options.mediaMaxBytes),
    maxJsonBytes: positive('maxJsonBytes', options.maxJsonBytes ?? 65_536),
    baseUrl: '',
  };
}

function positive(option: string, value: number): number {
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(option, 'must be a positive integer');
  return value;
}

function allowedIps(ips: string[] | undefined): readonly string[] | undefined {
  if (ips === undefined) return undefined;
  if (!Array.isArray(ips) || ips.some((ip) => typeof ip !== 'string')) {
    throw new ConfigError('allowedIps', 'must be an array of IP strings');
  }
  return [...ips];
}

function mediaLimits(limits: FakeApiOptions['mediaMaxBytes']): Readonly<Record<FakeMediaType, number>> {
  const merged = { ...DEFAULT_MEDIA_MAX_BYTES };
  for (const [type, bytes] of Object.entries(limits ?? {})) {
    if (!Object.hasOwn(merged, type)) throw new ConfigError(`mediaMaxBytes.${type}`, 'is not a media type');
    merged[type as FakeMediaType] = positive(`mediaMaxBytes.${type}`, bytes);
  }
  return merged;
}
