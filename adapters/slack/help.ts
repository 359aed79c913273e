import { context, md, type SlackMessage, sections } from './blocks.js';
import { clip } from './split.js';

const lines = [
  '*Practise a customer-service interview with me*',
  '• Send `start` here (or use the Start button on my Home tab), then answer each question in this DM.',
  '• `/interview start [questions] [role] [company]`, e.g. `/interview start 3 retail Acme Corp: friendly, fast`',
  '• `/interview skip` · `repeat` · `hint` · `pause` · `resume` · `end` · `status`',
  '• `/interview example N` shows a model answer · `/interview retry N` tries question N again',
  '• `/interview history` shows your past interviews · `/interview forget` deletes everything I keep about you',
  '• In a channel, `/interview panel [questions each] [role]` runs a group mock interview in a thread',
  'Roles: retail, call centre, support desk, hospitality. Add `weakest` for a drill on what you miss most, `seed=N` to get the same questions as an earlier interview, `pack=ID` for another question pack.',
];

/** How to use the bot; `unknown` names a subcommand that was not recognised. */
export function helpMessage(unknown?: string): SlackMessage {
  const blocks = [
    ...(unknown === undefined ? [] : [context(md`I do not know “${clip(unknown, 40)}”. Here is what I understand:`)]),
    ...sections(lines.join('\n')),
  ];
  return { text: 'How to practise an interview with me', blocks };
}
