import type { Question } from '../../packs/schema.js';
import { selectQuestions } from '../select.js';
import type { LoadedPack, StepContext } from '../types.js';
import type {
  Audience,
  PanelActor,
  PanelReply,
  PanelResult,
  PanelSession,
  PanelState,
  PanelTurn,
  Participant,
} from './types.js';

/** A notice to everyone or to one person. */
export function notice(to: Audience, text: string): PanelReply {
  return { type: 'notice', to, text };
}

/** A private notice to the actor. */
export function tell(by: PanelActor, text: string): PanelReply {
  return notice({ userId: by.userId }, text);
}

/** The same session, with replies. */
export function stay(session: PanelSession | undefined, ...replies: readonly PanelReply[]): PanelResult {
  return { session, replies };
}

/** The session with a new state and time. */
export function withState(session: PanelSession, state: PanelState, ctx: StepContext): PanelSession {
  return { ...session, state, updatedAt: ctx.now };
}

/** Whether the actor may run the panel: the host, or someone the platform lets manage the channel. */
export function canManage(session: PanelSession, by: PanelActor): boolean {
  return by.userId === session.hostId || by.canManage;
}

export function participant(session: PanelSession, userId: string): Participant | undefined {
  return session.participants.find((p) => p.userId === userId);
}

/** The turn in play (the last), in the answering and rating phases. */
export function currentTurn(session: PanelSession): PanelTurn | undefined {
  return session.state.phase === 'answering' || session.state.phase === 'rating' ? session.turns.at(-1) : undefined;
}

/** Replaces the turn in play. */
export function withTurn(session: PanelSession, turn: PanelTurn): PanelSession {
  return { ...session, turns: [...session.turns.slice(0, -1), turn] };
}

/** The lobby message: who has joined, the settings, whether it can begin. */
export function lobby(session: PanelSession): PanelReply {
  return {
    type: 'lobby',
    to: 'all',
    panelId: session.id,
    hostId: session.hostId,
    participants: session.participants,
    settings: session.settings,
    canBegin: session.participants.length >= MIN_PARTICIPANTS,
  };
}

/** A panel needs a candidate and at least one listener. */
export const MIN_PARTICIPANTS = 2;

/** The order questions are asked in across the panel: seeded, kinds mixed, for the role. */
export function questionOrder(session: PanelSession, loaded: LoadedPack): readonly Question[] {
  const { packId, role, seed } = session.settings;
  const ids = selectQuestions(loaded.pack, {
    packId,
    seed,
    questions: loaded.pack.questions.length,
    ...(role === undefined ? {} : { role }),
  });
  return ids.flatMap((id) => {
    const question = loaded.questions.get(id);
    return question === undefined ? [] : [question];
  });
}

/** The question of a turn, if the pack still has it. */
export function questionOf(loaded: LoadedPack, turn: PanelTurn): Question | undefined {
  return loaded.questions.get(turn.questionId);
}

/** The panelists of a turn: everyone present but the candidate. */
export function panelists(session: PanelSession, turn: PanelTurn): readonly Participant[] {
  return session.participants.filter((p) => p.userId !== turn.candidateId);
}
