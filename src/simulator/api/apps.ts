import { createHash, timingSafeEqual } from 'node:crypto';
import { ConfigError } from '../../errors.js';
import type { AccountKind } from '../../options.js';
import type { FakeApiApp } from './types.js';

/** An app as the routes see it; the secret stays inside {@link AppRegistry}. */
export interface AppInfo {
  readonly appId: string;
  readonly kind: AccountKind;
  readonly originalId: string;
}

/** The accounts served by one fake API; secrets live in a `#private` map (never printed). */
export class AppRegistry {
  readonly #apps = new Map<string, AppInfo>();
  readonly #secretDigests = new Map<string, Buffer>();

  constructor(apps: readonly FakeApiApp[]) {
    if (!Array.isArray(apps) || apps.length === 0) {
      throw new ConfigError('apps', 'list at least one app: [{ appId: "wx…", secret: "…" }]');
    }
    for (const [index, app] of apps.entries()) this.#add(app, index);
  }

  /** The app, or undefined if the fake API does not serve it. */
  get(appId: string): AppInfo | undefined {
    return this.#apps.get(appId);
  }

  /** The app; throws a ConfigError for a world hook called with an unknown appId. */
  require(appId: string): AppInfo {
    const app = this.#apps.get(appId);
    if (app === undefined)
      throw new ConfigError('appId', `${JSON.stringify(appId)} is not one of the fake API's apps`);
    return app;
  }

  /** Constant-time comparison of the given secret with the app's. */
  secretMatches(appId: string, secret: string): boolean {
    const expected = this.#secretDigests.get(appId);
    return expected !== undefined && timingSafeEqual(expected, digest(secret));
  }

  #add(app: FakeApiApp, index: number): void {
    const where = `apps[${index}]`;
    if (typeof app?.appId !== 'string' || app.appId === '')
      throw new ConfigError(`${where}.appId`, 'is required');
    if (typeof app.secret !== 'string' || app.secret === '')
      throw new ConfigError(`${where}.secret`, 'is required');
    const kind = app.kind ?? 'miniprogram';
    if (kind !== 'miniprogram' && kind !== 'official-account') {
      throw new ConfigError(`${where}.kind`, `must be 'miniprogram' or 'official-account'`);
    }
    if (this.#apps.has(app.appId)) throw new ConfigError(`${where}.appId`, `${app.appId} is listed twice`);
    const originalId = app.originalId ?? `gh_${app.appId.slice(2, 14)}`;
    this.#apps.set(app.appId, { appId: app.appId, kind, originalId });
    this.#secretDigests.set(app.appId, digest(app.secret));
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
