import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  type Interaction,
  LabelBuilder,
  type Message,
  MessageFlags,
  ModalBuilder,
  Partials,
  Routes,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeDiscord, messageIssues, startFakeDiscord } from './discord/index.js';

// The fake reads this clock, so a test can age an interaction past a deadline without sleeping.
let skewMs = 0;
const clock = () => Date.now() + skewMs;

let fake: FakeDiscord;
let client: Client;

const BASE_INTENTS = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages];

async function connect(intents: readonly GatewayIntentBits[] = BASE_INTENTS): Promise<Client<true>> {
  const next = new Client({ intents: [...intents], partials: [Partials.Channel], rest: { api: fake.restUrl } });
  const ready = once(next, Events.ClientReady);
  await next.login(fake.token);
  await ready;
  return next as Client<true>;
}

function nextInteraction(from: Client = client): Promise<Interaction> {
  return new Promise((resolve) => from.once(Events.InteractionCreate, resolve));
}

function nextUserMessage(from: Client = client): Promise<Message> {
  return new Promise((resolve) => {
    const listener = (message: Message) => {
      if (message.author.bot) return;
      from.off(Events.MessageCreate, listener);
      resolve(message);
    };
    from.on(Events.MessageCreate, listener);
  });
}

async function slashCommand(name = 'interview', subcommand = 'start') {
  const arrived = nextInteraction();
  const handle = fake.slashCommand({ user: 'alice', name, subcommand, options: { topic: 'refunds' } });
  const interaction = await arrived;
  if (!interaction.isChatInputCommand()) throw new Error(`expected a slash command, got ${interaction.type}`);
  return { handle, interaction };
}

async function textChannel() {
  const channel = await client.channels.fetch(fake.channelId);
  if (channel?.type !== ChannelType.GuildText) throw new Error('expected the guild text channel');
  return channel;
}

beforeAll(async () => {
  fake = await startFakeDiscord({ clock, users: ['alice', 'bob'] });
  client = await connect();
  await client.application?.commands.set([
    {
      name: 'interview',
      description: 'Practise an interview',
      options: [
        {
          type: 1,
          name: 'start',
          description: 'Start one',
          options: [{ type: 3, name: 'topic', description: 'What about', required: true }],
        },
        { type: 1, name: 'stop', description: 'Stop it' },
      ],
    },
  ]);
});

afterAll(async () => {
  await client?.destroy();
  await fake?.close();
});

describe('logging in', () => {
  it('becomes ready as the fake bot with the guild, its channel and members cached', () => {
    expect(client.user?.id).toBe(fake.botUser.id);
    const guild = client.guilds.cache.get(fake.guildId);
    expect(guild?.channels.cache.get(fake.channelId)?.name).toBe('general');
    expect(guild?.members.cache.has(fake.user('alice').id)).toBe(true);
    expect(fake.sessions()).toEqual([expect.objectContaining({ connected: true, intents: 4097 })]);
  });

  it('serves the application and the users the client fetches', async () => {
    const application = await client.application?.fetch();
    expect(application?.id).toBe(fake.applicationId);
    expect((await client.users.fetch(fake.user('bob').id)).username).toBe('bob');
    await expect(client.users.fetch('123456789012345678', { force: true })).rejects.toMatchObject({ code: 10013 });
  });

  it('acknowledges heartbeats, so the client measures a ping', async () => {
    const quick = await startFakeDiscord({ heartbeatIntervalMs: 20 });
    const other = new Client({ intents: BASE_INTENTS, rest: { api: quick.restUrl } });
    try {
      const ready = once(other, Events.ClientReady);
      await other.login(quick.token);
      await ready;
      await expect.poll(() => other.ws.ping, { timeout: 1000, interval: 10 }).toBeGreaterThanOrEqual(0);
    } finally {
      await other.destroy();
      await quick.close();
    }
  });

  it('ends the session of a client still connected when the fake closes', async () => {
    const closing = await startFakeDiscord();
    const other = new Client({ intents: BASE_INTENTS, rest: { api: closing.restUrl } });
    const ready = once(other, Events.ClientReady);
    await other.login(closing.token);
    await ready;
    const disconnected = once(other, Events.ShardDisconnect);
    await closing.close();
    await disconnected;
    await other.destroy();
  });
});

