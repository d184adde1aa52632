import { cdata } from '../server/reply-xml.js';

/** Fields of a test push: strings, numbers, or nested objects (e.g. `ScanCodeInfo`). */
export interface TestFields {
  readonly [field: string]: string | number | boolean | TestFields | undefined;
}

/** A push document as WeChat writes it: strings in CDATA, numbers bare (SPEC §1.5). */
export function toXml(fields: TestFields): string {
  return `<xml>${xmlChildren(fields)}</xml>`;
}

function xmlChildren(fields: TestFields): string {
  let out = '';
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const inner =
      typeof value === 'object'
        ? xmlChildren(value)
        : typeof value === 'string'
          ? cdata(value)
          : String(value);
    out += `<${name}>${inner}</${name}>`;
  }
  return out;
}

/** The JSON form; a digit-string `MsgId` goes out as a bare number, as WeChat sends it (SPEC §1.5). */
export function toJson(fields: TestFields): string {
  const json = JSON.stringify(fields);
  const msgId = fields.MsgId;
  if (typeof msgId !== 'string' || !/^\d+$/.test(msgId)) return json;
  return json.replace(`"MsgId":"${msgId}"`, `"MsgId":${msgId}`);
}
