import type { ServerResponse } from 'node:http';
import type { ChatEvent, ChatStore } from '../chat/store.js';

/** A comment line every so often keeps proxies and the browser from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * The chat page's live feed: Server-Sent Events, one JSON {@link ChatEvent} per message. The
 * browser's EventSource reconnects by itself; the page reloads the state when it does.
 */
export class EventStreams {
  readonly #clients = new Set<ServerResponse>();
  readonly #unsubscribe: () => void;
  readonly #heartbeat: NodeJS.Timeout;

  constructor(chat: ChatStore) {
    this.#unsubscribe = chat.subscribe((event) => this.#broadcast(event));
    this.#heartbeat = setInterval(() => this.#write(':\n\n'), HEARTBEAT_MS);
    this.#heartbeat.unref();
  }

  /** Turns a GET into an event stream until the client goes away. */
  open(response: ServerResponse): void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    response.write('retry: 1000\n\n');
    this.#clients.add(response);
    response.on('close', () => this.#clients.delete(response));
  }

  /** Ends every stream (the simulator stops). */
  close(): void {
    clearInterval(this.#heartbeat);
    this.#unsubscribe();
    for (const client of this.#clients) client.end();
    this.#clients.clear();
  }

  #broadcast(event: ChatEvent): void {
    this.#write(`data: ${JSON.stringify(event)}\n\n`);
  }

  #write(chunk: string): void {
    for (const client of this.#clients) if (!client.destroyed) client.write(chunk);
  }
}
