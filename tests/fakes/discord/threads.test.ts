import { once } from 'node:events';
import {
  ChannelType,
  Client,
  Events,
  GatewayIntentBits,
  type Interaction,
  PermissionFlagsBits,
  type TextChannel,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, MEMBER_PERMISSIONS, startFakeDiscord } from './index.js';

let fake: FakeDiscord;
let client: Client;

beforeAll(async () => {
  fake = await startFakeDiscord({ users: ['alice', 'bob'] });
  client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.restUrl } });
  const ready = once(client, Events.ClientReady);
  await client.login(fake.token);
  await ready;
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

async function general(): Promise<TextChannel> {
  const channel = await client.channels.fetch(fake.channelId);
  if (channel?.type !== ChannelType.GuildText) throw new Error('expected #general');
  return channel;
}

function nextInteraction(): Promise<Interaction> {
  return new Promise((resolve) => client.once(Events.InteractionCreate, resolve));
}

describe('private threads and their members', () => {
  it('lists the bot and each member added, once, and shows the thread to members only', async () => {
    const thread = await (await general()).threads.create({
      name: 'Panel',
      type: ChannelType.PrivateThread,
      invitable: false,
    });
    expect(fake.channel(thread.id)).toMatchObject({ type: 12, thread_metadata: { invitable: false } });
    await thread.members.add(fake.user('alice').id);
    await thread.members.add(fake.user('alice').id);
    expect(fake.threadMembers(thread.id)).toEqual([fake.botUser.id, fake.user('alice').id]);
    expect(fake.channel(thread.id)).toMatchObject({ member_count: 2 });
    expect(() => fake.threadMessage({ user: 'alice', threadId: thread.id, content: 'hi' })).not.toThrow();
    expect(() => fake.threadMessage({ user: 'bob', threadId: thread.id, content: 'hi' })).toThrow(
      /not in private thread/,
    );
  });

  it('lets a member who may manage threads see a private thread they are not in', async () => {
    const thread = await (await general()).threads.create({ name: 'Moderated', type: ChannelType.PrivateThread });
    fake.setPermissions('bob', BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageThreads);
    try {
      expect(() => fake.threadMessage({ user: 'bob', threadId: thread.id, content: 'hi' })).not.toThrow();
    } finally {
      fake.setPermissions('bob', BigInt(MEMBER_PERMISSIONS));
    }
  });
});

describe('permissions', () => {
  it('carries each member permissions and the bot permissions in interactions', async () => {
    fake.setPermissions('alice', BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageChannels);
    const arrived = nextInteraction();
    fake.slashCommand({ user: 'alice', name: 'anything' });
    const interaction = await arrived;
    expect(interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels)).toBe(true);
    expect(interaction.appPermissions.has(PermissionFlagsBits.CreatePrivateThreads)).toBe(true);
  });

  it('refuses a private thread with 50013 when the bot may not create one, and still allows a public one', async () => {
    fake.setBotPermissions(BigInt(MEMBER_PERMISSIONS) & ~PermissionFlagsBits.CreatePrivateThreads);
    try {
      const channel = await general();
      await expect(channel.threads.create({ name: 'Nope', type: ChannelType.PrivateThread })).rejects.toMatchObject({
        code: 50013,
        status: 403,
      });
      const message = await channel.send('Lobby');
      const thread = await message.startThread({ name: 'Public panel' });
      expect(fake.channel(thread.id)).toMatchObject({ type: 11 });
    } finally {
      fake.setBotPermissions(BigInt(MEMBER_PERMISSIONS));
    }
  });
});