describe('registering commands', () => {
  it('stores what the client PUTs and answers with ids', () => {
    expect(fake.commands().map((command) => command.name)).toEqual(['interview']);
    const [put] = fake.recordsOf('commands');
    expect(put).toMatchObject({ method: 'PUT', status: 200, guildId: undefined });
    expect(client.application?.commands.cache.first()?.id).toBe(fake.commands()[0]?.id);
  });
});

describe('registering guild commands', () => {
  it('keeps them apart from the global ones', async () => {
    await client.application?.commands.set([{ name: 'practice', description: 'Guild only' }], fake.guildId);
    expect(fake.commands(fake.guildId).map((command) => command.name)).toEqual(['practice']);
    expect(fake.commands().map((command) => command.name)).toEqual(['interview']);
    expect(fake.recordsOf('commands').at(-1)).toMatchObject({ guildId: fake.guildId, status: 200 });
  });
});

describe('a slash command', () => {
  it('arrives as a ChatInputCommandInteraction with its subcommand and options', async () => {
    const { interaction } = await slashCommand();
    expect(interaction.commandName).toBe('interview');
    expect(interaction.options.getSubcommand()).toBe('start');
    expect(interaction.options.getString('topic')).toBe('refunds');
    expect(interaction.guildId).toBe(fake.guildId);
    expect(interaction.user.username).toBe('alice');
    await interaction.deferReply();
  });

  it('is refused before sending when it is not registered', () => {
    expect(() => fake.slashCommand({ user: 'alice', name: 'nope' })).toThrow(/not registered/);
    expect(() => fake.slashCommand({ user: 'alice', name: 'interview', subcommand: 'start' })).toThrow(/topic/);
  });

  it('lands a reply as a type-4 callback with its flags and allowed mentions', async () => {
    const { handle, interaction } = await slashCommand();
    await interaction.reply({ content: 'Hello <@1>', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } });
    const callback = await handle.callback();
    expect(callback).toMatchObject({ status: 204, callbackType: 4 });
    expect(callback.body).toMatchObject({
      type: 4,
      data: { content: 'Hello <@1>', flags: 64, allowed_mentions: { parse: [] } },
    });
    expect((await handle.nextMessage()).content).toBe('Hello <@1>');
  });

  it('answers withResponse with the message it created', async () => {
    const { interaction } = await slashCommand();
    const response = await interaction.reply({ content: 'Welcome', withResponse: true });
    expect(response.resource?.message?.content).toBe('Welcome');
  });

  it('lands deferReply as type 5 and editReply as a PATCH of @original', async () => {
    const { handle, interaction } = await slashCommand();
    await interaction.deferReply();
    await interaction.editReply('Question 1');
    expect((await handle.callback()).callbackType).toBe(5);
    const edit = await handle.waitFor((record) => record.kind === 'webhook-message' && record.action === 'edit');
    expect(edit).toMatchObject({ method: 'PATCH', target: '@original', status: 200 });
    expect((await handle.nextMessage()).content).toBe('Question 1');
  });

  it('lands a follow-up on the interaction webhook', async () => {
    const { handle, interaction } = await slashCommand();
    await interaction.reply('First');
    await interaction.followUp({ content: 'Second', flags: MessageFlags.Ephemeral });
    const contents = [await handle.nextMessage(), await handle.nextMessage()].map((message) => message.content);
    expect(contents).toEqual(['First', 'Second']);
  });

  it('refuses a second acknowledgement with 40060', async () => {
    const { interaction } = await slashCommand();
    await interaction.reply('Once');
    const again = client.rest.post(Routes.interactionCallback(interaction.id, interaction.token), {
      body: { type: 4, data: { content: 'Twice' } },
      auth: false,
    });
    await expect(again).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(again).rejects.toMatchObject({ code: 40060, status: 400 });
  });

  it('refuses a reply after the 3-second deadline with 10062', async () => {
    const { interaction } = await slashCommand();
    skewMs += 3001;
    await expect(interaction.reply('Too late')).rejects.toMatchObject({ code: 10062, status: 404 });
  });

  it('refuses a follow-up once the 15-minute token has expired with 50027', async () => {
    const { interaction } = await slashCommand();
    await interaction.deferReply();
    skewMs += 15 * 60_000 + 1;
    await expect(interaction.editReply('Much later')).rejects.toMatchObject({ code: 50027, status: 401 });
  });

  it('arrives from a DM with a user, no member and a DM channel', async () => {
    const arrived = nextInteraction();
    fake.slashCommand({ user: 'bob', name: 'interview', subcommand: 'stop', dm: true });
    const interaction = await arrived;
    expect(interaction.inGuild()).toBe(false);
    expect(interaction.member).toBeNull();
    expect(interaction.user.username).toBe('bob');
    expect(interaction.channel?.isDMBased()).toBe(true);
  });
});

