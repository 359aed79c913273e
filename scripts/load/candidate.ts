import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeSlack } from '../../tests/fakes/slack/index.js';
import type { Delivery, Posted } from './slack-side.js';

/** A weak answer: the interviewer probes it with a follow-up. */
const vague = 'I always try to help customers and I like being nice to people.';
/** A strong STAR story, good enough to move on. */
const story =
  'Last spring at the Camden shop a regular customer was angry because the phone he bought from us kept ' +
  'restarting and he needed it for work that afternoon. My task was to calm him down and get him a working phone. ' +
  'I listened to the whole story without interrupting, apologised, checked the stock system and found a ' +
  'replacement at our Islington branch. I set it up for him, copied his contacts and called him the next day to ' +
  'make sure it worked. He left a five-star review and still asks for me when he comes in.';

/** One event a candidate sent, and what became of it. */
export type SentEvent = {
  readonly id: string;
  /** `[c<candidate>-<n>]` at the start of an answer, so the store can be checked answer by answer. */
  readonly marker: string | undefined;
  /** replied: the turn's reply arrived; not-saved: the user was told it was not recorded; stalled: no reply. */
  outcome: 'replied' | 'not-saved' | 'stalled';
  /** From the first delivery to the reply that ended the turn, as recorded by the fake Slack. */
  latencyMs: number;
  /** What the turn was: its latency depends on it (a finishing answer files the interview and posts the report). */
  kind: TurnKind;
};

/** The kinds of turn a candidate takes. */
export type TurnKind = 'start' | 'intro' | 'answer' | 'finish';

/** Everything one simulated candidate did and saw. */
export type CandidateRecord = {
  readonly index: number;
  readonly user: string;
  readonly channel: string;
  readonly events: SentEvent[];
  /** Every message the app posted in the DM, in order. */
  readonly posts: Posted[];
  finished: boolean;
  /** Set when the conversation showed something the script does not know how to answer. */
  stuck: string | undefined;
};

/** What a candidate needs from the run. */
export type CandidateContext = {
  readonly fake: FakeSlack;
  readonly deliver: (delivery: Delivery) => Promise<void>;
  readonly random: () => number;
  readonly thinkMs: number;
  /** No reply after this long: the event counts as stalled and the candidate stops. */
  readonly stallMs: number;
  readonly tag: string;
  /** Called once per event sent (first delivery only), for fault timing. */
  readonly onSend: () => void;
};

/** A simulated candidate: a whole interview in their DM, one message at a time, waiting for each reply. */
export function createCandidate(index: number, context: CandidateContext) {
  const user = `U${context.tag}${index.toString(36).toUpperCase().padStart(5, '0')}`;
  const channel = context.fake.dmChannel(user);
  const record: CandidateRecord = { index, user, channel, events: [], posts: [], finished: false, stuck: undefined };
  let waiter: ((posted: Posted) => void) | undefined;
  let count = 0;
  let answers = 0;

  /** Every message the app posts in this DM comes here; a turn-ending one wakes the waiting turn. */
  function onPost(posted: Posted): void {
    record.posts.push(posted);
    if (!posted.endsTurn) return;
    const wake = waiter;
    waiter = undefined;
    wake?.(posted);
  }

  /** Sends `text` as a new event and waits for the message that ends its turn. */
  async function turn(text: string, marker: string | undefined): Promise<Posted[] | undefined> {
    const id = `Ev${context.tag}${index.toString(36)}x${++count}`;
    const from = record.posts.length;
    let markReplied = (): void => {};
    const replied = new Promise<void>((resolve) => {
      markReplied = resolve;
    });
    const delivery: Delivery = {
      eventId: id,
      event: context.fake.payloads.dmMessage({ user, text: marker === undefined ? text : `${marker} ${text}` }),
      eventTime: Math.floor(Date.now() / 1000),
      answered: false,
      replied,
    };
    let timer: NodeJS.Timeout | undefined;
    const ended = new Promise<Posted | undefined>((resolve) => {
      waiter = resolve;
      timer = setTimeout(() => {
        waiter = undefined;
        resolve(undefined);
      }, context.stallMs);
    });
    const sentAt = performance.now();
    context.onSend();
    void context.deliver(delivery);
    const end = await ended;
    clearTimeout(timer);
    delivery.answered = true;
    markReplied();
    const kind: TurnKind = text === 'start' ? 'start' : marker === undefined ? 'intro' : 'answer';
    const sent: SentEvent = { id, marker, outcome: 'stalled', latencyMs: Number.NaN, kind };
    record.events.push(sent);
    if (end === undefined) return undefined;
    sent.latencyMs = end.at - sentAt;
    sent.outcome = end.notSaved ? 'not-saved' : 'replied';
    return record.posts.slice(from);
  }

  const think = () => sleep(context.thinkMs * (0.5 + context.random()));

  async function run(): Promise<CandidateRecord> {
    await sleep(context.thinkMs * context.random()); // spread the starts
    let text = 'start';
    let marker: string | undefined;
    for (let turns = 0; turns < 60; turns++) {
      const posts = await turn(text, marker);
      if (posts === undefined) return record;
      const last = posts.at(-1);
      if (posts.some((p) => p.completes)) {
        const last = record.events.at(-1);
        if (last !== undefined) last.kind = 'finish';
        record.finished = true;
        return record;
      }
      await think();
      if (last?.notSaved === true) continue; // told it was not saved: send the same again, as a person would
      const head = last?.head ?? '';
      if (/which company/i.test(head)) [text, marker] = ['Acme & Sons: friendly, reliable', undefined];
      else if (/which kind of role/i.test(head)) [text, marker] = ['retail', undefined];
      else if (/^\*Question \d+ of \d+\*/.test(head)) [text, marker] = [vague, `[c${index}-${++answers}]`];
      else if (/^\*Follow-up on question/.test(head)) [text, marker] = [story, `[c${index}-${++answers}]`];
      else {
        record.stuck = head.slice(0, 120);
        return record;
      }
    }
    record.stuck = 'more than 60 turns';
    return record;
  }

  return { user, channel, record, onPost, run };
}
