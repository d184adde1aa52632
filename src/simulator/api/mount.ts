import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServices } from './create-services.js';
import { Delays } from './delays.js';
import { handle } from './handle.js';
import type { FakeApiOptions, WeChatWorld } from './types.js';
import { World } from './world.js';

/** The fake API without a server of its own, for a server that also serves other paths. */
export interface MountedFakeApi {
  readonly world: WeChatWorld;
  /** Answers one request for a `/cgi-bin/…` path; never rejects. */
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Tells the API where it is reachable, once the host server listens (OA `video_url`). */
  setUrl(url: string): void;
  /** Cancels pending injected delays so nothing outlives the host server. */
  close(): void;
}

/**
 * The same request handling as {@link startFakeApi}, mounted on a server the caller owns (the
 * simulator serves the API and its chat page from one port). `host`/`port` are ignored.
 */
export function mountFakeApi(options: FakeApiOptions): MountedFakeApi {
  const services = createServices(options);
  const delays = new Delays();
  return {
    world: new World(services),
    handle(request, response) {
      handle(request, response, services, delays).catch(() => response.destroy());
    },
    setUrl(url) {
      services.baseUrl = url;
    },
    close() {
      delays.cancelAll();
    },
  };
}
