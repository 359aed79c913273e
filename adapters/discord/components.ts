import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithCustomId,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord-api-types/v10';
import type { Action } from '../../src/engine/index.js';
import { type ButtonId, type ButtonKind, toCustomId } from './custom-id.js';

/** The longest answer the modal takes (Discord's text input maximum). */
export const MODAL_ANSWER_LIMIT = 4000;
/** The custom id of the modal's text input. */
export const ANSWER_INPUT = 'answer';

/** Where buttons are sent: to whom, with which session, about which question (`arg` for example and retry). */
export type ButtonScope = {
  readonly userId: string;
  readonly sessionId?: string;
  readonly question?: number;
  readonly arg?: number;
};

type Style = ButtonStyle.Primary | ButtonStyle.Secondary | ButtonStyle.Success | ButtonStyle.Danger;

const looks: Record<ButtonKind, { readonly label: string; readonly style: Style }> = {
  answer: { label: 'Answer', style: ButtonStyle.Primary },
  skip: { label: 'Skip', style: ButtonStyle.Secondary },
  repeat: { label: 'Repeat', style: ButtonStyle.Secondary },
  hint: { label: 'Hint', style: ButtonStyle.Secondary },
  end: { label: 'End', style: ButtonStyle.Danger },
  resume: { label: 'Resume', style: ButtonStyle.Primary },
  example: { label: 'Model answer', style: ButtonStyle.Secondary },
  retry: { label: 'Retry', style: ButtonStyle.Secondary },
  start: { label: 'Start a new interview', style: ButtonStyle.Success },
  forget: { label: 'Delete my data', style: ButtonStyle.Danger },
  keep: { label: 'Keep my data', style: ButtonStyle.Secondary },
  thread: { label: 'Use a private thread', style: ButtonStyle.Primary },
};

/** One button; `example` and `retry` name their question in the label. */
export function button(id: ButtonId): APIButtonComponentWithCustomId {
  const look = looks[id.kind];
  const numbered = (id.kind === 'example' || id.kind === 'retry') && id.question !== undefined;
  const label = numbered ? `${look.label} (question ${id.question})` : look.label;
  return { type: ComponentType.Button, custom_id: toCustomId(id), label, style: look.style };
}

/** Buttons in rows of at most five. */
export function rows(buttons: readonly APIButtonComponent[]): APIActionRowComponent<APIButtonComponent>[] {
  const out: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let at = 0; at < buttons.length; at += 5)
    out.push({ type: ComponentType.ActionRow, components: buttons.slice(at, at + 5) });
  return out;
}

/**
 * The buttons for a reply's actions. Every action but `start` acts on a session, so without a known session id those
 * buttons are left out rather than sent unbound (a button must never act on an interview it was not sent with).
 */
export function actionRows(
  actions: readonly Action[] | undefined,
  scope: ButtonScope,
): APIActionRowComponent<APIButtonComponent>[] {
  const buttons = (actions ?? []).flatMap((kind) => {
    if (kind !== 'start' && scope.sessionId === undefined) return [];
    const question = kind === 'example' || kind === 'retry' ? scope.arg : scope.question;
    const sessionId = kind === 'start' ? undefined : scope.sessionId;
    return [
      button({
        kind,
        userId: scope.userId,
        ...(sessionId === undefined ? {} : { sessionId }),
        ...(question === undefined ? {} : { question }),
      }),
    ];
  });
  return rows(buttons);
}

/** An answer modal with `customId` (the button's, so the answer stays bound to what it answers) and `title`. */
export function answerModalWith(customId: string, title: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title,
    components: [
      {
        type: ComponentType.Label,
        label: 'Your answer',
        description: 'Answer as you would in the room: what happened, what you did, how it ended.',
        component: {
          type: ComponentType.TextInput,
          custom_id: ANSWER_INPUT,
          style: TextInputStyle.Paragraph,
          min_length: 1,
          max_length: MODAL_ANSWER_LIMIT,
          required: true,
        },
      },
    ],
  };
}

/** The modal the Answer button opens; its custom id is the button's, so the answer stays bound to its question. */
export function answerModal(id: ButtonId): APIModalInteractionResponseCallbackData {
  const title = id.question === undefined ? 'Your answer' : `Your answer to question ${id.question}`;
  return answerModalWith(toCustomId(id), title);
}
