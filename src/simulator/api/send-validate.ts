import type { AppInfo } from './apps.js';
import { ApiFailure } from './errcodes.js';
import type { MediaStore } from './media-store.js';
import { type ObjectSchema, SCHEMAS } from './send-schema.js';
import { SPECIAL } from './send-special.js';

/** What a valid send body adds to the delivered record. */
export interface SendExtras {
  kfAccount?: string;
  businessId?: string;
}

/**
 * Checks a send body after `touser`/`msgtype`: msgtype allowed for the account (40008), the
 * msgtype object's fields (47001, 44004, 45002, 45008, 44003), media ids (40007), and the optional
 * `customservice`, `aimsgcontext` and `businessid` (47001).
 */
export function validateSendBody(
  body: Record<string, unknown>,
  msgtype: string,
  app: AppInfo,
  media: { store: MediaStore; now: number },
): SendExtras {
  const schema = Object.hasOwn(SCHEMAS, msgtype) ? SCHEMAS[msgtype] : undefined;
  if (schema === undefined || !schema.kinds.includes(app.kind)) {
    throw new ApiFailure(40008, `msgtype ${msgtype} cannot be sent by a ${app.kind}`);
  }
  const object = objectField(body, msgtype);
  checkStrings(object, schema, msgtype);
  SPECIAL[msgtype]?.(object, app);
  for (const [field, types] of Object.entries(schema.media)) {
    const stored = media.store.get(app.appId, object[field] as string, media.now);
    if (stored === undefined || !types.includes(stored.type as never)) {
      throw new ApiFailure(40007, `${msgtype}.${field} is not a valid ${types.join('/')} media_id`);
    }
  }
  return extras(body);
}

function objectField(body: Record<string, unknown>, name: string): Record<string, unknown> {
  const value = body[name];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ApiFailure(47001, `${name} missing`);
  }
  return value as Record<string, unknown>;
}

function checkStrings(object: Record<string, unknown>, schema: ObjectSchema, msgtype: string): void {
  for (const field of schema.required) {
    const value = object[field];
    if (typeof value !== 'string' || value === '') throw new ApiFailure(47001, `${msgtype}.${field} missing`);
  }
  for (const field of schema.optional) {
    const value = object[field];
    if (value !== undefined && typeof value !== 'string') {
      throw new ApiFailure(47001, `${msgtype}.${field} must be a string`);
    }
  }
}

function extras(body: Record<string, unknown>): SendExtras {
  const result: SendExtras = {};
  if (body.customservice !== undefined) {
    const kf = (body.customservice as { kf_account?: unknown } | null)?.kf_account;
    if (typeof kf !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(kf)) {
      throw new ApiFailure(47001, 'customservice.kf_account must look like prefix@wechat_id');
    }
    result.kfAccount = kf;
  }
  if (body.aimsgcontext !== undefined) {
    const flag = (body.aimsgcontext as { is_ai_msg?: unknown } | null)?.is_ai_msg;
    if (flag !== 0 && flag !== 1) throw new ApiFailure(47001, 'aimsgcontext.is_ai_msg must be 0 or 1');
  }
  if (body.businessid !== undefined) {
    if (typeof body.businessid !== 'string' || body.businessid === '') {
      throw new ApiFailure(47001, 'businessid must be a non-empty string');
    }
    result.businessId = body.businessid;
  }
  return result;
}
