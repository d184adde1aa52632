import { expectPositionals } from '../args.js';
import { ExitCode } from '../command.js';
import { apiApplication } from '../config.js';
import { defineCommand } from '../define.js';

/** `wechat-cs typing <openid>`: shows (or cancels) "正在输入" to a user (SPEC §5). */
export const typingCommand = defineCommand({
  name: 'typing',
  summary: 'show or cancel "typing…" for a user',
  usage: `Usage: wechat-cs typing <openid> [--cancel] [--business-id <id>]

Shows "正在输入" (typing…) to the user for up to 15 s. WeChat allows it only within 30 s of a
message from the user (45080 otherwise); 45081 (already typing) counts as success.

Options:
  --cancel            remove the indicator (CancelTyping)
  --business-id <id>  客服子商户 (customer-service sub-merchant) id`,
  options: {
    cancel: { type: 'boolean' },
    'business-id': { type: 'string' },
  },
  async run({ values, positionals, out, config }) {
    expectPositionals(positionals, { required: ['openid'] });
    const [openid = ''] = positionals;
    const app = apiApplication('typing', config, out);
    const command = values.cancel ? 'CancelTyping' : 'Typing';
    const businessId = values['business-id'];
    const result = await app.typing.set(openid, command, businessId === undefined ? {} : { businessId });
    const already = result.errcode === 45081;
    if (out.json) {
      out.printJson({ ok: true, openid, command, errcode: result.errcode, errmsg: result.errmsg });
    } else if (command === 'CancelTyping') {
      out.print(`typing cancelled for ${openid}`);
    } else {
      out.print(already ? `${openid} already sees "typing…"` : `typing… shown to ${openid} (up to 15 s)`);
    }
    return ExitCode.ok;
  },
});
