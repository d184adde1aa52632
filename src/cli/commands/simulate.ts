import { ConfigError } from '../../errors.js';
import { resolveSetup, type SimulateSetup } from '../../simulator/cli-setup.js';
import type { ChatEntry, Simulator } from '../../simulator/index.js';
import { startSimulator } from '../../simulator/start.js';
import { choice, parse, positiveInteger, wantsHelp } from '../args.js';
import { type Command, type CommandIo, ExitCode } from '../command.js';
import { KINDS } from '../config.js';
import { CONFIG_SOURCES, describeFailure, exitCodeFor, UsageError } from '../failure.js';
import { Output } from '../output.js';

/** A fixed default, so the bot's baseUrl stays the same from one run to the next. */
const DEFAULT_PORT = 8731;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  webhook: { type: 'string' },
  format: { type: 'string' },
  mode: { type: 'string' },
  'app-id': { type: 'string' },
  secret: { type: 'string' },
  token: { type: 'string' },
  'aes-key': { type: 'string' },
  kind: { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  deadline: { type: 'string' },
  retries: { type: 'string' },
} as const;

const HELP = `Usage: wechat-cs simulate [--webhook <url>] [--format xml|json] [--mode plain|compatible|safe] [options]

Runs a local WeChat until Ctrl-C: the customer-service API (point your bot's baseUrl at it),
simulated users who push to your webhook exactly as WeChat does (signed, encrypted, 5-second
deadline, 3 retries), and a chat page where you talk to your bot as a user.
With no configuration it makes up a test AppID, AppSecret, Token and EncodingAESKey and prints them.

Options (a flag wins over its environment variable):
  --webhook <url>     WECHAT_WEBHOOK    your bot's push URL (消息推送 URL); without it, messages
                                        reach no one
  --format <format>   WECHAT_FORMAT     xml (default) or json (数据格式)
  --mode <mode>       WECHAT_MODE       safe (default), compatible or plain (消息加解密方式)
  --app-id <wx…>      WECHAT_APP_ID     the AppID; default: generated
  --secret <secret>   WECHAT_SECRET     the AppSecret the API expects; default: generated
  --token <token>     WECHAT_TOKEN      the Token pushes are signed with; default: generated
  --aes-key <key>     WECHAT_AES_KEY    the 43-character EncodingAESKey; default: generated
                                        (not in plain mode)
  --kind <kind>       WECHAT_KIND       miniprogram (default) or official-account (XML only)
  --host <host>                         address to listen on; default 127.0.0.1
  --port <port>                         port; default ${DEFAULT_PORT} (0: any free port)
  --deadline <ms>                       how long WeChat waits for your webhook; default 5000
  --retries <n>                         re-sends after a timeout; default 3
  --json                                print the URLs and credentials as JSON on stdout
  -h, --help                            show this help

Example:
  wechat-cs simulate --webhook http://127.0.0.1:3000/wechat --format json --mode safe

Exit codes: 0 stopped with Ctrl-C, 1 could not start (port in use …), 2 bad arguments or option
values (--format yaml, WECHAT_MODE=secure, --port x), 78 bad configuration (a malformed AppID,
Token or EncodingAESKey, a webhook that is not an http(s) URL).`;

/** `wechat-cs simulate`: the local WeChat of DESIGN §9, until interrupted. */
export const simulateCommand: Command = {
  name: 'simulate',
  summary: 'run a local WeChat (API, users, chat page) for your bot',
  help: HELP,
  async run(args: readonly string[], io: CommandIo): Promise<number> {
    if (wantsHelp(args)) {
      io.stdout.write(`${HELP}\n`);
      return ExitCode.ok;
    }
    const out = new Output(io, args.includes('--json'));
    // Reading it tells the binary that this command handles Ctrl-C itself.
    const interrupted = io.interrupted;
    protectRaw(args, io.env, out);
    let sim: Simulator | undefined;
    try {
      const { setup, options } = readSetup(args, io.env);
      protectGiven(setup, out);
      sim = await startSimulator({ ...options, apps: [setup.app], logger: out.logger() });
      report(sim, setup, out);
      const stopTranscript = sim.onEntry((entry, who) => out.note(transcriptLine(entry, who.openid)));
      await interrupted;
      stopTranscript();
      out.note('wechat-cs simulate: stopping');
      return ExitCode.ok;
    } catch (error) {
      return failure(error, out);
    } finally {
      await sim?.stop();
    }
  },
};

