import { webApi } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './index.js';

let fake: FakeSlack;
let client: webApi.WebClient;
beforeAll(async () => {
  fake = await startFakeSlack({ channels: ['C0THREAD01'] });
  client = new webApi.WebClient(fake.identity.botToken, fake.clientOptions());
});
afterAll(async () => {
  await fake.close();
});

const channel = 'C0THREAD01';

describe('the app’s replies in a thread', () => {
  it('mark the parent as a thread’s parent and name who wrote it, as Slack does', async () => {
    const parent = await client.chat.postMessage({ channel, text: 'lobby' });
    const ts = parent.ts ?? '';
    const reply = await client.chat.postMessage({ channel, text: 'first reply', thread_ts: ts });
    expect(reply.message).toMatchObject({ thread_ts: ts, parent_user_id: fake.identity.botUserId });
    expect(fake.messages(channel).find((m) => m.ts === ts)).toMatchObject({
      thread_ts: ts,
      reply_count: 1,
      latest_reply: reply.ts,
    });
    expect(fake.thread(channel, ts).map((m) => m.text)).toEqual(['first reply']);
  });
});

describe('ephemeral messages', () => {
  it('are kept per user, and count as shown in a thread only once the thread has a reply', async () => {
    const parent = await client.chat.postMessage({ channel, text: 'a parent with no replies' });
    const ts = parent.ts ?? '';
    await client.chat.postEphemeral({ channel, user: 'U0EPH00001', text: 'too early', thread_ts: ts });
    await client.chat.postMessage({ channel, text: 'now a thread', thread_ts: ts });
    await client.chat.postEphemeral({ channel, user: 'U0EPH00001', text: 'seen', thread_ts: ts });
    await client.chat.postEphemeral({ channel, user: 'U0EPH00001', text: 'in the channel' });
    expect(fake.ephemerals('U0EPH00001').map((m) => [m.text, m.shown])).toEqual([
      ['too early', false],
      ['seen', true],
      ['in the channel', true],
    ]);
    expect(fake.ephemerals('U0OTHER001')).toEqual([]);
    expect(fake.messages(channel).some((m) => m.text === 'seen')).toBe(false);
  });
});

describe('users.info', () => {
  it('answers the names and workspace roles set on the fake, and a plain member otherwise', async () => {
    fake.setMember('U0ADMIN001', { displayName: 'Ada', realName: 'Ada L', isAdmin: true });
    fake.setMember('U0OWNER001', { isPrimaryOwner: true });
    const admin = (await client.users.info({ user: 'U0ADMIN001' })).user;
    const owner = (await client.users.info({ user: 'U0OWNER001' })).user;
    const plain = (await client.users.info({ user: 'U0PLAIN001' })).user;
    expect(admin).toMatchObject({
      is_admin: true,
      is_owner: false,
      real_name: 'Ada L',
      profile: { display_name: 'Ada' },
    });
    expect(owner).toMatchObject({ is_admin: false, is_owner: true, is_primary_owner: true });
    expect(plain).toMatchObject({ is_admin: false, is_owner: false, is_primary_owner: false, deleted: false });
  });
});

describe('payloads from a channel', () => {
  it('a reply in a thread carries thread_ts and parent_user_id; a top-level message neither', async () => {
    const parent = await client.chat.postMessage({ channel, text: 'the app’s parent' });
    const reply = fake.payloads.channelMessage({ user: 'U0ANN0001', channel, text: 'hi', threadTs: parent.ts ?? '' });
    expect(reply).toMatchObject({
      channel_type: 'channel',
      thread_ts: parent.ts,
      parent_user_id: fake.identity.botUserId,
    });
    const elsewhere = fake.payloads.channelMessage({
      user: 'U0ANN0001',
      channel,
      text: 'hi',
      threadTs: '1600000000.000001',
      parentUser: 'U0CY00001',
      channelType: 'group',
    });
    expect(elsewhere).toMatchObject({ channel_type: 'group', parent_user_id: 'U0CY00001' });
    const top = fake.payloads.channelMessage({ user: 'U0ANN0001', channel, text: 'hi' });
    expect(top.thread_ts).toBeUndefined();
    expect(top.parent_user_id).toBeUndefined();
  });

  it('a click on a message in a thread names the thread in its container', async () => {
    const parent = await client.chat.postMessage({ channel, text: 'parent' });
    const blocks = [
      { type: 'actions', elements: [{ type: 'button', action_id: 'go', text: { type: 'plain_text', text: 'Go' } }] },
    ];
    await client.chat.postMessage({ channel, text: 'reply', blocks, thread_ts: parent.ts ?? '' });
    const payload = fake.payloads.blockActions({ user: 'U0ANN0001', actionId: 'go', channel });
    expect(payload.container).toMatchObject({ channel_id: channel, thread_ts: parent.ts });
  });
});
