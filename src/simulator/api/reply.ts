import { createRid } from './rid.js';

/** What a route answers; the server writes it and records it in the request log. */
export interface Reply {
  status: number;
  headers: Record<string, string | number>;
  body: Buffer | string;
  /** The errcode of a JSON answer, for the request log. */
  errcode?: number;
}

/** WeChat labels its JSON like this (not `charset=`). */
const JSON_TYPE = 'application/json; encoding=utf-8';

/** An HTTP 200 JSON answer. */
export function jsonReply(value: Record<string, unknown>): Reply {
  const errcode = typeof value.errcode === 'number' ? value.errcode : undefined;
  return {
    status: 200,
    headers: { 'Content-Type': JSON_TYPE },
    body: JSON.stringify(value),
    ...(errcode === undefined ? {} : { errcode }),
  };
}

/** `{"errcode":0,"errmsg":"ok"}`. */
export function okReply(): Reply {
  return jsonReply({ errcode: 0, errmsg: 'ok' });
}

/** HTTP 200 `{"errcode":N,"errmsg":"… rid: …"}` (SPEC §9.2). */
export function errorReply(errcode: number, errmsg: string, nowMs: number): Reply {
  return jsonReply({ errcode, errmsg: `${errmsg} rid: ${createRid(nowMs)}` });
}

/** HTTP 404 for paths the fake API does not serve. */
export function notFoundReply(): Reply {
  return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not Found' };
}
