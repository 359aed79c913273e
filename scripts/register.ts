import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { DiscordAPIError, REST, Routes } from 'discord.js';
import { commandDefinitions } from '../adapters/discord/commands.js';
import { loadConfig, parseConfig } from '../src/config.js';

/** Where the script writes: stdout for results, stderr for problems. */
export type RegisterIo = { readonly out: (line: string) => void; readonly err: (line: string) => void };

const usage = [
  'npm run register [-- --dry-run | --global]',
  '  registers /interview and /panel for DISCORD_APPLICATION_ID: to DISCORD_GUILD_ID when set (instant, for',
  '  development), otherwise globally. --global ignores DISCORD_GUILD_ID; --dry-run prints the JSON and sends nothing.',
].join('\n');

/**
 * `npm run register`: PUTs the command definitions globally or to DISCORD_GUILD_ID; resolves to the exit code.
 * `rest.api` points it elsewhere (tests use a fake Discord); otherwise DISCORD_API_URL, as the bot uses it.
 */
export async function register(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  io: RegisterIo,
  rest: { readonly api?: string } = {},
): Promise<number> {
  const unknown = argv.filter((arg) => !['--dry-run', '--global', '--help', '-h'].includes(arg));
  if (argv.includes('--help') || argv.includes('-h') || unknown.length > 0) {
    if (unknown.length > 0) io.err(`Unknown option: ${unknown.join(' ')}`);
    io.err(usage);
    return unknown.length > 0 ? 2 : 0;
  }
  if (argv.includes('--dry-run')) {
    io.out(JSON.stringify(commandDefinitions, null, 2));
    return 0;
  }
  const config = parseConfig(env);
  if (!config.ok) {
    for (const line of config.errors) io.err(`Configuration: ${line}`);
    return 2;
  }
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId } = config.value;
  if (token === undefined) {
    io.err('DISCORD_TOKEN is not set: copy the bot token from the Developer Portal (your app > Bot > Reset Token).');
    return 2;
  }
  if (applicationId === undefined) {
    io.err('DISCORD_APPLICATION_ID is not set: copy it from the Developer Portal (your app > General Information).');
    return 2;
  }
  const toGuild = guildId !== undefined && !argv.includes('--global');
  const route = toGuild
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const api = rest.api ?? config.value.DISCORD_API_URL;
  const client = new REST({ version: '10', ...(api === undefined ? {} : { api }) }).setToken(token);
  try {
    const saved = (await client.put(route, { body: commandDefinitions })) as readonly { readonly name: string }[];
    const names = saved.map((command) => `/${command.name}`).join(', ');
    io.out(
      toGuild
        ? `Registered ${names} in server ${guildId}: usable there now.`
        : `Registered ${names} globally: every server with the bot sees it (Discord may take a few minutes).`,
    );
    return 0;
  } catch (error) {
    const why =
      error instanceof DiscordAPIError
        ? `${error.status} ${error.message}${error.status === 401 ? ' (check DISCORD_TOKEN)' : ''}${error.code === 10002 ? ' (check DISCORD_APPLICATION_ID)' : ''}`
        : error instanceof Error
          ? error.message
          : String(error);
    io.err(`Discord refused the commands: ${why}`);
    return 1;
  }
}

const invoked = process.argv[1] === undefined ? '' : pathToFileURL(realpathSync(process.argv[1])).href;
if (import.meta.url === invoked) {
  loadConfig(); // reads .env into the environment
  const io: RegisterIo = { out: (line) => console.log(line), err: (line) => console.error(line) };
  register(process.argv.slice(2), process.env, io).then((code) => {
    process.exitCode = code;
  });
}
