import type { FakeSlack, SlackEvent } from '../../tests/fakes/slack/index.js';
import type { Bot } from './fleet.js';

/**
 * A message the app posted, as the fake recorded it: what the candidates and the checks read of it. The whole text
 * is not kept: held for the whole run, every message would be copied by the harness's collector and add its pauses
 * to the latencies measured.
 */
export type Posted = {
  readonly channel: string;
  /** The text's first characters (a copy, so the whole text can go): enough for the headings the harness reads. */
  readonly head: string;
  /** The "NOT recorded" notice: the store could not save the event. */
  readonly notSaved: boolean;
  /** The final report of an interview. */
  readonly completes: boolean;
  readonly endsTurn: boolean;
  readonly at: number;
};

const HEAD_CHARS = 160;

/** Whether a posted message ends a turn: it asks for the next input, ends the interview, or reports an error. */
function endsTurn(text: string, blocks: unknown): boolean {
  if (text.startsWith(':warning:')) return true;
  const ids: string[] = [];
  for (const block of (Array.isArray(blocks) ? blocks : []) as { elements?: { action_id?: unknown }[] }[])
    for (const element of block.elements ?? []) if (typeof element.action_id === 'string') ids.push(element.action_id);
  return ids.includes('iv:skip') || ids.includes('iv:start') || ids.includes('iv:resume');
}

/** Calls `onPost` for every chat.postMessage the fake answers with 200, as it is recorded; returns the stop. */
export function watchPosts(fake: FakeSlack, onPost: (posted: Posted) => void): () => void {
  return fake.onCall((call) => {
    const args = call.args as { channel?: unknown; text?: unknown; blocks?: unknown };
    if (call.method !== 'chat.postMessage' || call.status !== 200 || typeof args.channel !== 'string') return;
    const text = typeof args.text === 'string' ? args.text : '';
    onPost({
      channel: args.channel,
      // A slice would keep the whole text alive; a copy through a buffer does not.
      head: Buffer.from(text.slice(0, HEAD_CHARS)).toString(),
      notSaved: text.includes('NOT recorded'),
      completes: text.includes('Interview complete'),
      endsTurn: endsTurn(text, args.blocks),
      at: performance.now(),
    });
  });
}

/** One event as the load balancer delivers it: every delivery carries the same id and time, as Slack's retries do. */
export type Delivery = {
  readonly eventId: string;
  readonly event: SlackEvent;
  readonly eventTime: number;
  /** Set by the candidate once the turn's reply has arrived: no more redeliveries. */
  answered: boolean;
  /** Resolves when `answered` is set. */
  readonly replied: Promise<void>;
};

/** Retries of one event at most (Slack: 3 over 5 minutes; here closer together, so more of them). */
const MAX_RETRIES = 40;

/** Counts of what the balancer did. */
export type BalancerCounts = { deliveries: number; duplicates: number; redeliveries: number; refused: number };

/**
 * The load balancer in front of the bots: round-robin over the live ones; a share of events delivered again to
 * other bots (Slack's retries, `x-slack-retry-num`); an event without a reply after `redeliverAfterMs`, or whose bot
 * refused the connection, delivered again to the next bot, and again every `redeliverAfterMs` until answered.
 */
export function createBalancer(options: {
  readonly fake: FakeSlack;
  readonly bots: () => readonly Bot[];
  readonly duplicateRate: number;
  readonly redeliverAfterMs: number;
  readonly random: () => number;
  /**
   * While true, no duplicates are sent: Bolt acknowledges an event before its turn, so Slack has no reason to retry
   * while the store is down (a retry that cannot reach the store would stay silent anyway; see InboundEvent.retry).
   */
  readonly quiet?: () => boolean;
}) {
  const { fake, random } = options;
  const counts: BalancerCounts = { deliveries: 0, duplicates: 0, redeliveries: 0, refused: 0 };
  let next = 0;
  const live = (): Bot[] => options.bots().filter((bot) => bot.alive);
  const pick = (avoid: ReadonlySet<Bot>): Bot | undefined => {
    const candidates = live();
    if (candidates.length === 0) return undefined;
    for (let i = 0; i < candidates.length; i++) {
      const bot = candidates[(next + i) % candidates.length] as Bot;
      if (!avoid.has(bot)) {
        next = (next + i + 1) % candidates.length;
        return bot;
      }
    }
    next = (next + 1) % candidates.length;
    return candidates[next % candidates.length];
  };

  const post = (delivery: Delivery, bot: Bot, retryNum: number | undefined, reason: string): Promise<boolean> => {
    counts.deliveries++;
    const retry = retryNum === undefined ? {} : { retryNum, retryReason: reason };
    return fake
      .sendEvent(bot.url, delivery.event, { eventId: delivery.eventId, eventTime: delivery.eventTime, ...retry })
      .then(
        (response) => response.status === 200,
        () => false,
      );
  };

  /** Delivers `delivery` until it is answered, or after MAX_RETRIES retries. */
  async function deliver(delivery: Delivery): Promise<void> {
    const tried = new Set<Bot>();
    const first = pick(tried);
    if (first === undefined) return;
    tried.add(first);
    const accepted = post(delivery, first, undefined, '');
    if (random() < options.duplicateRate && options.quiet?.() !== true) {
      const extra = random() < 0.5 ? 1 : 2;
      const others = new Set<Bot>([first]);
      for (let n = 1; n <= extra; n++) {
        const bot = pick(others);
        if (bot === undefined || others.has(bot)) break;
        others.add(bot);
        counts.duplicates++;
        setTimeout(() => void post(delivery, bot, n, 'http_timeout'), Math.floor(random() * 25));
      }
    }
    let refused = !(await accepted);
    for (let retry = 1; retry <= MAX_RETRIES && !delivery.answered; retry++) {
      if (refused) counts.refused++;
      else {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          delivery.replied,
          new Promise<void>((resolve) => {
            timer = setTimeout(resolve, options.redeliverAfterMs);
          }),
        ]);
        clearTimeout(timer);
        if (delivery.answered) return;
      }
      const bot = pick(tried) ?? first;
      tried.add(bot);
      counts.redeliveries++;
      refused = !(await post(delivery, bot, retry, refused ? 'http_error' : 'http_timeout'));
    }
  }

  return { deliver, counts };
}
