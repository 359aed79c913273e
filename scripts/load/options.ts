/** What a load run does; every field has a default fit for `npm run load`. */
export type LoadOptions = {
  /** Simulated candidates, each going through one whole interview. */
  readonly candidates: number;
  /**
   * Candidates who go through a whole interview, thinking a tenth as long, before the measured ones start: the bots
   * and the harness then have their code compiled, and the figures describe processes at work rather than starting.
   * Their turns are checked like every other and their latency printed apart.
   */
  readonly warmUp: number;
  /** Bot processes (the real Slack adapter in HTTP mode), all on one Redis. */
  readonly processes: number;
  /** Share of events delivered two or three times, to different processes, as Slack's retries. */
  readonly duplicateRate: number;
  /** Mean pause between a reply and the candidate's next message (ms); each pause is 0.5x to 1.5x this. */
  readonly thinkMs: number;
  /**
   * An event with no reply after this long is delivered again to another process, and again every as long (Slack
   * retries three times over five minutes; the harness compresses that into more, closer retries).
   */
  readonly redeliverAfterMs: number;
  /** The lease of a session lock in the bot processes (STORE_LEASE_MS). */
  readonly leaseMs: number;
  /**
   * Fault: SIGKILL one bot process, once 40% of the events have been sent, in the middle of delivering a turn (right
   * after the first of its messages was recorded as posted).
   */
  readonly kill: boolean;
  /** Fault: stop Redis when this share of the events has been sent, restart it `outageMs` later. */
  readonly redisRestart: boolean;
  readonly outageMs: number;
  /** Fault: freeze one bot process (SIGSTOP) inside a turn, holding a lease, for `freezeMs`, then SIGCONT. */
  readonly freeze: boolean;
  readonly freezeMs: number;
  /** A Redis to use instead of a private redis-server the run starts (and stops) on a free port. */
  readonly redisUrl: string | undefined;
  /** Seeds the schedule (think times, duplicates). */
  readonly seed: number;
  /** Print one JSON object instead of the table. */
  readonly json: boolean;
  /** Give up on the run after this long (ms). */
  readonly deadlineMs: number;
};

export const defaultOptions: LoadOptions = {
  candidates: 1000,
  warmUp: 30,
  processes: 3,
  duplicateRate: 0.1,
  thinkMs: 10_000,
  redeliverAfterMs: 3000,
  leaseMs: 5000,
  kill: false,
  redisRestart: false,
  outageMs: 5000,
  freeze: false,
  freezeMs: 0,
  redisUrl: undefined,
  seed: 1,
  json: false,
  deadlineMs: 600_000,
};

const usage = `Usage: npm run load -- [--candidates N] [--warm-up N] [--processes N] [--json] [--kill] [--redis-restart] [--freeze]
  [--think-ms MS] [--duplicates RATE] [--lease-ms MS] [--redeliver-ms MS] [--redis-url URL] [--seed N]`;

/** Parses the command line over the defaults; throws one line naming the bad flag. */
export function parseLoadArgs(argv: readonly string[]): LoadOptions {
  const options: { -readonly [K in keyof LoadOptions]: LoadOptions[K] } = { ...defaultOptions };
  const number = (flag: string, value: string | undefined, min: number): number => {
    const parsed = Number(value);
    if (value === undefined || !Number.isFinite(parsed) || parsed < min) {
      throw new Error(`${flag} needs a number of at least ${min}\n${usage}`);
    }
    return parsed;
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const value = argv[i + 1];
    switch (flag) {
      case '--candidates':
        options.candidates = Math.floor(number(flag, value, 1));
        i++;
        break;
      case '--warm-up':
        options.warmUp = Math.floor(number(flag, value, 0));
        i++;
        break;
      case '--processes':
        options.processes = Math.floor(number(flag, value, 1));
        i++;
        break;
      case '--think-ms':
        options.thinkMs = number(flag, value, 0);
        i++;
        break;
      case '--duplicates':
        options.duplicateRate = Math.min(1, number(flag, value, 0));
        i++;
        break;
      case '--lease-ms':
        options.leaseMs = Math.floor(number(flag, value, 100));
        i++;
        break;
      case '--redeliver-ms':
        options.redeliverAfterMs = number(flag, value, 100);
        i++;
        break;
      case '--seed':
        options.seed = Math.floor(number(flag, value, 0));
        i++;
        break;
      case '--redis-url':
        if (value === undefined || !/^rediss?:\/\//.test(value))
          throw new Error(`--redis-url needs redis://…\n${usage}`);
        options.redisUrl = value;
        i++;
        break;
      case '--json':
        options.json = true;
        break;
      case '--kill':
        options.kill = true;
        break;
      case '--redis-restart':
        options.redisRestart = true;
        break;
      case '--freeze':
        options.freeze = true;
        break;
      case '--help':
        throw new Error(usage);
      default:
        throw new Error(`unknown flag ${flag}\n${usage}`);
    }
  }
  if (options.freeze && options.processes < 2) throw new Error('--freeze needs at least 2 processes');
  if (options.kill && options.processes < 2) throw new Error('--kill needs at least 2 processes');
  // Past the lease and past the silence after which a process's unsaved work passes on (two leases and a second),
  // but shorter than the silence after which the replies it saved pass on too (three times that).
  if (options.freezeMs === 0) options.freezeMs = 2 * options.leaseMs + 3500;
  return options;
}