/** The app and server options from flags, then `WECHAT_*` variables, then defaults. */
function readSetup(args: readonly string[], environment: CommandIo['env']) {
  const { values, positionals } = parse(args, OPTIONS);
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  // An empty variable counts as unset, as `FOO= cmd` means.
  const env = (name: string) => (environment[name] === '' ? undefined : environment[name]);
  const setup = resolveSetup({
    appId: values['app-id'] ?? env('WECHAT_APP_ID'),
    secret: values.secret ?? env('WECHAT_SECRET'),
    token: values.token ?? env('WECHAT_TOKEN'),
    aesKey: values['aes-key'] ?? env('WECHAT_AES_KEY'),
    webhook: values.webhook ?? env('WECHAT_WEBHOOK'),
    ...pushChoices(values, env),
  });
  const options = {
    host: values.host ?? '127.0.0.1',
    port: port(values.port),
    ...optional('deadlineMs', positiveInteger('deadline', values.deadline)),
    ...optional('retries', retries(values.retries)),
  };
  return { setup, options };
}

/**
 * Kind, format and mode, from a flag or its variable: a value outside the choices is a usage
 * error (exit 2) like any bad flag value, whichever of the two gave it.
 */
function pushChoices(
  values: { kind?: string; format?: string; mode?: string },
  env: (name: string) => string | undefined,
) {
  const kind = choice('--kind or WECHAT_KIND', values.kind ?? env('WECHAT_KIND'), KINDS);
  const format = choice('--format or WECHAT_FORMAT', values.format ?? env('WECHAT_FORMAT'), ['xml', 'json']);
  const mode = choice('--mode or WECHAT_MODE', values.mode ?? env('WECHAT_MODE'), [
    'plain',
    'compatible',
    'safe',
  ]);
  if (kind === 'official-account' && format === 'json') {
    throw new UsageError(
      'official accounts push XML only (SPEC §1.1): use --format xml with --kind official-account',
    );
  }
  return { kind, format, mode };
}

function failure(error: unknown, out: Output): number {
  if (isAddressInUse(error)) {
    out.note(`wechat-cs simulate: ${(error as Error).message}: pass --port <another> or --port 0`);
    return ExitCode.failure;
  }
  out.note(`wechat-cs simulate: ${describeFailure(error, 'simulate')}${sourceHint(error)}`);
  return exitCodeFor(error);
}

/** Registers the credentials of the command line and environment before parsing, so no error echoes one. */
function protectRaw(args: readonly string[], env: CommandIo['env'], out: Output): void {
  for (const name of ['WECHAT_SECRET', 'WECHAT_TOKEN', 'WECHAT_AES_KEY']) out.addSecret(env[name]);
  args.forEach((arg, i) => {
    for (const flag of ['--secret', '--token', '--aes-key']) {
      if (arg === flag) out.addSecret(args[i + 1]);
      else if (arg.startsWith(`${flag}=`)) out.addSecret(arg.slice(flag.length + 1));
    }
  });
}

/** Credentials the user supplied are never echoed; made-up ones are printed on purpose. */
function protectGiven(setup: SimulateSetup, out: Output): void {
  const { app, generated } = setup;
  if (!generated.has('secret')) out.addSecret(app.secret);
  if (!generated.has('token')) out.addSecret(app.token);
  if (!generated.has('aesKey')) out.addSecret(app.aesKey);
}

