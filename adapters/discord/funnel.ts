import { DiscordAPIError, HTTPError, type Interaction, type Message, MessageFlags } from 'discord.js';
import type { Logger } from 'pino';
import { noMentions } from './deliver.js';
import { wording } from './wording.js';

const ALREADY_ACKNOWLEDGED = 40060;
const UNKNOWN_INTERACTION = 10062;

/** Interaction tokens ride in webhook and callback URLs: they never reach a log line. */
export function redactUrl(url: string): string {
  return url
    .replace(/\/interactions\/(\d+)\/[^/?]+/, '/interactions/$1/[token]')
    .replace(/\/webhooks\/(\d+)\/[^/?]+/, '/webhooks/$1/[token]');
}

/**
 * What may be logged about an error: Discord's code and status and the redacted route, never a token; the request
 * body (which can hold a user's answer) only when `sensitive` is on.
 */
export function describeError(error: unknown, sensitive: boolean): Record<string, unknown> {
  if (error instanceof DiscordAPIError)
    return {
      type: 'DiscordAPIError',
      code: error.code,
      status: error.status,
      method: error.method,
      route: redactUrl(error.url),
      message: error.message,
      ...(sensitive ? { body: error.requestBody.json } : {}),
    };
  if (error instanceof HTTPError)
    return { type: 'HTTPError', status: error.status, method: error.method, route: redactUrl(error.url) };
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error };
}

/** Discord's error code of a failed REST call, if it was one. */
export function discordCode(error: unknown): number | string | undefined {
  return error instanceof DiscordAPIError ? error.code : undefined;
}

async function apologise(subject: Interaction | Message): Promise<void> {
  if ('author' in subject) {
    if (subject.channel.isSendable()) await subject.channel.send({ ...wording.sorry, allowedMentions: noMentions() });
    return;
  }
  if (!subject.isRepliable()) return;
  const body = { ...wording.sorry, flags: MessageFlags.Ephemeral, allowedMentions: noMentions() } as const;
  if (subject.deferred || subject.replied) await subject.followUp(body);
  else await subject.reply(body);
}

/** Tracks the handlers in flight, so stopping can let them finish. */
export class InFlight {
  readonly #running = new Set<Promise<void>>();

  add(work: Promise<void>): void {
    this.#running.add(work);
    void work.finally(() => this.#running.delete(work));
  }

  /** Resolves when every handler started so far has settled. */
  async idle(): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
  }
}

/**
 * The one error funnel: wraps a listener so that whatever it throws is logged (safely) and the user gets a polite
 * message if their interaction or channel can still be answered. Nothing thrown escapes to discord.js.
 */
export function funnel<T extends Interaction | Message>(
  deps: { readonly logger: Logger; readonly sensitive: boolean; readonly inFlight: InFlight },
  where: string,
  handler: (subject: T) => Promise<void>,
): (subject: T) => void {
  return (subject) => {
    const work = handler(subject).catch(async (error: unknown) => {
      const user = 'author' in subject ? subject.author.id : subject.user.id;
      const code = discordCode(error);
      if (code === ALREADY_ACKNOWLEDGED || code === UNKNOWN_INTERACTION) {
        // Another bot process answered it, or it expired before we could: nothing left to tell the user.
        deps.logger.warn({ err: describeError(error, false), where, user }, 'discord: interaction not ours to answer');
        return;
      }
      deps.logger.error({ err: describeError(error, deps.sensitive), where, user }, 'discord: handler failed');
      try {
        await apologise(subject);
      } catch (again) {
        deps.logger.debug({ err: describeError(again, false), where }, 'discord: could not tell the user');
      }
    });
    deps.inFlight.add(work);
  };
}
