import type { types } from '@slack/bolt';
import type { Overview } from '../../src/runtime/index.js';
import { actions, type Block, button, context, divider, header, sections } from './blocks.js';
import { actionButtons, encodeScope, HOME_START } from './buttons.js';
import { historyLines, trendLines } from './render-history.js';

const phases = {
  intro: 'setting up (company and role)',
  asking: 'waiting for your answer',
  probing: 'waiting for your answer to a follow-up',
  paused: 'paused',
  finished: 'finished',
} as const;

/** The interview in progress, with buttons to check on it, pause or resume, and end it. */
function currentBlocks(current: Overview['current']): Block[] {
  if (current === null || current.phase === 'finished')
    return sections('*Current interview*\nNone in progress. Start one, or send me `start` in a DM.');
  const where = current.question === null ? 'Not started yet' : `Question ${current.question} of ${current.total}`;
  const scope = { sessionId: current.sessionId };
  const control = current.phase === 'paused' ? (['resume', 'end'] as const) : (['end'] as const);
  return [
    ...sections(`*Current interview*\n${where} · ${current.answered} answered · ${phases[current.phase]}`),
    ...actions([
      ...actionButtons(control, scope),
      ...(current.phase === 'paused' ? [] : [button('Pause', 'iv:pause', encodeScope(scope))]),
    ]),
    context('Answers go in your DM with me (the Messages tab).'),
  ];
}

/** The App Home: a Start button (options in a modal), the interview in progress, past scores and weak concepts. */
export function renderHome(overview: Overview | undefined): types.HomeView {
  const start = button('Start an interview', HOME_START, undefined, 'primary');
  const intro: Block[] = [
    header('Interview practice'),
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'Practise a customer-service job interview: I ask, you answer in our DM, and you get feedback.',
        verbatim: true,
      },
      accessory: start,
    },
    divider(),
  ];
  if (overview === undefined)
    return { type: 'home', blocks: [...intro, ...sections('I cannot load your interviews just now; try again soon.')] };
  const past = historyLines(overview.history);
  const trend = trendLines(overview.history);
  return {
    type: 'home',
    blocks: [
      ...intro,
      ...currentBlocks(overview.current),
      divider(),
      ...sections(['*Past interviews*', ...(past.length === 0 ? ['None yet.'] : past)].join('\n')),
      ...(trend.length === 0 ? [] : sections(['*Concepts missed most*', ...trend].join('\n'))),
    ],
  };
}
