import type { types } from '@slack/bolt';
import { z } from 'zod';
import { plain } from './blocks.js';
import { isTs, PANEL_COMMENT_MODAL, type Where } from './panel-ids.js';
import type { PanelIntent } from './panel-inbound.js';

/** The longest comment the modal takes: one line, as the engine keeps it. */
const MAX_COMMENT = 200;

const Metadata = z.object({ c: z.string().regex(/^[CG][A-Z0-9]{2,}$/), t: z.string(), n: z.number().int().positive() });

/** The modal "Add a comment" opens: one line for the answer of `turn`; where it belongs rides in private_metadata. */
export function commentModal(where: Where, turn: number): types.ModalView {
  return {
    type: 'modal',
    callback_id: PANEL_COMMENT_MODAL,
    private_metadata: JSON.stringify({ c: where.channel, t: where.thread, n: turn }),
    title: plain('Comment on the answer', 24),
    submit: plain('Save', 24),
    close: plain('Cancel', 24),
    blocks: [
      {
        type: 'input',
        block_id: 'comment',
        label: plain(`One line on the answer of turn ${turn}`, 2000),
        hint: plain('The candidate sees it in the summary, beside the ratings.', 2000),
        element: { type: 'plain_text_input', action_id: 'value', max_length: MAX_COMMENT },
      },
    ],
  };
}

const Submission = z.object({
  type: z.literal('view_submission'),
  user: z.object({ id: z.string(), username: z.string().optional(), name: z.string().optional() }),
  view: z.object({
    id: z.string(),
    callback_id: z.string(),
    private_metadata: z.string().optional(),
    state: z.object({
      values: z.object({ comment: z.object({ value: z.object({ value: z.string().nullish() }) }).optional() }),
    }),
  }),
});

/** A submitted comment modal: a `comment` event for the panel and turn the modal was opened for. */
export function fromCommentSubmission(body: unknown): PanelIntent {
  const parsed = Submission.safeParse(body);
  if (!parsed.success || parsed.data.view.callback_id !== PANEL_COMMENT_MODAL) return { type: 'ignore' };
  const { user, view } = parsed.data;
  let metadata: unknown;
  try {
    metadata = JSON.parse(view.private_metadata ?? '');
  } catch {
    return { type: 'ignore' };
  }
  const meta = Metadata.safeParse(metadata);
  if (!meta.success || !isTs(meta.data.t)) return { type: 'ignore' };
  const text = view.state.values.comment?.value.value ?? '';
  const turn = meta.data.n;
  const name = user.username ?? user.name;
  return {
    type: 'event',
    id: `slack:view:${view.id}`,
    where: { channel: meta.data.c, thread: meta.data.t },
    userId: user.id,
    ...(name === undefined ? {} : { name }),
    event: (by) => ({ type: 'comment', by, turn, text }),
  };
}
