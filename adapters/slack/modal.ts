import type { types } from '@slack/bolt';
import { z } from 'zod';
import { parseCompanyLine, type StartOptions } from '../../src/engine/index.js';
import { type Role, Roles } from '../../src/packs/index.js';
import { plain } from './blocks.js';
import type { SlackIntent } from './inbound.js';

/** The callback id of the start modal opened from App Home. */
export const START_MODAL = 'iv:start-modal';

/** How each role reads in menus and messages. */
export const roleLabels: Readonly<Record<Role, string>> = {
  retail: 'Retail',
  'call-centre': 'Call centre',
  'support-desk': 'Support desk',
  hospitality: 'Hospitality',
};
const counts = [3, 5, 8, 10] as const;

const option = (text: string, value: string): types.PlainTextOption => ({ text: plain(text, 75), value });

/** The modal App Home's Start button opens: how many questions, role, company (and values), drill. */
export function startModal(): types.ModalView {
  const five = option('5 questions', '5');
  const drill = option('Drill the concepts I miss most', 'weakest');
  return {
    type: 'modal',
    callback_id: START_MODAL,
    title: plain('Practice interview', 24),
    submit: plain('Start', 24),
    close: plain('Cancel', 24),
    blocks: [
      {
        type: 'input',
        block_id: 'questions',
        label: plain('How many questions?', 2000),
        element: {
          type: 'static_select',
          action_id: 'value',
          initial_option: five,
          options: counts.map((n) => (n === 5 ? five : option(`${n} questions`, String(n)))),
        },
      },
      {
        type: 'input',
        block_id: 'role',
        optional: true,
        label: plain('Role', 2000),
        element: {
          type: 'static_select',
          action_id: 'value',
          placeholder: plain('Any role', 150),
          options: Roles.map((role) => option(roleLabels[role], role)),
        },
      },
      {
        type: 'input',
        block_id: 'company',
        optional: true,
        label: plain('Company (and its values after a colon)', 2000),
        hint: plain('For example: Northwind: friendly, reliable, customers first', 2000),
        element: { type: 'plain_text_input', action_id: 'value', max_length: 300 },
      },
      {
        type: 'input',
        block_id: 'focus',
        optional: true,
        label: plain('Focus', 2000),
        element: { type: 'checkboxes', action_id: 'value', options: [drill] },
      },
    ],
  };
}

const Selected = z.object({ value: z.string() });
const Submission = z.object({
  type: z.literal('view_submission'),
  trigger_id: z.string().optional(),
  user: z.object({ id: z.string(), username: z.string().optional(), name: z.string().optional() }),
  view: z.object({
    id: z.string(),
    callback_id: z.string(),
    state: z.object({
      values: z.object({
        questions: z.object({ value: z.object({ selected_option: Selected.nullish() }) }).optional(),
        role: z.object({ value: z.object({ selected_option: Selected.nullish() }) }).optional(),
        company: z.object({ value: z.object({ value: z.string().nullish() }) }).optional(),
        focus: z.object({ value: z.object({ selected_options: z.array(Selected).nullish() }) }).optional(),
      }),
    }),
  }),
});

/** A submitted start modal: a start with the chosen options (no intro: the form already asked). */
export function fromViewSubmission(body: unknown): SlackIntent {
  const parsed = Submission.safeParse(body);
  if (!parsed.success || parsed.data.view.callback_id !== START_MODAL) return { type: 'ignore' };
  const { user, view } = parsed.data;
  const values = view.state.values;
  const questions = Number(values.questions?.value.selected_option?.value);
  const role = Roles.find((r) => r === values.role?.value.selected_option?.value);
  const weakest = values.focus?.value.selected_options?.some((o) => o.value === 'weakest') === true;
  const options: StartOptions = {
    ...(Number.isInteger(questions) && questions > 0 ? { questions } : {}),
    ...(role === undefined ? {} : { role }),
    ...(weakest ? { focus: 'weakest' } : {}),
    ...parseCompanyLine(values.company?.value.value ?? ''),
    skipIntro: true,
  };
  const name = user.username ?? user.name ?? user.id;
  return {
    type: 'turn',
    inbound: {
      id: `slack:view:${view.id}`,
      key: `solo:slack:${user.id}`,
      actor: { platform: 'slack', userId: user.id, name },
      event: { type: 'start', options },
    },
  };
}
