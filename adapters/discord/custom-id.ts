import type { Action } from '../../src/engine/index.js';

/** What a button (or the modal it opens) can ask for: an engine action, or one of the adapter's own choices. */
export type ButtonKind = Action | 'forget' | 'keep' | 'thread';

/**
 * Everything a button carries: what it does, the session it was sent with, a 1-based question, and the user it was
 * sent to. For `example` and `retry` the question is the command's target; for the others it is the question in play.
 */
export type ButtonId = {
  readonly kind: ButtonKind;
  readonly userId: string;
  readonly sessionId?: string;
  readonly question?: number;
};

const kinds: readonly ButtonKind[] = [
  'answer',
  'skip',
  'repeat',
  'hint',
  'end',
  'example',
  'retry',
  'resume',
  'start',
  'forget',
  'keep',
  'thread',
];

const PATTERN = /^iv:([a-z]+):([a-z0-9]{0,32}):(\d{0,3}):(\d{17,20})$/;

/** `iv:<kind>:<sessionId>:<question>:<userId>`, at most 75 characters (Discord allows 100). */
export function toCustomId(id: ButtonId): string {
  return `iv:${id.kind}:${id.sessionId ?? ''}:${id.question ?? ''}:${id.userId}`;
}

/** Reads a custom id back; undefined for anything that is not one of ours (or is malformed). */
export function parseCustomId(customId: string): ButtonId | undefined {
  const match = PATTERN.exec(customId);
  if (match === null) return undefined;
  const [, kind = '', sessionId = '', question = '', userId = ''] = match;
  const known = kinds.find((k) => k === kind);
  if (known === undefined) return undefined;
  const number = question === '' ? undefined : Number(question);
  if (number !== undefined && number < 1) return undefined;
  return {
    kind: known,
    userId,
    ...(sessionId === '' ? {} : { sessionId }),
    ...(number === undefined ? {} : { question: number }),
  };
}
