import type { AnswerFeedback, Evaluator, FollowUp, InterviewFeedback } from '../evaluation/types.js';
import type { FollowUpReason, Pack, Question, Role } from '../packs/schema.js';
import type { Graded } from './grade.js';

/** Where a session lives. */
export type Platform = 'discord' | 'slack' | 'terminal';
/** `solo:<platform>:<userId>` for a one-to-one interview, `group:<platform>:<channelId>` for a panel. */
export type SessionKey = `${'solo' | 'group'}:${Platform}:${string}`;

/** What the candidate chose when starting. */
export type StartOptions = {
  readonly pack?: string;
  readonly role?: Role;
  /** How many questions; default 5. */
  readonly questions?: number;
  readonly company?: string;
  readonly companyValues?: readonly string[];
  /** Seeds the question order, so the same seed asks the same questions. */
  readonly seed?: number;
  /** `weakest` drills the concepts this user missed most in finished interviews. */
  readonly focus?: 'weakest';
  /** Filled in by the runtime from the profile when `focus` is set: weakest concepts first. */
  readonly weakConcepts?: readonly string[];
  /** Skip the intro (company and role) even when no company was given. */
  readonly skipIntro?: boolean;
};

/** Every command an interview takes, for adapters that read them from text. */
export const CommandNames = ['skip', 'repeat', 'hint', 'pause', 'resume', 'end', 'status', 'example', 'retry'] as const;
export type CommandName = (typeof CommandNames)[number];
/** A command; `question` (1-based) is for `example` and `retry`. */
export type Command = { readonly name: CommandName; readonly question?: number };

/** Everything the engine can be told. */
export type InterviewEvent =
  | { readonly type: 'start'; readonly options: StartOptions }
  | { readonly type: 'answer'; readonly text: string }
  | { readonly type: 'command'; readonly command: Command };

/** The question being worked on; `retry` is set when the candidate asked to try a question again. */
export type Turn = {
  readonly index: number;
  readonly retry: null | { readonly previousScore: number | null; readonly returnTo: number | 'finished' };
};

export type Live =
  | { readonly phase: 'intro'; readonly ask: 'company' | 'role' }
  | { readonly phase: 'asking'; readonly turn: Turn }
  | {
      readonly phase: 'probing';
      readonly turn: Turn;
      readonly asked: readonly FollowUpReason[];
      readonly followUp: FollowUp;
      /**
       * What was kept of the evaluation of the answer so far (the last record's text), so that skip, end or hint
       * need not evaluate it again; absent in sessions stored by version 1.
       */
      readonly graded?: Graded;
    };

export type InterviewState =
  | Live
  | { readonly phase: 'paused'; readonly resume: Live }
  | { readonly phase: 'finished'; readonly endedEarly: boolean; readonly at: number };

/** One attempt at one question: the answer and any follow-up answers, with the evaluation's summary and grade. */
export type AnswerRecord = {
  readonly index: number;
  readonly questionId: string;
  readonly attempt: number;
  /** The main answer, then each follow-up answer; each cut at the engine's limit. */
  readonly parts: readonly string[];
  readonly followUps: readonly { readonly reason: FollowUpReason; readonly text: string }[];
  /** null while in progress, or for a skipped question. */
  readonly score: number | null;
  readonly skipped: boolean;
  readonly covered: readonly string[];
  readonly missed: readonly string[];
  /**
   * What feedback reads from the evaluation of the whole text (`parts` joined), as JSON (see `Graded`), kept when
   * the question is concluded so that the report need not evaluate it again. Absent while in progress, for a skipped
   * question, and in records stored by version 1 of the session, which are evaluated again when needed.
   */
  readonly grade?: string;
  readonly at: number;
};

/** The interview's settings once started. */
export type Settings = {
  readonly packId: string;
  readonly questions: number;
  readonly role?: Role;
  readonly company?: string;
  readonly companyValues?: readonly string[];
  readonly seed: number;
  readonly focus?: 'weakest';
  /** For a drill: the concepts to exercise, weakest first. */
  readonly drill?: readonly string[];
};

/** A solo interview. Plain JSON: numbers for times, arrays for lists. */
export type Session = {
  readonly id: string;
  readonly settings: Settings;
  /** Question ids in the order they are asked; empty until the intro is done. */
  readonly questionIds: readonly string[];
  readonly state: InterviewState;
  readonly answers: readonly AnswerRecord[];
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Platform event ids handled recently, newest last: a replayed event changes nothing. */
  readonly seenEventIds: readonly string[];
  /** Whether the finished interview has been folded into the user's profile. */
  readonly archived: boolean;
};

/** The buttons or commands that make sense with a reply. */
export type Action = 'answer' | 'skip' | 'repeat' | 'hint' | 'end' | 'example' | 'retry' | 'resume' | 'start';

export type ReplyErrorCode = 'not-saved' | 'rate-limited' | 'no-interview' | 'internal' | 'stale';

/** What the engine (and runtime) send back; adapters decide how it looks. */
export type Reply =
  | {
      readonly type: 'question';
      readonly sessionId: string;
      readonly index: number;
      readonly total: number;
      readonly questionId: string;
      readonly kind: Question['kind'];
      readonly text: string;
      readonly retryOf?: { readonly previousScore: number | null };
      readonly actions: readonly Action[];
    }
  | {
      readonly type: 'followUp';
      readonly sessionId: string;
      readonly index: number;
      readonly total: number;
      readonly reason: FollowUpReason;
      readonly text: string;
      readonly quote?: string;
      readonly actions: readonly Action[];
    }
  | {
      readonly type: 'feedback';
      readonly index: number;
      readonly total: number;
      readonly feedback: AnswerFeedback;
      readonly previousScore?: number | null;
      readonly actions: readonly Action[];
    }
  | { readonly type: 'report'; readonly endedEarly: boolean; readonly feedback: InterviewFeedback }
  | {
      readonly type: 'hint';
      readonly questionText: string;
      readonly concepts: readonly { readonly label: string; readonly description: string; readonly covered: boolean }[];
    }
  | { readonly type: 'example'; readonly index: number; readonly questionText: string; readonly text: string }
  | { readonly type: 'notice'; readonly text: string; readonly actions?: readonly Action[] }
  | { readonly type: 'error'; readonly code: ReplyErrorCode; readonly text: string };

/** One pack ready for use: its data, its questions by id, and the evaluator built from it. */
export type LoadedPack = {
  readonly pack: Pack;
  readonly questions: ReadonlyMap<string, Question>;
  readonly evaluator: Evaluator;
};

/** The packs the engine can run, built once at start-up. */
export type Library = {
  readonly defaultPackId: string;
  readonly packs: ReadonlyMap<string, LoadedPack>;
};

/** What `step` is given besides the session and event: the clock, a seeded random source, the packs. */
export type StepContext = {
  /** Epoch milliseconds. */
  readonly now: number;
  /** Seeded, [0, 1). */
  readonly random: () => number;
  readonly library: Library;
};

export type StepResult = { readonly session: Session | undefined; readonly replies: readonly Reply[] };