describe('a button', () => {
  async function buttonMessage() {
    const { handle, interaction } = await slashCommand();
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('next').setLabel('Next').setStyle(ButtonStyle.Primary),
    );
    await interaction.reply({ content: 'Ready?', components: [row] });
    return (await handle.nextMessage()).id;
  }

  it('arrives as a ButtonInteraction and update lands as type 7 editing the message', async () => {
    const messageId = await buttonMessage();
    const arrived = nextInteraction();
    const click = fake.clickButton({ user: 'alice', messageId, customId: 'next' });
    const interaction = await arrived;
    if (!interaction.isButton()) throw new Error('expected a button');
    expect(interaction.customId).toBe('next');
    expect(interaction.message.id).toBe(messageId);
    await interaction.update({ content: 'Question 1', components: [] });
    expect((await click.callback()).callbackType).toBe(7);
    expect(fake.message(messageId)).toMatchObject({ content: 'Question 1', components: [] });
  });

  it('accepts deferUpdate as type 6, after which editReply edits the same message', async () => {
    const messageId = await buttonMessage();
    const arrived = nextInteraction();
    const click = fake.clickButton({ user: 'alice', messageId, customId: 'next' });
    const interaction = await arrived;
    if (!interaction.isButton()) throw new Error('expected a button');
    await interaction.deferUpdate();
    await interaction.editReply({ content: 'Thinking done' });
    expect((await click.callback()).callbackType).toBe(6);
    expect(fake.message(messageId)?.content).toBe('Thinking done');
  });

  it('delivers a select menu choice with its values', async () => {
    const { handle, interaction } = await slashCommand();
    const menu = {
      type: 3,
      custom_id: 'level',
      options: [
        { label: 'Easy', value: 'easy' },
        { label: 'Hard', value: 'hard' },
      ],
    };
    await interaction.reply({ content: 'Pick a level', components: [{ type: 1, components: [menu] }] } as never);
    const messageId = (await handle.nextMessage()).id;
    const arrived = nextInteraction();
    fake.selectMenu({ user: 'alice', messageId, customId: 'level', values: ['hard'] });
    const chosen = await arrived;
    if (!chosen.isStringSelectMenu()) throw new Error('expected a string select');
    expect(chosen.values).toEqual(['hard']);
  });

  it('cannot be clicked when the message has no such button', async () => {
    const messageId = await buttonMessage();
    expect(() => fake.clickButton({ user: 'alice', messageId, customId: 'missing' })).toThrow(/no component/);
  });
});

describe('a modal', () => {
  it('records showModal as type 9 and delivers the submission with its fields', async () => {
    const { handle, interaction } = await slashCommand();
    const input = new TextInputBuilder().setCustomId('answer').setStyle(TextInputStyle.Paragraph);
    const modal = new ModalBuilder()
      .setCustomId('answer-modal')
      .setTitle('Your answer')
      .addLabelComponents(new LabelBuilder().setLabel('Answer').setTextInputComponent(input));
    await interaction.showModal(modal);
    expect((await handle.callback()).callbackType).toBe(9);
    const arrived = nextInteraction();
    fake.submitModal({ user: 'alice', customId: 'answer-modal', fields: { answer: 'I would apologise first.' } });
    const submitted = await arrived;
    if (!submitted.isModalSubmit()) throw new Error('expected a modal submit');
    expect(submitted.fields.getTextInputValue('answer')).toBe('I would apologise first.');
  });

  it('refuses a text input value over 4,000 characters with 50035', async () => {
    const { interaction } = await slashCommand();
    const row = { type: 1, components: [{ type: 4, custom_id: 'a', label: 'A', style: 2, value: 'x'.repeat(4001) }] };
    const showing = interaction.showModal({ custom_id: 'long', title: 'Long', components: [row] } as never);
    await expect(showing).rejects.toMatchObject({ code: 50035, rawError: { errors: { data: { components: {} } } } });
  });
});

