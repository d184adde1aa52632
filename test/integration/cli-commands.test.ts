import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExitCode } from '../../src/cli/command.js';
import type { FakeApi } from '../../src/simulator/api/index.js';
import { CREDENTIALS, cli, MINI, miniEnv, OFFICIAL, officialEnv, PNG, startApi } from './cli-helpers.js';

let api: FakeApi;
let dir: string;
/** Everything any command printed, to check at the end that no credential leaked. */
const printed: string[] = [];

async function wcs(...args: Parameters<typeof cli>) {
  const result = await cli(...args);
  printed.push(result.all);
  return result;
}

beforeAll(async () => {
  api = await startApi();
  dir = await mkdtemp(join(tmpdir(), 'wechat-cs-'));
});

afterAll(async () => {
  await api.close();
  await rm(dir, { recursive: true, force: true });
});

describe('token', () => {
  it('fetches a token without printing it', async () => {
    const result = await wcs(['token'], miniEnv(api));
    expect(result.code).toBe(ExitCode.ok);
    expect(result.stdout).toContain('fetched from /cgi-bin/stable_token');
    expect(result.stdout).toContain('pass --reveal');
    expect(api.world.tokenRequests(MINI.appId)).toBeGreaterThan(0);
  });

  it('prints exactly a working token with --reveal', async () => {
    const { code, stdout } = await cli(['token', '--reveal'], miniEnv(api));
    expect(code).toBe(ExitCode.ok);
    const token = stdout.trim();
    expect(stdout).toBe(`${token}\n`);
    api.world.userSent(MINI.appId, 'o_token_user');
    const response = await request(`${api.url}/cgi-bin/message/custom/send?access_token=${token}`, {
      method: 'POST',
      body: JSON.stringify({ touser: 'o_token_user', msgtype: 'text', text: { content: 'hi' } }),
    });
    expect(await response.body.json()).toEqual({ errcode: 0, errmsg: 'ok' });
  });

  it('uses the classic endpoint with --classic and forces a new token with --force-refresh', async () => {
    const classic = await wcs(['token', '--classic', '--json'], miniEnv(api));
    expect(JSON.parse(classic.stdout)).toMatchObject({ ok: true, endpoint: '/cgi-bin/token' });
    expect(api.world.requests().some((r) => r.path === '/cgi-bin/token' && r.status === 200)).toBe(true);
    const before = (await cli(['token', '--reveal'], miniEnv(api))).stdout.trim();
    const forced = (await cli(['token', '--reveal', '--force-refresh'], miniEnv(api))).stdout.trim();
    expect(forced).not.toBe(before);
  });

  it('reports a wrong secret as exit code 1 with the errcode', async () => {
    const result = await wcs(['token'], miniEnv(api, { WECHAT_SECRET: 'wrong-secret-value' }));
    expect(result.code).toBe(ExitCode.failure);
    expect(result.stderr).toContain('40125');
    expect(result.all).not.toContain('wrong-secret-value');
  });
});