function report(sim: Simulator, setup: SimulateSetup, out: Output): void {
  const { app, generated } = setup;
  const shown = (name: 'appId' | 'secret' | 'token' | 'aesKey', value: string | undefined) =>
    value === undefined
      ? '(none: plain mode)'
      : generated.has(name)
        ? `${value}  (generated)`
        : name === 'appId'
          ? value
          : '(as configured)';
  if (out.json) {
    const made = (name: 'secret' | 'token' | 'aesKey', value: string | undefined) =>
      generated.has(name) ? { [name]: value } : {};
    out.printJson({
      url: sim.url,
      chatUrl: sim.chatUrl,
      appId: app.appId,
      ...made('secret', app.secret),
      ...made('token', app.token),
      ...made('aesKey', app.aesKey),
      webhook: app.webhook ?? null,
      format: app.format,
      mode: app.mode,
    });
  }
  const lines = [
    'wechat-cs simulate: a local WeChat is running',
    '',
    `  API base URL     ${sim.url}    (your bot's baseUrl / WECHAT_BASE_URL)`,
    `  Chat page        ${sim.chatUrl}`,
    '',
    `  AppID            ${shown('appId', app.appId)}`,
    `  AppSecret        ${shown('secret', app.secret)}`,
    `  Token            ${shown('token', app.token)}`,
    `  EncodingAESKey   ${shown('aesKey', app.aesKey)}`,
    `  Webhook          ${app.webhook === undefined ? '(none: pass --webhook <url> to push users’ messages to your bot)' : `${app.webhook}  (${app.format.toUpperCase()}, ${app.mode} mode)`}`,
    '',
    'Press Ctrl-C to stop.',
  ];
  // The human summary goes to stderr under --json, so stdout stays one JSON document.
  for (const line of lines) out.json ? out.note(line) : out.print(line);
}

/** One line per chat event on stderr: what the user did and what WeChat made of the answer. */
export function transcriptLine(entry: ChatEntry, openid: string): string {
  if (entry.from === 'system') {
    if (entry.kind === 'enter')
      return `[${openid}] entered the chat (session-from ${JSON.stringify(entry.sessionFrom)})`;
    if (entry.kind === 'transfer') return `[${openid}] handed to a human agent (transfer_customer_service)`;
    return `[${openid}] WeChat showed "${entry.text}": ${entry.problem}`;
  }
  const who = entry.from === 'user' ? 'user' : 'bot ';
  const what =
    entry.kind === 'text' ? JSON.stringify(entry.text) : entry.kind === 'other' ? entry.msgtype : entry.kind;
  return `[${openid}] ${who} → ${what}`;
}

/** Where each setting of `simulate` comes from, for a ConfigError about it. */
const SOURCES: Readonly<Record<string, string>> = {
  appId: '--app-id or WECHAT_APP_ID',
  secret: '--secret or WECHAT_SECRET',
  token: '--token or WECHAT_TOKEN',
  aesKey: '--aes-key or WECHAT_AES_KEY',
  kind: '--kind or WECHAT_KIND',
  webhook: '--webhook or WECHAT_WEBHOOK',
  format: '--format or WECHAT_FORMAT',
  mode: '--mode or WECHAT_MODE',
};

function sourceHint(error: unknown): string {
  // describeFailure already names the source of the options every command shares.
  if (!(error instanceof ConfigError) || CONFIG_SOURCES[error.option] !== undefined) return '';
  const source = SOURCES[error.option.split('.').pop() ?? ''];
  return source === undefined ? '' : `\n  set it with ${source}`;
}

function port(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65_535) {
    throw new UsageError(`--port must be 0–65535, got ${JSON.stringify(value)}`);
  }
  return Number(value);
}

function retries(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,2}$/.test(value)) throw new UsageError(`--retries must be 0–99, got ${JSON.stringify(value)}`);
  return Number(value);
}

function optional<K extends string>(name: K, value: number | undefined): { [P in K]?: number } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: number };
}

function isAddressInUse(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'EADDRINUSE';
}
