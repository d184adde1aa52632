import { type Dispatcher, request } from 'undici';
import type { Answer, Transport } from './deliver.js';

/** Answers longer than this are cut off: WeChat expects a few hundred bytes at most. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * The real transport: an HTTP POST through the simulator's own undici dispatcher (so a test's
 * nock or global agent never sees it), with an exact Content-Length. Aborting destroys the
 * socket, as WeChat drops the connection at its deadline.
 */
export function httpTransport(dispatcher: Dispatcher): Transport {
  return async (push, signal): Promise<Answer> => {
    const body = Buffer.from(push.body, 'utf8');
    const response = await request(push.url, {
      method: 'POST',
      headers: { ...push.headers, 'content-length': String(body.length) },
      body,
      signal,
      dispatcher,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > MAX_ANSWER_BYTES) {
        response.body.destroy();
        break;
      }
      chunks.push(bytes);
    }
    return { status: response.statusCode, body: Buffer.concat(chunks).toString('utf8') };
  };
}