describe('send', () => {
  it('sends a text made of the remaining arguments', async () => {
    api.world.userSent(MINI.appId, 'o_send_text');
    const result = await wcs(['send', 'o_send_text', '你好', '世界'], miniEnv(api));
    expect(result).toMatchObject({ code: ExitCode.ok, stdout: 'sent text to o_send_text\n' });
    const [message] = api.world.messages(MINI.appId, 'o_send_text');
    expect(message?.payload).toEqual({
      touser: 'o_send_text',
      msgtype: 'text',
      text: { content: '你好 世界' },
    });
  });

  it('reads the text from stdin and splits it with --split, in order', async () => {
    api.world.userSent(MINI.appId, 'o_send_split');
    const text = `${'第一段'.repeat(200)}\n${'第二段'.repeat(200)}\n${'第三段'.repeat(200)}\n`;
    const result = await wcs(['send', 'o_send_split', '-', '--split', '--json'], miniEnv(api), {
      stdin: text,
    });
    expect(result.code).toBe(ExitCode.ok);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: true,
      to: 'o_send_split',
      msgtype: 'text',
      sent: 3,
    });
    const contents = api.world
      .messages(MINI.appId, 'o_send_split')
      .map((m) => (m.payload.text as { content: string }).content);
    expect(contents).toEqual(['第一段'.repeat(200), '第二段'.repeat(200), '第三段'.repeat(200)]);
  });

  it('refuses text over 2048 bytes without --split, before calling WeChat (exit code 2)', async () => {
    api.world.userSent(MINI.appId, 'o_send_long');
    const result = await wcs(['send', 'o_send_long', '长'.repeat(700)], miniEnv(api));
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain("over WeChat's 2048: pass --split");
    expect(api.world.messages(MINI.appId, 'o_send_long')).toEqual([]);
  });

  it('uploads an image, then sends it and a mini-program card with its media_id', async () => {
    api.world.userSent(MINI.appId, 'o_send_media');
    const file = join(dir, 'photo.png');
    await writeFile(file, PNG);
    const upload = await wcs(['upload', file], miniEnv(api));
    expect(upload.code).toBe(ExitCode.ok);
    const mediaId = upload.stdout.trim();
    expect(api.world.getMedia(MINI.appId, mediaId)?.data).toEqual(PNG);
    expect((await wcs(['send', 'o_send_media', '--image', mediaId], miniEnv(api))).code).toBe(ExitCode.ok);
    const card = ['--page', 'pages/order/detail?id=7', '--title', '订单 7', '--thumb-media-id', mediaId];
    expect((await wcs(['send', 'o_send_media', ...card, '--ai'], miniEnv(api))).code).toBe(ExitCode.ok);
    const payloads = api.world.messages(MINI.appId, 'o_send_media').map((m) => m.payload);
    expect(payloads).toEqual([
      { touser: 'o_send_media', msgtype: 'image', image: { media_id: mediaId } },
      {
        touser: 'o_send_media',
        msgtype: 'miniprogrampage',
        miniprogrampage: { title: '订单 7', pagepath: 'pages/order/detail?id=7', thumb_media_id: mediaId },
        aimsgcontext: { is_ai_msg: 1 },
      },
    ]);
  });

  it('sends as an agent account of an official account with --as', async () => {
    api.world.userSent(OFFICIAL.appId, 'o_send_oa');
    const result = await wcs(['send', 'o_send_oa', 'hello', '--as', 'kf2001@gh_test'], officialEnv(api));
    expect(result.code).toBe(ExitCode.ok);
    expect(api.world.messages(OFFICIAL.appId, 'o_send_oa')[0]?.payload.customservice).toEqual({
      kf_account: 'kf2001@gh_test',
    });
  });

  it('sends a raw payload as given', async () => {
    api.world.userSent(MINI.appId, 'o_send_raw');
    const payload = '{"msgtype":"text","text":{"content":"raw"}}';
    expect((await wcs(['send', 'o_send_raw', '--payload', payload], miniEnv(api))).code).toBe(ExitCode.ok);
    expect(api.world.messages(MINI.appId, 'o_send_raw')[0]?.payload).toEqual({
      touser: 'o_send_raw',
      msgtype: 'text',
      text: { content: 'raw' },
    });
  });

  it('answers a refusal from WeChat with exit code 1 and its errcode, as text or JSON', async () => {
    const text = await wcs(['send', 'o_never_wrote', 'hi'], miniEnv(api));
    expect(text.code).toBe(ExitCode.failure);
    expect(text.stderr).toMatch(/^wechat-cs send: WeChat API \/cgi-bin\/message\/custom\/send failed: 40003/);
    const json = await wcs(['send', 'o_never_wrote', 'hi', '--json'], miniEnv(api));
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      error: { name: 'InvalidOpenIdError', errcode: 40003 },
    });
  });

  it('refuses an official-account kind on a mini program before calling WeChat', async () => {
    api.world.userSent(MINI.appId, 'o_send_kind');
    const result = await wcs(['send', 'o_send_kind', 'hi', '--as', 'kf@gh'], miniEnv(api));
    expect(result.code).toBe(ExitCode.usage);
    expect(result.stderr).toContain('only official accounts can send as an agent account');
  });
});