describe('direct messages', () => {
  it('reach messageCreate on a DM-based channel', async () => {
    const arrived = nextUserMessage();
    const sent = fake.dmMessage({ user: 'alice', content: 'hi bot' });
    const message = await arrived;
    expect(message.content).toBe('hi bot');
    expect(message.channel.isDMBased()).toBe(true);
    await message.reply('hi alice');
    expect((await sent.nextMessage()).content).toBe('hi alice');
  });

  it('open a DM channel for user.send and post to it', async () => {
    const dave = await client.users.fetch(fake.user('dave').id);
    const sent = await dave.send('Your report is ready');
    const channelId = fake.dmChannelOf('dave');
    expect(sent.channelId).toBe(channelId);
    expect(fake.recordsOf('dm-channel').at(-1)).toMatchObject({ recipientId: dave.id, channelId });
    expect(fake.messagesIn(channelId ?? '').map((message) => message.content)).toContain('Your report is ready');
  });

  it('fail with 50007 when the user has closed their DMs', async () => {
    const carol = await client.users.fetch(fake.user('carol').id);
    fake.closeDms('carol');
    await expect(carol.send('hello?')).rejects.toMatchObject({ code: 50007, status: 403 });
  });
});

describe('message limits', () => {
  it('refuses content over 2,000 characters with 50035 naming the field', async () => {
    const channel = await textChannel();
    await expect(channel.send('x'.repeat(2001))).rejects.toMatchObject({
      code: 50035,
      rawError: { errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } },
    });
  });

  it('refuses an embed description over 4,096 characters and embeds over 6,000 in total', async () => {
    const channel = await textChannel();
    const long = channel.send({ embeds: [{ description: 'x'.repeat(4097) }] });
    await expect(long).rejects.toMatchObject({ rawError: { errors: { embeds: { 0: { description: {} } } } } });
    const big = channel.send({ embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2001) }] });
    await expect(big).rejects.toMatchObject({
      rawError: { errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } },
    });
  });

  it('refuses six buttons in a row', async () => {
    const channel = await textChannel();
    const buttons = [1, 2, 3, 4, 5, 6].map((n) => ({ type: 2, style: 1, label: `${n}`, custom_id: `b${n}` }));
    const sending = channel.send({ content: 'pick', components: [{ type: 1, components: buttons }] } as never);
    await expect(sending).rejects.toMatchObject({ code: 50035 });
  });

  it('refuses an empty message with 50006', async () => {
    const channel = await textChannel();
    await expect(channel.send({ content: '' })).rejects.toMatchObject({ code: 50006 });
  });

  it('reads payload_json and files from a multipart upload', async () => {
    const channel = await textChannel();
    await channel.send({ content: 'with a file', files: [{ attachment: Buffer.from('hello'), name: 'notes.txt' }] });
    const record = fake.recordsOf('channel-message').at(-1);
    expect(record?.body?.content).toBe('with a file');
    expect(record?.files).toEqual([expect.objectContaining({ name: 'notes.txt', size: 5 })]);
  });
});

