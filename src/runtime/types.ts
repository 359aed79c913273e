import type { ConceptTrend, HistoryEntry, InterviewEvent, Platform, Reply, SessionKey } from '../engine/index.js';

/** Who sent an event. */
export type Actor = { readonly platform: Platform; readonly userId: string; readonly name: string };

/** Requests the runtime answers itself, from the profile rather than the interview. */
export type AccountEvent = { readonly type: 'history' } | { readonly type: 'forget'; readonly confirmed: boolean };

/** One platform event, translated by an adapter. */
export type InboundEvent = {
  /** The platform's event id: a replay carries the same one. */
  readonly id: string;
  readonly key: SessionKey;
  readonly actor: Actor;
  readonly event: InterviewEvent | AccountEvent;
  /**
   * Set by a button: the session (and 1-based question) the button was sent with. When the session or the question
   * has moved on, the event changes nothing and gets a `stale` error reply.
   */
  readonly ref?: { readonly sessionId: string; readonly question?: number };
  /**
   * The platform's retry number when it delivers the event again (Slack's `x-slack-retry-num`); absent on a first
   * delivery. A retry that cannot reach the store stays silent: only the first delivery tells the user it was not
   * saved, so two deliveries never disagree about it.
   */
  readonly retry?: number;
};

/** The user's history and per-concept trend. */
export type HistoryReply = {
  readonly type: 'history';
  readonly entries: readonly HistoryEntry[];
  readonly trend: readonly (ConceptTrend & { readonly label: string })[];
};

/** Everything an adapter may be asked to render. */
export type OutboundReply =
  | Reply
  | HistoryReply
  | { readonly type: 'confirm-forget' }
  | { readonly type: 'forgotten'; readonly keys: readonly string[] };

/** A turn's replies as an adapter that posts them gets them (`Runtime.turn`). */
export type Turn = {
  readonly replies: readonly OutboundReply[];
  /**
   * How many units of `replies` (the adapter's messages, counted in the order it renders them) a process that died
   * while posting them had posted already: the adapter skips that many. 0 but after such a takeover.
   */
  readonly posted: number;
};

/** How far an adapter has got posting a turn's replies: the first `posted` units (messages) are out. */
export type Progress = { readonly posted: number };

/** A read-only picture of a user: the interview in progress (if any) and the history, for home screens. */
export type Overview = {
  readonly current: null | {
    readonly sessionId: string;
    readonly phase: 'intro' | 'asking' | 'probing' | 'paused' | 'finished';
    /** 1-based question in play, or null during the intro and once finished. */
    readonly question: number | null;
    readonly total: number;
    readonly answered: number;
  };
  readonly history: HistoryReply;
};
