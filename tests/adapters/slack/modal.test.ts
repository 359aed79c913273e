import { describe, expect, it } from 'vitest';
import { fromViewSubmission, START_MODAL, startModal } from '../../../adapters/slack/modal.js';
import { checkView } from '../../fakes/slack/index.js';

const submission = (values: Record<string, unknown>, callbackId = START_MODAL) => ({
  type: 'view_submission',
  user: { id: 'U0DANA', username: 'dana' },
  trigger_id: '1.2.3',
  view: { id: 'V0MODAL1', callback_id: callbackId, state: { values } },
});

describe('startModal', () => {
  it('is a modal Slack accepts, asking for questions, role, company and focus', () => {
    const view = startModal();
    expect(checkView(view)).toBeUndefined();
    expect(view.blocks.map((b) => b.block_id)).toEqual(['questions', 'role', 'company', 'focus']);
  });
});

describe('fromViewSubmission', () => {
  it('starts an interview with the chosen options, without the intro', () => {
    const intent = fromViewSubmission(
      submission({
        questions: { value: { selected_option: { value: '8' } } },
        role: { value: { selected_option: { value: 'call-centre' } } },
        company: { value: { value: 'Northwind: friendly, reliable' } },
        focus: { value: { selected_options: [{ value: 'weakest' }] } },
      }),
    );
    expect(intent).toEqual({
      type: 'turn',
      inbound: {
        id: 'slack:view:V0MODAL1',
        key: 'solo:slack:U0DANA',
        actor: { platform: 'slack', userId: 'U0DANA', name: 'dana' },
        event: {
          type: 'start',
          options: {
            questions: 8,
            role: 'call-centre',
            focus: 'weakest',
            company: 'Northwind',
            companyValues: ['friendly', 'reliable'],
            skipIntro: true,
          },
        },
      },
    });
  });

  it('leaves out what was left empty', () => {
    const intent = fromViewSubmission(
      submission({
        questions: { value: { selected_option: { value: '5' } } },
        role: { value: { selected_option: null } },
        company: { value: { value: null } },
        focus: { value: { selected_options: [] } },
      }),
    );
    expect(intent.type === 'turn' && intent.inbound.event).toEqual({
      type: 'start',
      options: { questions: 5, skipIntro: true },
    });
  });

  it('ignores another modal', () => {
    expect(fromViewSubmission(submission({}, 'other'))).toEqual({ type: 'ignore' });
  });
});
