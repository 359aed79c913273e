import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../adapters/discord/commands.js';
import { register } from '../../../scripts/register.js';
import { type FakeDiscord, startFakeDiscord } from '../../fakes/discord/index.js';

let fake: FakeDiscord;

beforeAll(async () => {
  fake = await startFakeDiscord();
});

afterAll(async () => {
  await fake?.close();
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

const env = () => ({ DISCORD_TOKEN: fake.token, DISCORD_APPLICATION_ID: fake.applicationId });

describe('npm run register', () => {
  it('PUTs /interview and /panel globally when no server is named', async () => {
    const { io, out } = capture();
    expect(await register([], env(), io, { api: fake.restUrl })).toBe(0);
    expect(fake.commands().map((c) => c.name)).toEqual(['interview', 'panel']);
    expect(fake.recordsOf('commands').at(-1)).toMatchObject({ method: 'PUT', status: 200, guildId: undefined });
    expect(out).toEqual([expect.stringMatching(/^Registered \/interview, \/panel globally/)]);
  });

  it('sends to DISCORD_API_URL when the environment names one, as the bot does', async () => {
    const { io } = capture();
    const before = fake.recordsOf('commands').length;
    expect(await register([], { ...env(), DISCORD_API_URL: fake.restUrl }, io)).toBe(0);
    expect(fake.recordsOf('commands').slice(before)).toEqual([expect.objectContaining({ method: 'PUT', status: 200 })]);
  });

  it('PUTs to DISCORD_GUILD_ID for development, unless --global', async () => {
    const { io, out } = capture();
    const guild = { ...env(), DISCORD_GUILD_ID: fake.guildId };
    expect(await register([], guild, io, { api: fake.restUrl })).toBe(0);
    expect(fake.commands(fake.guildId).map((c) => c.name)).toEqual(['interview', 'panel']);
    expect(out[0]).toContain(`in server ${fake.guildId}`);
    const before = fake.recordsOf('commands').length;
    expect(await register(['--global'], guild, io, { api: fake.restUrl })).toBe(0);
    expect(fake.recordsOf('commands').slice(before)).toEqual([expect.objectContaining({ guildId: undefined })]);
  });

  it('registers subcommands the fake accepts as Discord would, options included', () => {
    const invocation = {
      user: 'alice',
      name: 'interview',
      subcommand: 'start',
      options: { questions: 3, role: 'retail' },
    };
    expect(() => fake.slashCommand(invocation)).not.toThrow();
    expect(() => fake.slashCommand({ ...invocation, options: { role: 'astronaut' } })).toThrow(/choices/);
    expect(() => fake.slashCommand({ user: 'alice', name: 'interview', subcommand: 'forget' })).not.toThrow();
    const open = { user: 'alice', name: 'panel', subcommand: 'open', options: { 'questions-per-person': 2 } };
    expect(() => fake.slashCommand({ ...open, options: { ...open.options, role: 'retail' } })).not.toThrow();
    expect(() => fake.slashCommand({ user: 'alice', name: 'panel', subcommand: 'remove' })).toThrow(/member/);
  });

  it('prints the JSON with --dry-run and sends nothing', async () => {
    const { io, out } = capture();
    const before = fake.records.length;
    expect(await register(['--dry-run'], {}, io)).toBe(0);
    expect(JSON.parse(out.join('\n'))).toEqual(commandDefinitions);
    expect(fake.records.length).toBe(before);
  });

  it('names a missing variable in one line', async () => {
    const noToken = capture();
    expect(await register([], { DISCORD_APPLICATION_ID: fake.applicationId }, noToken.io)).toBe(2);
    expect(noToken.err).toEqual([expect.stringMatching(/^DISCORD_TOKEN is not set: /)]);
    const noApp = capture();
    expect(await register([], { DISCORD_TOKEN: fake.token }, noApp.io)).toBe(2);
    expect(noApp.err).toEqual(['Configuration: DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set']);
  });

  it('says in one line why Discord refused', async () => {
    const { io, err } = capture();
    const wrong = { DISCORD_TOKEN: `${fake.token.slice(0, -4)}AAAA`, DISCORD_APPLICATION_ID: fake.applicationId };
    expect(await register([], wrong, io, { api: fake.restUrl })).toBe(1);
    expect(err).toEqual([expect.stringMatching(/^Discord refused the commands: 401 .*check DISCORD_TOKEN/)]);
  });
});
