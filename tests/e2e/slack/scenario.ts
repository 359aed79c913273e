import { expect } from 'vitest';
import { succeeded } from '../../fakes/slack/index.js';
import { answer, buttonsOf, contentOf, type Harness, until } from './harness.js';

/** A weak first answer: short and general, so the interviewer probes it, quoting it. */
export const vague = 'I always try to help customers and I like being nice to people.';

/** A strong STAR story, good enough to move on. */
export const story =
  'Last spring at the Camden shop a regular customer was angry because the phone he bought from us kept ' +
  'restarting and he needed it for work that afternoon. My task was to calm him down and get him a working phone. ' +
  'I listened to the whole story without interrupting, apologised, checked the stock system and found a ' +
  'replacement at our Islington branch. I set it up for him, copied his contacts and called him the next day to ' +
  'make sure it worked. He left a five-star review and still asks for me when he comes in.';

/** The words between the first pair of quotes in `text` (the follow-up's quote of the answer). */
function quoteIn(text: string): string | undefined {
  return /["“]([^"”]{3,})["”]/.exec(text)?.[1];
}

/**
 * A whole interview in a DM, through whatever transport the harness uses: `start`, the intro, every question
 * answered, a follow-up that quotes the answer, Block Kit feedback per answer and the final report.
 */
export async function wholeInterview(h: Harness, user: string): Promise<void> {
  const opening = await answer(h, user, 'start');
  expect(opening.map((m) => m.text)).toEqual([
    expect.stringContaining('Welcome to your practice interview: 5 questions'),
    expect.stringContaining('which company are you interviewing with?'),
  ]);
  const company = await answer(h, user, 'Acme & Sons: friendly, reliable');
  expect(company.at(-1)?.text).toContain('which kind of role is it');
  const first = await answer(h, user, 'retail');
  expect(first.at(-1)?.text).toMatch(/^\*Question 1 of 5\*/);
  expect(buttonsOf(first.at(-1))).toEqual(['iv:skip', 'iv:repeat', 'iv:hint', 'iv:end']);
  expect((await h.session(user))?.settings).toMatchObject({ company: 'Acme & Sons', role: 'retail' });

  const probed = await answer(h, user, vague);
  expect(probed).toHaveLength(1);
  expect(probed[0]?.text).toMatch(/^\*Follow-up on question 1 of 5\*/);
  const quote = quoteIn(probed[0]?.text ?? '');
  expect(quote !== undefined && vague.includes(quote)).toBe(true);

  const seen: string[] = [];
  for (let turns = 0; turns < 20 && !seen.some((t) => t.startsWith('Interview complete')); turns++)
    seen.push(...(await answer(h, user, story)).map((m) => m.text));
  const questions = seen.filter((t) => t.startsWith('*Question')).map((t) => t.split('\n')[0]);
  expect(questions).toEqual(['*Question 2 of 5*', '*Question 3 of 5*', '*Question 4 of 5*', '*Question 5 of 5*']);
  expect(seen.filter((t) => t.startsWith('Feedback on question'))).toHaveLength(5);
  expect(seen.filter((t) => t.startsWith('Interview complete: '))).toHaveLength(1);

  const feedback = h.fake.messages(user).find((m) => m.text.startsWith('Feedback on question 1 of 5'));
  expect(feedback === undefined ? '' : contentOf(feedback)).toMatch(/\*Score: \d+\/100\*/);
  expect(buttonsOf(feedback)).toEqual(['iv:example:1', 'iv:retry:1']);
  expect(h.fake.calls('chat.postMessage').every(succeeded)).toBe(true);

  const session = await h.session(user);
  expect(session?.state.phase).toBe('finished');
  expect(session?.answers.filter((a) => a.score !== null)).toHaveLength(5);
  await until('App Home showing the finished interview', () =>
    JSON.stringify(h.fake.homeView(user)?.blocks ?? []).includes('completed'),
  );
}