describe('HTTP details', () => {
  it('answers 204 with no body and no JSON content type', async () => {
    const response = await fetch(`${fake.restUrl}/v10/channels/${fake.channelId}/typing`, {
      method: 'POST',
      headers: { Authorization: `Bot ${fake.token}` },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('content-type')).toBeNull();
  });

  it('refuses a request without the bot token with 401', async () => {
    const response = await fetch(`${fake.restUrl}/v10/users/@me`);
    expect(response.status).toBe(401);
    expect(fake.recordsOf('unauthorized')).toHaveLength(1);
  });

  it('answers a 429 that discord.js waits out and retries, and the message still lands', async () => {
    fake.rateLimitOnce('POST /channels/:channelId/messages');
    const channel = await textChannel();
    const message = await channel.send('after the wait');
    const statuses = fake.recordsOf('rate-limited').length;
    expect(statuses).toBe(1);
    expect(fake.message(message.id)?.content).toBe('after the wait');
  });

  it('holds back a delayed route, so a later call on another route lands first', async () => {
    const channel = await textChannel();
    fake.delay('POST /channels/:channelId/typing', 100);
    try {
      await Promise.all([channel.sendTyping(), channel.send('not delayed')]);
    } finally {
      fake.delay('POST /channels/:channelId/typing', 0);
    }
    const kinds = fake.records.slice(-2).map((record) => record.kind);
    expect(kinds).toEqual(['channel-message', 'typing']);
  });

  it('answers an unknown route with 404 and records it', async () => {
    await expect(client.rest.get(Routes.guildBans(fake.guildId))).rejects.toMatchObject({ status: 404 });
    expect(fake.recordsOf('unknown-route').at(-1)).toMatchObject({
      method: 'GET',
      path: `/guilds/${fake.guildId}/bans`,
    });
  });
});

describe('threads and intents', () => {
  it('starts a thread from a message, taking the message id', async () => {
    const message = await (await textChannel()).send('Interview transcript');
    const thread = await message.startThread({ name: 'Transcript' });
    expect(thread.id).toBe(message.id);
    expect(fake.channel(thread.id)).toMatchObject({ type: ChannelType.PublicThread, parent_id: fake.channelId });
  });

  it('caches a thread the bot creates and delivers its messages only to clients with GuildMessages', async () => {
    const thread = await (await textChannel()).threads.create({ name: 'Interview with alice' });
    const listener = await connect([
      ...BASE_INTENTS,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.MessageContent,
    ]);
    try {
      expect(client.channels.cache.get(thread.id)?.isThread()).toBe(true);
      const arrived = nextUserMessage(listener);
      const sent = fake.threadMessage({ user: 'alice', threadId: thread.id, content: 'my answer' });
      expect(sent.deliveredTo).toBe(1);
      expect((await arrived).content).toBe('my answer');
    } finally {
      await listener.destroy();
    }
  });
});

describe('reconnecting', () => {
  it('resumes the session after op 7 and keeps receiving events', async () => {
    const resumed = once(client, Events.ShardResume);
    fake.requestReconnect();
    await resumed;
    expect(fake.sessions()[0]?.resumes).toBe(1);
    const { interaction } = await slashCommand();
    await interaction.reply('still here');
  });

  it('serves a second client on the same fake, and both clients get each interaction', async () => {
    const restarted = await connect();
    try {
      const first = nextInteraction(client);
      const second = nextInteraction(restarted);
      fake.slashCommand({ user: 'alice', name: 'interview', subcommand: 'stop' });
      const [a, b] = await Promise.all([first, second]);
      if (!a.isRepliable() || !b.isRepliable()) throw new Error('expected repliable interactions');
      await a.reply('from the old process');
      await expect(b.reply('from the new process')).rejects.toMatchObject({ code: 40060 });
    } finally {
      await restarted.destroy();
    }
    expect(fake.sessions()).toHaveLength(1);
  });
});

describe('limits checked without a server', () => {
  const row = (ids: readonly string[]) => ({
    type: 1,
    components: ids.map((id) => ({ type: 2, style: 1, label: 'ok', custom_id: id })),
  });
  const field = { name: 'n', value: 'v' };
  const cases: readonly [string, unknown, string][] = [
    ['an embed title over 256 characters', { embeds: [{ title: 'x'.repeat(257) }] }, 'embeds.0.title'],
    [
      'a field name over 256',
      { embeds: [{ fields: [{ name: 'x'.repeat(257), value: 'v' }] }] },
      'embeds.0.fields.0.name',
    ],
    [
      'a field value over 1,024',
      { embeds: [{ fields: [{ name: 'n', value: 'x'.repeat(1025) }] }] },
      'embeds.0.fields.0.value',
    ],
    ['more than 25 fields', { embeds: [{ fields: Array(26).fill(field) }] }, 'embeds.0.fields'],
    ['more than 10 embeds', { embeds: Array(11).fill({ title: 't' }) }, 'embeds'],
    ['more than 5 action rows', { components: [1, 2, 3, 4, 5, 6].map((n) => row([`r${n}`])) }, 'components'],
    [
      'a custom_id over 100 characters',
      { components: [row(['x'.repeat(101)])] },
      'components.0.components.0.custom_id',
    ],
    ['a custom_id used twice', { components: [row(['same', 'same'])] }, 'components.0.components.1.custom_id'],
  ];

  it.each(cases)('finds %s', (_name, body, path) => {
    expect(messageIssues(body).map((issue) => issue.path.join('.'))).toContain(path);
  });

  it('passes a message that sits exactly at every limit', () => {
    const fields = Array.from({ length: 25 }, () => ({ name: 'n', value: 'v'.repeat(64) }));
    const rows = [1, 2, 3, 4, 5].map((r) => row([1, 2, 3, 4, 5].map((b) => `${'x'.repeat(98)}${r}${b}`)));
    const embed = { title: 't'.repeat(256), description: 'd'.repeat(4096), fields };
    expect(messageIssues({ content: 'c'.repeat(2000), embeds: [embed], components: rows })).toEqual([]);
  });
});
