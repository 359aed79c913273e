import type { AnswerFeedback, FollowUp } from '../../evaluation/types.js';
import type { FollowUpReason, QuestionKind, Role } from '../../packs/schema.js';
import type { Graded } from '../grade.js';

/** Who acts on a panel; `canManage` is the platform's word that they may manage the channel. */
export type PanelActor = { readonly userId: string; readonly name: string; readonly canManage: boolean };

export type Participant = { readonly userId: string; readonly name: string; readonly joinedAt: number };

/** What peers rate, each on four labelled levels. */
export const Criteria = ['structure', 'customer-focus', 'communication'] as const;
export type Criterion = (typeof Criteria)[number];
export const CriterionLabels: Readonly<Record<Criterion, string>> = {
  structure: 'Structure (STAR)',
  'customer-focus': 'Customer focus',
  communication: 'Communication',
};
export type Level = 1 | 2 | 3 | 4;
export const LevelLabels: Readonly<Record<Level, string>> = { 1: 'Needs work', 2: 'Fair', 3: 'Good', 4: 'Excellent' };

/** One panelist's rating of one turn; criteria fill in one click at a time. */
export type Rating = {
  readonly raterId: string;
  readonly scores: Readonly<Partial<Record<Criterion, Level>>>;
  readonly comment?: string;
  readonly at: number;
};

/** One candidate's turn: the question, the answer and follow-up answers, the bot's score, the peers' ratings. */
export type PanelTurn = {
  readonly number: number;
  readonly candidateId: string;
  readonly questionId: string;
  readonly parts: readonly string[];
  readonly followUps: readonly { readonly reason: FollowUpReason; readonly text: string }[];
  /** The bot's score once the answer is closed; null while answering or when skipped. */
  readonly score: number | null;
  readonly covered: readonly string[];
  readonly missed: readonly string[];
  /** What feedback reads from the bot's evaluation, as JSON (see `Graded`), kept when the answer is closed. */
  readonly grade?: string;
  readonly ratings: readonly Rating[];
  readonly skipped: null | 'timeout' | 'host' | 'candidate' | 'left';
  readonly startedAt: number;
};

export type PanelSettings = {
  readonly packId: string;
  readonly questionsPerPerson: number;
  readonly role?: Role;
  readonly seed: number;
  /** How long a candidate has to answer (and each panelist to rate) before the panel moves on. */
  readonly turnTimeoutMs: number;
};

export type PanelState =
  | { readonly phase: 'lobby' }
  | {
      readonly phase: 'answering';
      readonly deadline: number;
      readonly asked: readonly FollowUpReason[];
      readonly followUp: FollowUp | null;
      /** What was kept of the evaluation of the answer so far, while a follow-up is pending. */
      readonly graded?: Graded;
    }
  | { readonly phase: 'rating'; readonly deadline: number }
  | { readonly phase: 'closed'; readonly endedEarly: boolean; readonly at: number };

/** A group mock interview in one channel thread. Plain JSON. */
export type PanelSession = {
  readonly kind: 'panel';
  readonly id: string;
  readonly hostId: string;
  readonly settings: PanelSettings;
  /** Present participants in join order: the rotation order. */
  readonly participants: readonly Participant[];
  /** Every turn so far; in `answering` and `rating` the last one is in play. */
  readonly turns: readonly PanelTurn[];
  readonly state: PanelState;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly seenEventIds: readonly string[];
  readonly archived: boolean;
};

export type PanelOptions = {
  readonly questionsPerPerson?: number;
  readonly role?: Role;
  readonly pack?: string;
  readonly seed?: number;
  readonly turnTimeoutMs?: number;
};

/** Everything a panel can be told. `tick` is the clock: deadlines are checked on it. */
export type PanelEvent =
  | { readonly type: 'open'; readonly by: PanelActor; readonly options: PanelOptions }
  | { readonly type: 'join'; readonly by: PanelActor }
  | { readonly type: 'leave'; readonly by: PanelActor }
  | { readonly type: 'begin'; readonly by: PanelActor }
  /** `turn`, when a button or modal sends it, refuses an answer meant for an earlier turn. */
  | { readonly type: 'answer'; readonly by: PanelActor; readonly text: string; readonly turn?: number }
  | {
      readonly type: 'rate';
      readonly by: PanelActor;
      readonly turn: number;
      readonly criterion: Criterion;
      readonly level: Level;
    }
  | { readonly type: 'comment'; readonly by: PanelActor; readonly turn: number; readonly text: string }
  | { readonly type: 'skip'; readonly by: PanelActor; readonly turn?: number }
  /** A panelist asks again for the talking points of the turn in play. */
  | { readonly type: 'points'; readonly by: PanelActor }
  | { readonly type: 'remove'; readonly by: PanelActor; readonly userId: string }
  | { readonly type: 'end'; readonly by: PanelActor }
  | { readonly type: 'status'; readonly by: PanelActor }
  | { readonly type: 'tick' };

/** Who a panel reply is for: everyone in the thread, or one person privately. */
export type Audience = 'all' | { readonly userId: string };

/** One participant's lines in the summary. */
export type SummaryEntry = {
  readonly userId: string;
  readonly name: string;
  readonly turns: readonly {
    readonly number: number;
    readonly questionText: string;
    readonly botScore: number | null;
    /** Peers' mean on a 0-100 scale (levels 1-4 mapped to 0-100); null when nobody rated. */
    readonly peerAverage: number | null;
    readonly raters: number;
    readonly skipped: PanelTurn['skipped'];
    /** Where peers disagreed with each other or with the bot, in words; null when they broadly agreed. */
    readonly disagreement: string | null;
    readonly comments: readonly string[];
  }[];
};

export type PanelReply =
  | {
      readonly type: 'lobby';
      readonly to: 'all';
      readonly panelId: string;
      readonly hostId: string;
      readonly participants: readonly Participant[];
      readonly settings: PanelSettings;
      readonly canBegin: boolean;
    }
  | {
      readonly type: 'turn';
      readonly to: 'all';
      readonly panelId: string;
      readonly turn: number;
      readonly candidate: Participant;
      readonly questionText: string;
      readonly kind: QuestionKind;
      readonly deadline: number;
    }
  | {
      readonly type: 'talkingPoints';
      readonly to: { readonly userId: string };
      readonly panelId: string;
      readonly turn: number;
      readonly candidateName: string;
      readonly points: readonly { readonly label: string; readonly description: string }[];
    }
  | {
      readonly type: 'followUp';
      readonly to: 'all';
      readonly panelId: string;
      readonly turn: number;
      readonly candidate: Participant;
      readonly text: string;
      readonly quote?: string;
    }
  | {
      readonly type: 'rate';
      readonly to: 'all';
      readonly panelId: string;
      readonly turn: number;
      readonly candidateName: string;
      readonly raters: readonly string[];
      readonly deadline: number;
    }
  | {
      readonly type: 'summary';
      readonly to: 'all';
      readonly panelId: string;
      readonly endedEarly: boolean;
      readonly entries: readonly SummaryEntry[];
      readonly groupMissed: readonly { readonly label: string; readonly count: number }[];
    }
  | {
      readonly type: 'feedback';
      readonly to: { readonly userId: string };
      readonly turn: number;
      readonly feedback: AnswerFeedback;
    }
  | { readonly type: 'notice'; readonly to: Audience; readonly text: string };

export type PanelResult = { readonly session: PanelSession | undefined; readonly replies: readonly PanelReply[] };
