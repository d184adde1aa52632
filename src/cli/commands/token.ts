import { expectPositionals } from '../args.js';
import { ExitCode } from '../command.js';
import { apiApplication } from '../config.js';
import { defineCommand } from '../define.js';
import { UsageError } from '../failure.js';

/**
 * `wechat-cs token`: fetches an access token (SPEC §7). It is shown only with `--reveal`, since
 * a token in a terminal's scrollback or a CI log is a credential for every API of the account.
 */
export const tokenCommand = defineCommand({
  name: 'token',
  summary: 'fetch an access token (printed only with --reveal)',
  usage: `Usage: wechat-cs token [--reveal] [--force-refresh] [--classic]

Fetches an access token with the configured AppID and AppSecret, which proves they work.

Options:
  --reveal            print the token itself on stdout (e.g. TOKEN=$(wechat-cs token --reveal));
                      without it the token is redacted
  --force-refresh     stable_token with force_refresh: invalidates the current token at once
                      (WeChat allows 20 a day, 30 s apart; SPEC §7.2)
  --classic           use the classic /cgi-bin/token endpoint instead of stable_token; it
                      invalidates the token your servers use after 5 minutes`,
  options: {
    reveal: { type: 'boolean' },
    'force-refresh': { type: 'boolean' },
    classic: { type: 'boolean' },
  },
  async run({ values, positionals, out, config }) {
    expectPositionals(positionals, { required: [] });
    // The classic endpoint has no force_refresh (every call is a new token): silently ignoring the
    // flag would let a user believe they had invalidated the old token.
    if (values.classic && values['force-refresh']) {
      throw new UsageError('--force-refresh is a stable_token feature; drop --classic or --force-refresh');
    }
    const app = apiApplication('token', config, out, { stableToken: !values.classic });
    const token = await app.accessToken.getToken({ forceRefresh: values['force-refresh'] === true });
    const endpoint = values.classic ? '/cgi-bin/token' : '/cgi-bin/stable_token';
    if (!values.reveal) out.addSecret(token);
    if (out.json) {
      out.printJson({ ok: true, appId: app.appId, endpoint, accessToken: values.reveal ? token : undefined });
    } else if (values.reveal) {
      out.reveal(token);
    } else {
      out.print(`access token for ${app.appId}: fetched from ${endpoint} (${token.length} characters)`);
      out.print('It is not printed; pass --reveal to print it.');
    }
    return ExitCode.ok;
  },
});
