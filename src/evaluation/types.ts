import type { FollowUpReason, Question, Role } from '../packs/schema.js';

/** The four parts of a STAR story. */
export const StarParts = ['situation', 'task', 'action', 'result'] as const;
export type StarPart = (typeof StarParts)[number];

/** What the evaluator is told beyond the answer: the target company and role, when the candidate gave them. */
export type EvaluationContext = {
  readonly company?: string;
  /** Words from the company's values or mission that the candidate gave, e.g. ["sincerity", "putting customers first"]. */
  readonly companyValues?: readonly string[];
  readonly role?: Role;
};

/** Whether one rubric concept is covered, with the words of the answer that show it. */
export type ConceptCoverage = {
  readonly id: string;
  readonly label: string;
  readonly covered: boolean;
  /** Whether the question names this concept as part of a strong answer. */
  readonly expected: boolean;
  /** The answer's own words that show the concept (empty when not covered). */
  readonly evidence: readonly string[];
  /** Cues found but negated or contrasted away ("I don't really listen"). */
  readonly negated: readonly string[];
};

/** One STAR part: present or not, with evidence. */
export type StarPartFinding = { readonly present: boolean; readonly evidence: readonly string[] };
export type StarAnalysis = { readonly [P in StarPart]: StarPartFinding };

export type Specificity = {
  /** 0..1: how concrete the answer is. */
  readonly score: number;
  readonly numbers: readonly string[];
  readonly timeFrames: readonly string[];
  readonly names: readonly string[];
  readonly concreteActions: readonly string[];
  readonly genericClaims: readonly string[];
  /** Added: stock interview phrases ("people person", "110%") that say nothing specific (always filled). */
  readonly cliches?: readonly string[] | undefined;
};

export type Delivery = {
  readonly wordCount: number;
  readonly targetWords: readonly [number, number];
  readonly length: 'too-short' | 'short' | 'good' | 'long' | 'too-long';
  readonly fillers: readonly string[];
  readonly hedges: readonly string[];
  readonly iCount: number;
  readonly weCount: number;
  readonly ownership: 'i' | 'we' | 'mixed' | 'none';
};

/** What a good interviewer would jot down while listening. */
export type Insights = {
  readonly jobTerms: readonly string[];
  readonly repeatedWords: readonly { readonly word: string; readonly count: number }[];
  readonly talkingPoints: readonly string[];
};

export type CannedCheck = {
  readonly canned: boolean;
  /** 0..1 against the closest corpus answer. */
  readonly similarity: number;
  readonly closestId: string | null;
};

export type Tailoring = {
  /** null when no company was given. */
  readonly tailored: boolean | null;
  readonly evidence: readonly string[];
};

/** One line of the score: every point traces to a named criterion. */
export type ScorePart = {
  readonly criterion: string;
  readonly label: string;
  readonly points: number;
  readonly max: number;
  readonly reason: string;
};

/** Whether the answer tells a concrete episode from the candidate's own past, with its words. */
export type ExampleFinding = { readonly present: boolean; readonly evidence: readonly string[] };

/** The evaluator's whole reading of one answer. Plain data, JSON-safe, deterministic. */
export type Evaluation = {
  readonly questionId: string;
  readonly wordCount: number;
  /** Every rubric concept, in rubric order. */
  readonly concepts: readonly ConceptCoverage[];
  /** null for questions that expect no story. */
  readonly star: StarAnalysis | null;
  readonly specificity: Specificity;
  readonly delivery: Delivery;
  readonly insights: Insights;
  readonly canned: CannedCheck;
  readonly offTopic: boolean;
  readonly tailoring: Tailoring;
  /** 0..100, the sum of `breakdown`'s points. */
  readonly score: number;
  readonly breakdown: readonly ScorePart[];
  /** Added: a concrete episode told, for any kind of question (createEvaluator always fills it). */
  readonly example?: ExampleFinding | undefined;
  /** Added: only generic filler: stock phrases, no rubric point in its own words, no detail, no episode. */
  readonly genericOnly?: boolean | undefined;
  /** Added: short phrases of the answer (3-10 words, in order) a follow-up can quote (always filled). */
  readonly quotable?: readonly string[] | undefined;
};

/** What has been asked already for this question. */
export type FollowUpHistory = {
  readonly asked: readonly FollowUpReason[];
  /** At most this many follow-ups for one question (default 2). */
  readonly max?: number;
};

/** The single follow-up to ask, with why. */
export type FollowUp = {
  readonly reason: FollowUpReason;
  readonly text: string;
  /** The candidate's own words the follow-up refers to, when it quotes them. */
  readonly quote?: string;
  /** The concept probed, for reason `concept`. */
  readonly conceptId?: string;
};

/** Feedback on one answer: plain data for adapters to render. */
export type AnswerFeedback = {
  readonly questionId: string;
  readonly questionText: string;
  readonly score: number;
  readonly breakdown: readonly ScorePart[];
  readonly strengths: readonly { readonly label: string; readonly evidence: readonly string[] }[];
  readonly gaps: readonly { readonly label: string; readonly tip: string; readonly conceptId?: string }[];
  /** null for questions that expect no story. */
  readonly star: StarAnalysis | null;
  readonly delivery: readonly string[];
  /** Canned, off-topic, tailoring and similar remarks. */
  readonly notes: readonly string[];
};

/** Feedback on a whole interview. */
export type InterviewFeedback = {
  /** Mean of the answered questions' scores, 0..100; null when nothing was answered. */
  readonly score: number | null;
  readonly answered: number;
  readonly skipped: number;
  readonly answers: readonly AnswerFeedback[];
  /** Each criterion averaged over the answered questions. */
  readonly breakdown: readonly ScorePart[];
  /** The three most useful things to practise, most useful first. */
  readonly practise: readonly { readonly label: string; readonly tip: string; readonly conceptId?: string }[];
  readonly conceptsCovered: readonly string[];
  readonly conceptsMissed: readonly string[];
};

/** The interviewer's judgement, built once at start-up from a pack and the canned-answer corpus. */
export interface Evaluator {
  /** Reads one answer to one question. Pure and deterministic; never throws, whatever the string. */
  evaluate(answer: string, question: Question, context?: EvaluationContext): Evaluation;
  /** Picks the single most useful follow-up, or null; phrasing varies with `random` (seeded, [0, 1)). */
  chooseFollowUp(
    evaluation: Evaluation,
    question: Question,
    history: FollowUpHistory,
    random: () => number,
  ): FollowUp | null;
  /** Turns one evaluation into feedback. */
  answerFeedback(evaluation: Evaluation, question: Question): AnswerFeedback;
  /** Feedback over a whole interview; `skipped` counts questions passed over. */
  interviewFeedback(
    answered: readonly { readonly evaluation: Evaluation; readonly question: Question }[],
    skipped: number,
  ): InterviewFeedback;
}
