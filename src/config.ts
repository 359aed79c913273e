import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';
import { isRedisUrl } from './store/url.js';

/** A parse that either succeeded or lists one line per problem. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly string[] };

/** An empty variable counts as unset, as people leave `NAME=` lines in .env. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const positiveInt = (what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int(`expected ${what}`)
    .positive(`expected ${what}`);
const snowflake = z.string().regex(/^\d{17,20}$/, 'expected a Discord id (17-20 digits)');

const Env = z
  .object({
    STORE_URL: optional(
      z
        .string()
        .regex(
          /^(sqlite:\/\/.+|memory:\/\/|redis:\/\/.+|rediss:\/\/.+)$/,
          'expected sqlite://<path>, memory:// or redis://<host>:<port>',
        ),
    ).transform((value) => value ?? 'sqlite://data/interviews.sqlite'),
    SESSION_TTL_HOURS: optional(positiveInt('a whole number of hours, e.g. 168')).transform((value) => value ?? 168),
    RATE_LIMIT_PER_MINUTE: optional(positiveInt('a whole number of events, e.g. 20')).transform((value) => value ?? 20),
    LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])),
    LOG_SENSITIVE: optional(flag).transform((value) => value ?? false),
    DISCORD_TOKEN: optional(z.string().min(50, 'expected a bot token from the Developer Portal (Bot > Reset Token)')),
    DISCORD_APPLICATION_ID: optional(snowflake),
    DISCORD_GUILD_ID: optional(snowflake),
    DISCORD_MESSAGE_CONTENT: optional(flag).transform((value) => value ?? false),
    DISCORD_API_URL: optional(
      z.url({ protocol: /^https?$/, error: 'expected the REST API base URL, e.g. https://discord.com/api' }),
    ),
    SLACK_BOT_TOKEN: optional(z.string().startsWith('xoxb-', 'expected a bot token starting with xoxb-')),
    SLACK_SIGNING_SECRET: optional(z.string().regex(/^[0-9a-f]{32}$/i, 'expected the 32-character signing secret')),
    SLACK_APP_TOKEN: optional(z.string().startsWith('xapp-', 'expected an app-level token starting with xapp-')),
    SLACK_PORT: optional(positiveInt('a port number, e.g. 3000')).transform((value) => value ?? 3000),
    // Scale-out and operations (docs/scale-out.md).
    OPS_PORT: optional(
      z.coerce
        .number({ error: 'expected a port number, e.g. 9100' })
        .int('expected a port number, e.g. 9100')
        .min(0, 'expected a port number, e.g. 9100')
        .max(65_535, 'expected a port number, e.g. 9100'),
    ),
    OPS_HOST: optional(z.string().min(1)).transform((value) => value ?? '127.0.0.1'),
    STORE_LEASE_MS: optional(
      z.coerce
        .number({ error: 'expected milliseconds, at least 100, e.g. 5000' })
        .int('expected milliseconds, at least 100, e.g. 5000')
        .min(100, 'expected milliseconds, at least 100, e.g. 5000'),
    ).transform((value) => value ?? 5000),
    SWEEP_INTERVAL_MINUTES: optional(positiveInt('a whole number of minutes, e.g. 60')).transform(
      (value) => value ?? 60,
    ),
    SHUTDOWN_GRACE_SECONDS: optional(positiveInt('a whole number of seconds, e.g. 25')).transform(
      (value) => value ?? 25,
    ),
    DISCORD_SHARDS: optional(
      z.union([z.literal('auto'), positiveInt('a number of shards or auto')], {
        error: 'expected a number of shards (e.g. 4) or auto',
      }),
    ),
  })
  .superRefine((env, issues) => {
    // Each shard is a process of its own, and only Redis is shared by processes and locks a session across them.
    if (env.DISCORD_SHARDS !== undefined && env.DISCORD_TOKEN !== undefined && !isRedisUrl(env.STORE_URL))
      issues.addIssue({
        code: 'custom',
        path: ['DISCORD_SHARDS'],
        message: 'runs one process per shard, which must share one store: set STORE_URL=redis://<host>:<port>',
      });
    if (env.DISCORD_TOKEN !== undefined && env.DISCORD_APPLICATION_ID === undefined)
      issues.addIssue({
        code: 'custom',
        path: ['DISCORD_APPLICATION_ID'],
        message: 'required when DISCORD_TOKEN is set',
      });
    if (
      env.SLACK_BOT_TOKEN !== undefined &&
      env.SLACK_SIGNING_SECRET === undefined &&
      env.SLACK_APP_TOKEN === undefined
    )
      issues.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)',
      });
  });

/** The validated configuration. */
export type Config = z.infer<typeof Env>;

/** Reads the environment once at start-up; each bad variable becomes one line that names it. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Parsed<Config> {
  const result = Env.safeParse(env);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}

/** Loads .env (if present) into the environment, then parses it. */
export function loadConfig(path = '.env'): Parsed<Config> {
  loadDotenv({ path, quiet: true });
  return parseConfig(process.env);
}
