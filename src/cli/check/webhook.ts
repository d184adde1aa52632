import { randomInt } from 'node:crypto';
import type { AccountKind } from '../../options.js';
import type { PushFormat } from '../../server/parse.js';
import { createTestPush, createTestVerification } from '../../testing/index.js';
import type { PushMode } from './config-checks.js';
import { callWebhook, describeNetworkError, excerpt, type WebhookAnswer, withQuery } from './http.js';
import { inspectReply } from './reply.js';
import { type CheckResult, fail, pass, skip, warn } from './result.js';

/** Everything the webhook checks need. */
export interface WebhookPlan {
  url: URL;
  appId: string;
  kind: AccountKind;
  token: string;
  aesKey: string | undefined;
  mode: PushMode;
  format: PushFormat;
}

/** WeChat's deadline for an answer (SPEC §3.2). */
const DEADLINE_MS = 5_000;
const UNREACHABLE_FIX = 'start your server and check the URL; WeChat must reach it from the internet';

const FORGED = 'forged push refused';

/**
 * Runs the URL verification, a signed test push and a forged push against the webhook. The
 * forged push is judged only after the signed one passed: a refusal means something only from
 * a server that accepts the genuine push (not from a wrong path, or a wrong Token that makes it
 * refuse everything).
 */
export async function checkWebhook(plan: WebhookPlan): Promise<CheckResult[]> {
  const address = checkAddress(plan.url);
  const verification = await checkVerification(plan);
  const signed = await checkSignedPush(plan);
  const forged =
    signed.status === 'pass'
      ? await checkForgedPush(plan)
      : skip(FORGED, 'not checked: the signed test push must pass first, or a refusal proves nothing');
  return [address, verification, signed, forged];
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** WeChat calls public URLs on ports 80 and 443 only (SPEC §1.1); the simulator calls anything. */
export function checkAddress(url: URL): CheckResult {
  const name = 'webhook URL';
  if (LOOPBACK.test(url.hostname)) {
    return pass(name, `${url.href} (local: the simulator reaches it, WeChat needs a public URL)`);
  }
  if (url.port !== '') {
    return warn(
      name,
      `${url.href}: WeChat calls only ports 80 (http) and 443 (https)`,
      'serve the webhook on 443 or 80',
    );
  }
  return pass(name, url.href);
}

/** Echoes `echostr` byte for byte on a signed GET (SPEC §1.2)? A 19-digit echostr catches number parsing. */
async function checkVerification(plan: WebhookPlan): Promise<CheckResult> {
  const name = 'URL verification (GET)';
  const echostr = `${randomInt(1, 10)}${String(randomInt(0, 2 ** 47)).padStart(18, '0')}`;
  const signed = createTestVerification({ token: plan.token, echostr });
  const called = await call(name, withQuery(plan.url, signed.url), { method: 'GET' });
  if (!called.ok) return called.result;
  const { status, body, ms } = called.answer;
  if (status === 200 && body === echostr) return pass(name, `echoed echostr in ${ms} ms`);
  if (status === 200) {
    return fail(
      name,
      `answered 200 with ${excerpt(body)} instead of the echostr ${echostr}`,
      'answer the verification GET with echostr itself: no quotes, JSON, newline or HTML (SPEC §1.2)',
    );
  }
  if (status === 405) {
    return fail(
      name,
      'HTTP 405: GET is not routed to the push handler',
      'route GET as well as POST to the handler',
    );
  }
  return statusFailure(name, called.answer);
}

/** Answers a signed (and, in compatible/safe mode, encrypted) text push correctly and in time? */
async function checkSignedPush(plan: WebhookPlan): Promise<CheckResult> {
  const name = `signed test push (${plan.mode}, ${plan.format.toUpperCase()})`;
  const push = testPush(plan);
  const called = await call(name, withQuery(plan.url, push.url), {
    method: 'POST',
    body: push.body,
    contentType: contentType(plan),
  });
  if (!called.ok) return called.result;
  const response = called.answer;
  if (response.status !== 200) {
    // The SDK's server refuses a plaintext push with 401 when it has an aesKey (requireEncryption).
    const plainRefused = plan.mode === 'plain' && response.status === 401;
    return statusFailure(name, response, plainRefused ? ENCRYPTION_REQUIRED : undefined);
  }
  if (response.ms > DEADLINE_MS) {
    return fail(
      name,
      `answered after ${response.ms} ms; WeChat waits 5 s, then retries and tells the user the service is unavailable`,
      'answer success at once and send the reply through the API (server.deadline does this)',
    );
  }
  const verdict = inspectReply(response.body, plan);
  return verdict.ok
    ? pass(name, `${verdict.detail} in ${response.ms} ms`)
    : fail(name, verdict.detail, verdict.fix ?? '');
}

const ENCRYPTION_REQUIRED = 'or the server requires encryption (it has an EncodingAESKey): use --mode safe';

/**
 * Refuses a push whose signature is wrong (a server that does not verify runs forged messages)?
 * Only 401 or 403 is a refusal for certain; any other error status may have another cause.
 */
async function checkForgedPush(plan: WebhookPlan): Promise<CheckResult> {
  const name = FORGED;
  const push = testPush(plan);
  const url = withQuery(plan.url, push.url);
  for (const param of ['signature', 'msg_signature']) {
    if (url.searchParams.has(param)) url.searchParams.set(param, '0'.repeat(40));
  }
  const called = await call(name, url, {
    method: 'POST',
    body: push.body,
    contentType: contentType(plan),
  });
  if (!called.ok) return called.result;
  const { status, body } = called.answer;
  if (status === 401 || status === 403) return pass(name, `a push with a wrong signature got HTTP ${status}`);
  if (status < 300) {
    return fail(
      name,
      `a push with a wrong signature got HTTP ${status}: anyone can send your bot messages as any user`,
      'verify signature (plaintext) or msg_signature (compatible/safe) before handling a push (SPEC §1.2, §2.3)',
    );
  }
  return warn(
    name,
    `a push with a wrong signature got HTTP ${status} ${excerpt(body)}, not 401 or 403: it may have failed for another reason`,
    'refuse a push whose signature does not verify with HTTP 401 (as this SDK does), so a forgery is told apart from a crash',
  );
}

const contentType = (plan: WebhookPlan) => (plan.format === 'xml' ? 'text/xml' : 'application/json');

function testPush(plan: WebhookPlan) {
  return createTestPush({
    appId: plan.appId,
    token: plan.token,
    ...(plan.aesKey === undefined ? {} : { aesKey: plan.aesKey }),
    mode: plan.mode,
    format: plan.format,
    message: { MsgType: 'text', Content: 'wechat-cs check', FromUserName: 'o_wechat_cs_check_user' },
  });
}

/** An answer to judge, or already a failed check (no answer, a redirect). */
type Called = { ok: true; answer: WebhookAnswer } | { ok: false; result: CheckResult };

async function call(name: string, url: URL, init: Parameters<typeof callWebhook>[1]): Promise<Called> {
  let answer: WebhookAnswer;
  try {
    answer = await callWebhook(url, init);
  } catch (error) {
    const detail = `no answer from ${url.origin}: ${describeNetworkError(error)}`;
    return { ok: false, result: fail(name, detail, UNREACHABLE_FIX) };
  }
  if (answer.status >= 300 && answer.status < 400) {
    const where = answer.location === undefined ? '' : ` to ${answer.location}`;
    const detail = `redirected (HTTP ${answer.status})${where}; WeChat does not follow redirects`;
    return { ok: false, result: fail(name, detail, 'configure the final URL') };
  }
  return { ok: true, answer };
}

const STATUS_FIXES: Readonly<Record<number, string>> = {
  400: 'the server could not decrypt or parse the push: WECHAT_AES_KEY and the data format (--format) must match the server',
  401: 'the server refused the signature: WECHAT_TOKEN must equal the Token the server uses (and its clock must be right)',
  403: 'the server refused the request: WECHAT_TOKEN must equal the Token the server uses',
  404: 'nothing answers at this path: check the path of the URL',
  413: 'the server refused the body size: allow at least 64 KB',
  415: 'the server expects the other data format: try --format json or --format xml',
};

/** A failed check for an unexpected status, with the likely fix (and `hint`, another cause). */
function statusFailure(name: string, answer: WebhookAnswer, hint?: string): CheckResult {
  const fix =
    STATUS_FIXES[answer.status] ?? 'see the server’s logs (a failing handler should still answer success)';
  return fail(
    name,
    `HTTP ${answer.status} ${excerpt(answer.body)}`,
    hint === undefined ? fix : `${fix}; ${hint}`,
  );
}
