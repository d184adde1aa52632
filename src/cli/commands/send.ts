import type { SendOptions, SendResult } from '../../api/customer-service.js';
import type { Application } from '../../application.js';
import type { MiniProgramMessage } from '../../messages/kinds.js';
import type { AccountKind } from '../../options.js';
import { expectPositionals } from '../args.js';
import { ExitCode } from '../command.js';
import { apiApplication } from '../config.js';
import { defineCommand } from '../define.js';
import { UsageError } from '../failure.js';
import type { Output } from '../output.js';
import { buildMessages } from './send-message.js';

/** Text read from stdin is bounded; `--split` turns it into ≤ 2048-byte messages. */
const MAX_STDIN_BYTES = 1024 * 1024;

/** `wechat-cs send <openid> <text>`: sends a customer-service message (SPEC §4). */
export const sendCommand = defineCommand({
  name: 'send',
  summary: 'send a customer-service message (text, image, link, mini-program card)',
  usage: `Usage: wechat-cs send <openid> <text…>
       wechat-cs send <openid> -                  (text from stdin)
       wechat-cs send <openid> --image <media_id>
       wechat-cs send <openid> --page <pagepath> --title <t> --thumb-media-id <media_id>
       wechat-cs send <openid> --link <url> --title <t> --description <d> --thumb-url <url>
       wechat-cs send <openid> --payload '{"msgtype":"text","text":{"content":"hi"}}'

Sends a customer-service message (客服消息). WeChat accepts it only within 48 h of the user's
last message, 5 per user message (45015 / 45047 otherwise; SPEC §4.3).

Options:
  --split             send text longer than 2048 UTF-8 bytes as several messages
  --image <media_id>  an image (upload one with \`wechat-cs upload\`)
  --page <pagepath>   a mini-program card opening pagepath (may carry ?query), with --title,
                      --thumb-media-id and, for official accounts, --page-app-id
  --link <url>        a link card (mini programs), with --title, --description, --thumb-url
  --payload <json>    any message body without touser, sent as given
  --as <kf_account>   official accounts: send as this agent account (kf2001@gh_…)
  --business-id <id>  客服子商户 (customer-service sub-merchant) id
  --ai                label the message as AI-generated (aimsgcontext.is_ai_msg)`,
  options: {
    split: { type: 'boolean' },
    image: { type: 'string' },
    page: { type: 'string' },
    link: { type: 'string' },
    payload: { type: 'string' },
    title: { type: 'string' },
    description: { type: 'string' },
    'thumb-url': { type: 'string' },
    'thumb-media-id': { type: 'string' },
    'page-app-id': { type: 'string' },
    as: { type: 'string' },
    'business-id': { type: 'string' },
    ai: { type: 'boolean' },
  },
  async run({ values, positionals, io, out, config }) {
    expectPositionals(positionals, { required: ['openid'], rest: true });
    const [openid = '', ...words] = positionals;
    const text = words.length === 0 ? undefined : words.join(' ');
    const messages = buildMessages({
      ...values,
      text: text === '-' ? await readStdin(io.stdin) : text,
    });
    const app = apiApplication('send', config, out);
    const options: SendOptions = {};
    if (values['business-id'] !== undefined) options.businessId = values['business-id'];
    if (values.ai) options.aiGenerated = true;
    const results = await sendAll(app, openid, messages, { kfAccount: values.as, options }, out);
    const msgtype = messages[0]?.type;
    if (out.json) out.printJson({ ok: true, to: openid, msgtype, sent: results.length, results });
    else
      out.print(
        `sent ${messages.length === 1 ? msgtype : `${messages.length} ${msgtype} messages`} to ${openid}`,
      );
    return ExitCode.ok;
  },
});

/** Sends in order; if one fails, says how many went out before rethrowing. */
async function sendAll(
  app: Application<AccountKind>,
  openid: string,
  messages: readonly MiniProgramMessage[],
  how: { kfAccount: string | undefined; options: SendOptions },
  out: Output,
): Promise<SendResult[]> {
  const results: SendResult[] = [];
  for (const message of messages) {
    const recipient = app.customerService.message(message).to(openid);
    try {
      const delivery = how.kfAccount === undefined ? recipient : recipient.by(how.kfAccount);
      results.push(await delivery.send(how.options));
    } catch (error) {
      if (results.length > 0)
        out.note(`${results.length} of ${messages.length} messages were sent before this error`);
      throw error;
    }
  }
  return results;
}

async function readStdin(stdin: NodeJS.ReadableStream | undefined): Promise<string> {
  if (stdin === undefined) throw new UsageError('no stdin to read the text from');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk);
    size += buffer.length;
    if (size > MAX_STDIN_BYTES) throw new UsageError('the text on stdin is larger than 1 MB');
    chunks.push(buffer);
  }
  // A trailing newline is how shells end a line (echo, heredocs), not part of the message.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
