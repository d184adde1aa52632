import { afterEach, describe, expect, it } from 'vitest';
import type { FakeApi, TypingEvent } from '../../src/simulator/api/index.js';
import {
  classicToken,
  errcodeOf,
  type ManualClock,
  MINI,
  OFFICIAL,
  post,
  SEND,
  startApi,
} from './simulator-api-helpers.js';

const MINI_TYPING = '/cgi-bin/message/custom/business/typing';
const OA_TYPING = '/cgi-bin/message/custom/typing';
const USER = 'oTypingUser_0123456789abcdef';

let api: FakeApi;
let clock: ManualClock;
let token: string;
afterEach(() => api.close());

async function start(): Promise<void> {
  ({ api, clock } = await startApi());
  token = await classicToken(api, MINI);
}

async function typing(command: unknown, touser = USER, path = MINI_TYPING, accessToken = token) {
  return errcodeOf(await post(api, path, accessToken, { touser, command }));
}

describe('typing (SPEC §5)', () => {
  it('shows Typing for 15 s after a user message, and refuses a second while it shows (45081)', async () => {
    await start();
    const events: TypingEvent[] = [];
    api.world.onTyping((event) => events.push(event));
    api.world.userSent(MINI.appId, USER);
    expect(await typing('Typing')).toBe(0);
    expect(api.world.typingState(MINI.appId, USER)).toBe('Typing');
    expect(events).toEqual([{ appId: MINI.appId, openid: USER, command: 'Typing', at: clock() }]);
    clock.advance(15_000 - 1);
    expect(await typing('Typing')).toBe(45081);
    expect(api.world.typingState(MINI.appId, USER)).toBe('Typing');
    clock.advance(1);
    expect(api.world.typingState(MINI.appId, USER)).toBe('None');
    expect(await typing('Typing')).toBe(0);
  });

  it('needs a user message in the previous 30 s (45080); entering the chat is not one', async () => {
    await start();
    api.world.userEntered(MINI.appId, USER);
    expect(await typing('Typing')).toBe(45080);
    api.world.userSent(MINI.appId, USER);
    clock.advance(30_001);
    expect(await typing('Typing')).toBe(45080);
    api.world.userSent(MINI.appId, USER);
    clock.advance(30_000);
    expect(await typing('Typing')).toBe(0);
  });

  it('accepts only Typing and CancelTyping, case-sensitive (45072)', async () => {
    await start();
    api.world.userSent(MINI.appId, USER);
    expect(await typing('typing')).toBe(45072);
    expect(await typing(undefined)).toBe(45072);
    expect(api.world.typingState(MINI.appId, USER)).toBe('None');
  });

  it('CancelTyping clears the indicator', async () => {
    await start();
    const events: string[] = [];
    api.world.onTyping((event) => events.push(event.command));
    api.world.userSent(MINI.appId, USER);
    expect(await typing('Typing')).toBe(0);
    expect(await typing('CancelTyping')).toBe(0);
    expect(api.world.typingState(MINI.appId, USER)).toBe('None');
    expect(events).toEqual(['Typing', 'CancelTyping']);
    expect(await typing('Typing')).toBe(0);
  });

  it('a sent message cancels typing', async () => {
    await start();
    const events: string[] = [];
    api.world.onTyping((event) => events.push(event.command));
    api.world.userSent(MINI.appId, USER);
    expect(await typing('Typing')).toBe(0);
    const sent = await post(api, SEND, token, { touser: USER, msgtype: 'text', text: { content: 'done' } });
    expect(errcodeOf(sent)).toBe(0);
    expect(api.world.typingState(MINI.appId, USER)).toBe('None');
    expect(events).toEqual(['Typing', 'CancelTyping']);
  });

  it('needs the sending conditions: 45047 once the quota is used up', async () => {
    await start();
    api.world.userSent(MINI.appId, USER);
    for (let i = 0; i < 5; i++) {
      await post(api, SEND, token, { touser: USER, msgtype: 'text', text: { content: `m${i}` } });
    }
    expect(await typing('Typing')).toBe(45047);
  });

  it('answers 40003 for unknown users and 40200 on the other account kind path', async () => {
    await start();
    expect(await typing('Typing', 'oStranger')).toBe(40003);
    api.world.userSent(MINI.appId, USER);
    expect(await typing('Typing', USER, OA_TYPING)).toBe(40200);
    const oaToken = await classicToken(api, OFFICIAL);
    api.world.userSent(OFFICIAL.appId, USER);
    expect(await typing('Typing', USER, MINI_TYPING, oaToken)).toBe(40200);
    expect(await typing('Typing', USER, OA_TYPING, oaToken)).toBe(0);
    expect(api.world.typingState(OFFICIAL.appId, USER)).toBe('Typing');
    expect(api.world.typingState(MINI.appId, USER)).toBe('None');
  });
});
