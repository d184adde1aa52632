import type { AddressInfo } from 'node:net';
import { expect } from 'vitest';
import { Application } from '../../src/application.js';
import { silentLogger } from '../../src/logger.js';
import type { ApplicationOptions } from '../../src/options.js';
import { MessageCipher } from '../../src/server/crypto.js';
import { parseDocument } from '../../src/server/parse.js';
import { computeSignature } from '../../src/server/signature.js';

export const APP_ID = 'wx1234567890abcdef';
export const TOKEN = 'integration_token';
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

/** A mini-program Application that transfers text to customer service. */
export function transferringApp(options: Partial<ApplicationOptions<'miniprogram'>> = {}) {
  const app = new Application({
    appId: APP_ID,
    secret: 'unused-secret',
    token: TOKEN,
    aesKey: AES_KEY,
    logger: silentLogger,
    ...options,
  });
  const seen: unknown[] = [];
  app.server.on('text', async (message) => {
    seen.push(message.Content);
    const { TransferCustomerService } = await import('../../src/messages/transfer-customer-service.js');
    return new TransferCustomerService();
  });
  return { app, seen };
}

/** The http://127.0.0.1:PORT of a listening node server. */
export function urlOf(server: { address(): AddressInfo | string | null }): string {
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server is not listening on TCP');
  return `http://127.0.0.1:${address.port}`;
}

/** Checks and opens an encrypted reply envelope; returns the inner document's fields. */
export function openReply(body: string, appId = APP_ID): Record<string, unknown> {
  const { fields } = parseDocument(body);
  const { Encrypt, MsgSignature, TimeStamp, Nonce } = fields as Record<string, string | number>;
  expect(MsgSignature).toBe(computeSignature([TOKEN, String(TimeStamp), String(Nonce), String(Encrypt)]));
  return parseDocument(new MessageCipher(AES_KEY, appId).decrypt(String(Encrypt))).fields;
}