describe('typing', () => {
  it('shows and cancels the indicator; showing it twice is fine', async () => {
    api.world.userSent(MINI.appId, 'o_typing');
    expect((await wcs(['typing', 'o_typing'], miniEnv(api))).stdout).toBe(
      'typing… shown to o_typing (up to 15 s)\n',
    );
    expect(api.world.typingState(MINI.appId, 'o_typing')).toBe('Typing');
    const again = await wcs(['typing', 'o_typing', '--json'], miniEnv(api));
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, errcode: 45081 });
    expect((await wcs(['typing', 'o_typing', '--cancel'], miniEnv(api))).code).toBe(ExitCode.ok);
    expect(api.world.typingState(MINI.appId, 'o_typing')).toBe('None');
  });

  it('reports 45080 (no message in the last 30 s) as exit code 1', async () => {
    api.world.userEntered(MINI.appId, 'o_typing_entered');
    const result = await wcs(['typing', 'o_typing_entered'], miniEnv(api));
    expect(result.code).toBe(ExitCode.failure);
    expect(result.stderr).toContain('45080');
  });
});

describe('upload and download', () => {
  it('uploads from stdin and downloads the same bytes to a file, to stdout and under the server’s name', async () => {
    const upload = await wcs(['upload', '-', '--json'], miniEnv(api), { stdin: PNG });
    const { media_id: mediaId, type } = JSON.parse(upload.stdout) as { media_id: string; type: string };
    expect(type).toBe('image');
    const target = join(dir, 'copy.png');
    const saved = await wcs(['download', mediaId, '-o', target], miniEnv(api));
    expect(saved.code).toBe(ExitCode.ok);
    expect(await readFile(target)).toEqual(PNG);
    const piped = await cli(['download', mediaId, '-o', '-'], miniEnv(api));
    expect(piped.bytes).toEqual(PNG);
    const named = await wcs(['download', mediaId, '--json'], miniEnv(api), { cwd: dir });
    const { path } = JSON.parse(named.stdout) as { path: string };
    expect(path).toBe(join(dir, `${mediaId}.png`));
    expect(await readFile(path)).toEqual(PNG);
  });

  it('does not overwrite a file without --force', async () => {
    const mediaId = JSON.parse(
      (await cli(['upload', '-', '--json'], miniEnv(api), { stdin: PNG })).stdout,
    ).media_id;
    const target = join(dir, 'exists.png');
    await writeFile(target, 'keep me');
    const refused = await wcs(['download', mediaId, '-o', target], miniEnv(api));
    expect(refused.code).toBe(ExitCode.failure);
    expect(refused.stderr).toContain('pass --force');
    expect(await readFile(target, 'utf8')).toBe('keep me');
    expect((await wcs(['download', mediaId, '-o', target, '--force'], miniEnv(api))).code).toBe(ExitCode.ok);
    expect(await readFile(target)).toEqual(PNG);
  });

  it('reports an unknown media_id (40007), a missing file and a type the account cannot upload', async () => {
    const unknown = await wcs(['download', 'no-such-media'], miniEnv(api));
    expect(unknown.code).toBe(ExitCode.failure);
    expect(unknown.stderr).toContain('40007');
    const missing = await wcs(['upload', join(dir, 'nope.png')], miniEnv(api));
    expect(missing.code).toBe(ExitCode.usage);
    expect(missing.stderr).toContain('no such file');
    const voice = await wcs(['upload', '-', '--type', 'voice'], miniEnv(api), { stdin: PNG });
    expect(voice.code).toBe(ExitCode.usage);
    expect(voice.stderr).toContain('a miniprogram can upload image, not voice');
  });
});

describe('secrets', () => {
  it('no command printed a credential or an unrevealed access token', () => {
    const everything = printed.join('\n');
    expect(everything.length).toBeGreaterThan(0);
    for (const secret of CREDENTIALS) expect(everything).not.toContain(secret);
    expect(everything).not.toMatch(/access_token=[^[]/);
  });
});
