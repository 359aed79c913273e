import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { BOT_NODE_FLAGS } from '../../src/runtime/index.js';
import type { BotReport, FromBot, ToBot } from './protocol.js';

const botEntry = join(dirname(fileURLToPath(import.meta.url)), 'bot.ts');

/** One bot process as the harness sees it. */
export type Bot = {
  readonly index: number;
  readonly pid: number;
  /** Its Slack Request URL. */
  readonly url: string;
  readonly opsPort: number | undefined;
  /** False once killed (or exited). */
  alive: boolean;
  /** True while stopped with SIGSTOP. */
  frozen: boolean;
  readonly child: ChildProcess;
};

/** The bot processes of a run. */
export type Fleet = {
  readonly bots: readonly Bot[];
  /** SIGKILL: no shutdown, no release, nothing. */
  kill(bot: Bot): Promise<void>;
  /**
   * Arms `bot` to SIGKILL itself while delivering its next turn of several messages, right after the first is
   * recorded as posted; resolves once it is dead: true, or false if no such turn came within `timeoutMs` (then it is
   * killed where it stands).
   */
  killMidDelivery(bot: Bot, timeoutMs: number): Promise<boolean>;
  /** Arms `bot` to stop itself (SIGSTOP) inside its next turn that changes a session; resolves once stopped. */
  freezeInTurn(bot: Bot, timeoutMs: number): Promise<boolean>;
  /** SIGCONT. */
  thaw(bot: Bot): void;
  /** Every live bot's measurements. */
  reports(): Promise<BotReport[]>;
  /** SIGTERM to every live bot (graceful shutdown); resolves to their exit codes. */
  stop(): Promise<(number | null)[]>;
};

/** The process state letter of `pid` from /proc (`T` when stopped), or undefined off Linux. */
function stateOf(pid: number): string | undefined {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

/** Starts `count` bots with `env` (plus LOAD_SLACK_API_URL etc. already in it) and waits until each listens. */
export async function startFleet(count: number, env: NodeJS.ProcessEnv): Promise<Fleet> {
  const start = async (index: number): Promise<Bot> => {
    // LOAD_BOT_NODE_ARGS adds node flags to every bot (e.g. `--cpu-prof` to profile one run).
    const { LOAD_BOT_NODE_ARGS: nodeArgs = '' } = process.env;
    const extra = nodeArgs.split(' ').filter((arg) => arg !== '');
    const child = spawn(process.execPath, [...BOT_NODE_FLAGS, ...extra, '--import', 'tsx', botEntry], {
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const ready = await new Promise<Extract<FromBot, { type: 'ready' }>>((resolve, reject) => {
      const onMessage = (message: FromBot) => {
        if (message.type === 'ready') resolve(message);
        if (message.type === 'fatal') reject(new Error(`bot ${index} failed to start: ${message.message}`));
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`bot ${index} exited with ${code} before it was ready`)));
    });
    const bot: Bot = {
      index,
      pid: child.pid ?? 0,
      url: `http://127.0.0.1:${ready.port}/slack/events`,
      opsPort: ready.opsPort,
      alive: true,
      frozen: false,
      child,
    };
    child.once('exit', () => {
      bot.alive = false;
    });
    return bot;
  };
  const bots = await Promise.all(Array.from({ length: count }, (_, i) => start(i)));

  const ask = (bot: Bot, message: ToBot) => bot.child.send(message);
  return {
    bots,
    async kill(bot) {
      bot.alive = false;
      bot.child.kill('SIGKILL');
      if (bot.child.exitCode === null && bot.child.signalCode === null) await once(bot.child, 'exit');
    },
    async killMidDelivery(bot, timeoutMs) {
      const exited = once(bot.child, 'exit');
      ask(bot, { type: 'die-mid-delivery' });
      const timer = sleep(timeoutMs, 'late' as const, { ref: false });
      const outcome = await Promise.race([exited.then(() => 'died' as const), timer]);
      bot.alive = false;
      if (outcome === 'died') return true;
      bot.child.kill('SIGKILL');
      await exited;
      return false;
    },
    async freezeInTurn(bot, timeoutMs) {
      ask(bot, { type: 'freeze-next-turn' });
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (stateOf(bot.pid) === 'T') {
          bot.frozen = true;
          return true;
        }
        await sleep(5);
      }
      return false;
    },
    thaw(bot) {
      bot.frozen = false;
      bot.child.kill('SIGCONT');
    },
    async reports() {
      const live = bots.filter((bot) => bot.alive);
      return Promise.all(
        live.map(
          (bot) =>
            new Promise<BotReport>((resolve) => {
              const onMessage = (message: FromBot) => {
                if (message.type !== 'report') return;
                bot.child.off('message', onMessage);
                resolve(message.report);
              };
              bot.child.on('message', onMessage);
              ask(bot, { type: 'report' });
            }),
        ),
      );
    },
    async stop() {
      return Promise.all(
        bots.map(async (bot) => {
          if (!bot.alive) return bot.child.exitCode;
          const exited = once(bot.child, 'exit');
          bot.child.kill('SIGTERM');
          const [code] = (await exited) as [number | null];
          return code;
        }),
      );
    },
  };
}
