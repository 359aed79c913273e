import { Criteria, type Criterion, type Level } from '../../src/engine/index.js';

type Base = { readonly threadId: string };
type InTurn = Base & { readonly turn: number };

/** A panel's buttons and modals: each names its panel by the thread it runs in, most the turn they belong to. */
export type PanelButton =
  | (Base & { readonly kind: 'join' })
  | (Base & { readonly kind: 'leave' })
  | (Base & { readonly kind: 'begin' })
  /**
   * Answer (whose modal has the same custom id) and Talking points carry the candidate of the turn. Talking points no
   * longer needs it (the engine knows), but keeps it so the buttons on messages already posted still parse.
   */
  | (InTurn & { readonly kind: 'answer'; readonly candidateId: string })
  | (InTurn & { readonly kind: 'points'; readonly candidateId: string })
  | (InTurn & { readonly kind: 'skip' })
  | (InTurn & { readonly kind: 'comment' })
  | (InTurn & { readonly kind: 'rate'; readonly criterion: Criterion; readonly level: Level });

/** The button of one kind. */
export type PanelButtonOf<K extends PanelButton['kind']> = Extract<PanelButton, { readonly kind: K }>;

/** Every panel custom id starts with this; the solo interview's start with `iv:`. */
export const PANEL_PREFIX = 'pn:';

const PATTERN = /^pn:([a-z]+):(\d{17,20}):(\d{0,3}):(\d{0,20})$/;

function extra(button: PanelButton): string {
  switch (button.kind) {
    case 'answer':
    case 'points':
      return button.candidateId;
    case 'rate':
      return `${Criteria.indexOf(button.criterion)}${button.level}`;
    default:
      return '';
  }
}

/** `pn:<kind>:<threadId>:<turn>:<extra>`, at most 56 characters (Discord allows 100). */
export function toPanelId(button: PanelButton): string {
  const turn = 'turn' in button ? String(button.turn) : '';
  return `${PANEL_PREFIX}${button.kind}:${button.threadId}:${turn}:${extra(button)}`;
}

const isLevel = (n: number): n is Level => n === 1 || n === 2 || n === 3 || n === 4;

/** Reads a panel custom id back; undefined for anything that is not one of ours (or is malformed). */
export function parsePanelId(customId: string): PanelButton | undefined {
  const match = PATTERN.exec(customId);
  if (match === null) return undefined;
  const [, kind = '', threadId = '', turnText = '', tail = ''] = match;
  const turn = Number(turnText);
  const hasTurn = turnText !== '' && turn >= 1;
  switch (kind) {
    case 'join':
    case 'leave':
    case 'begin':
      return turnText === '' && tail === '' ? { kind, threadId } : undefined;
    case 'answer':
    case 'points':
      return hasTurn && tail.length >= 17 ? { kind, threadId, turn, candidateId: tail } : undefined;
    case 'skip':
    case 'comment':
      return hasTurn && tail === '' ? { kind, threadId, turn } : undefined;
    case 'rate': {
      const criterion = Criteria[Number(tail.slice(0, 1))];
      const level = Number(tail.slice(1));
      if (!hasTurn || tail.length !== 2 || criterion === undefined || !isLevel(level)) return undefined;
      return { kind, threadId, turn, criterion, level };
    }
    default:
      return undefined;
  }
}
