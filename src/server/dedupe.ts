import type { InboundMessage } from '../messages/inbound.js';
import type { Settings } from '../options.js';
import type { PushQuery } from './query.js';

/** At least a minute, as WeChat's retries may come that late (SPEC §3.3). */
const MIN_TTL = 60_000;

/**
 * De-duplication (DESIGN §7): a push whose message was seen, or whose (timestamp, nonce,
 * signature) was seen, runs no handler again. Keys live in the app's `Cache` via `add`, so a
 * shared store makes this cluster-wide. Written only after verification.
 */
export class Deduplicator {
  readonly #settings: Settings;

  constructor(settings: Settings) {
    this.#settings = settings;
  }

  /** `true` if this push (or its message) was already accepted. */
  async seen(query: PushQuery, message: InboundMessage): Promise<boolean> {
    const { server, dedupeCache, appId } = this.#settings;
    if (!server.dedupe) return false;
    // Lower case: the signature check accepts either case, so a case change must not dodge the cache.
    const replayKey = `replay:${appId}:${query.timestamp}:${query.nonce}:${query.signature?.toLowerCase()}`;
    const messageKey = `push:${appId}:${messageKeyOf(message)}`;
    try {
      const [freshRequest, freshMessage] = await Promise.all([
        dedupeCache.add(replayKey, '1', this.#replayTtl(query.timestamp)),
        dedupeCache.add(messageKey, '1', this.#messageTtl()),
      ]);
      return !(freshRequest && freshMessage);
    } catch (error) {
      // A cache outage must not silence the bot: handle the push, at the risk of a repeat.
      this.#settings.logger.warn({ err: error }, 'de-duplication cache failed; handling the push anyway');
      return false;
    }
  }

  /** maxClockSkew + deadline: a replay inside the accepted window is still a duplicate. */
  #messageTtl(): number {
    const { maxClockSkew, deadline } = this.#settings.server;
    return Math.max(MIN_TTL, (maxClockSkew === false ? 0 : maxClockSkew) + deadline);
  }

  /** Until the timestamp leaves the accepted window (it may lie ahead of our clock by maxClockSkew). */
  #replayTtl(timestamp: string | undefined): number {
    const { maxClockSkew, deadline } = this.#settings.server;
    if (maxClockSkew === false) return this.#messageTtl();
    const leavesWindow = Number(timestamp) * 1000 + maxClockSkew - this.#settings.clock();
    return Math.max(MIN_TTL, leavesWindow + deadline);
  }
}

/** `MsgId` for messages, else `FromUserName + CreateTime + Event` (SPEC §3.3). */
export function messageKeyOf(message: InboundMessage): string {
  const fields = message as Readonly<Record<string, unknown>>;
  if (typeof fields.MsgId === 'string' && fields.MsgId !== '') return `id:${fields.MsgId}`;
  return `ev:${String(fields.FromUserName ?? '')}:${String(fields.CreateTime ?? '')}:${String(fields.Event ?? '')}`;
}
