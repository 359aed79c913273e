import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, buttonsOf, type Harness, posted, startHarness, until } from './harness.js';
import { story } from './scenario.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'http' });
});
afterAll(async () => {
  await h.close();
});

/** Starts an interview with `/interview start <args>` and waits for its first question. */
async function startWith(user: string, args: string) {
  const from = h.fake.messages(user).length;
  const ack = await h.command({ command: '/interview', user, text: `start ${args}` });
  return { ack, question: await posted(h, user, /^\*Question 1 of /, from) };
}

describe('/interview start with options', () => {
  it('reads the number of questions, the role and the company, and asks question 1 in the DM', async () => {
    const { ack, question } = await startWith('U0START001', '3 retail Acme Corp: friendly, fast');
    expect(ack).toBeUndefined();
    expect(question.text).toMatch(/^\*Question 1 of 3\*/);
    expect(question.channel).toBe(h.fake.dmChannel('U0START001'));
    expect((await h.session('U0START001'))?.settings).toMatchObject({
      questions: 3,
      role: 'retail',
      company: 'Acme Corp',
      companyValues: ['friendly', 'fast'],
    });
  });
});

describe('/interview with an unknown or no subcommand', () => {
  it('answers with help in the ephemeral acknowledgement and posts nothing', async () => {
    const before = h.fake.calls('chat.postMessage').length;
    const ack = await h.command({ command: '/interview', user: 'U0HELP0001', text: 'dance' });
    expect(ack).toMatchObject({ response_type: 'ephemeral', text: 'How to practise an interview with me' });
    expect(JSON.stringify(ack)).toContain('I do not know “dance”');
    expect(await h.command({ command: '/interview', user: 'U0HELP0001', text: '' })).toMatchObject({
      response_type: 'ephemeral',
    });
    expect(h.fake.calls('chat.postMessage')).toHaveLength(before);
  });
});

describe('the buttons on a question', () => {
  const user = 'U0BUTTON01';

  it('Hint and Repeat answer in the DM and leave the interview where it was', async () => {
    const { question } = await startWith(user, '3 call centre Northwind');
    expect(buttonsOf(question)).toEqual(['iv:skip', 'iv:repeat', 'iv:hint', 'iv:end']);
    const from = h.fake.messages(user).length;
    await h.click(user, 'iv:hint');
    expect((await posted(h, user, /^\*Hint\* for/, from)).text).toContain('A strong answer covers:');
    await h.click(user, 'iv:repeat');
    const repeated = await posted(h, user, /^\*Question 1 of 3\*/, from);
    expect(repeated.text).toBe(question.text);
    expect((await h.session(user))?.state).toMatchObject({ phase: 'asking', turn: { index: 0 } });
  });

  it('Skip moves to the next question; the old question’s Skip is then stale and answered privately', async () => {
    const firstQuestion = h.fake.messages(user).find((m) => m.text.startsWith('*Question 1 of 3*'));
    const from = h.fake.messages(user).length;
    await h.click(user, 'iv:skip');
    await posted(h, user, /^Question 1 skipped\./, from);
    await posted(h, user, /^\*Question 2 of 3\*/, from);
    const posts = h.fake.calls('chat.postMessage').length;
    await h.click(user, 'iv:skip', { messageTs: firstQuestion?.ts ?? '' });
    const ephemeral = await h.fake.waitFor('chat.postEphemeral');
    expect(ephemeral.args).toMatchObject({ user, channel: h.fake.dmChannel(user) });
    expect(String(ephemeral.args.text)).toContain('earlier question');
    expect(h.fake.calls('chat.postMessage')).toHaveLength(posts);
    expect((await h.session(user))?.state).toMatchObject({ phase: 'asking', turn: { index: 1 } });
  });

  it('End finishes the interview early with a report that offers a new start', async () => {
    const from = h.fake.messages(user).length;
    await h.click(user, 'iv:end');
    const report = await posted(h, user, /^Interview ended early/, from);
    expect(buttonsOf(h.fake.messages(user).at(-1))).toEqual(['iv:start']);
    expect(report.blocks.length).toBeLessThanOrEqual(50);
    expect((await h.session(user))?.state).toMatchObject({ phase: 'finished', endedEarly: true });
  });

  it('the report’s Start button begins a new interview', async () => {
    const from = h.fake.messages(user).length;
    const before = (await h.session(user))?.id;
    await h.click(user, 'iv:start');
    await posted(h, user, /^Welcome to your practice interview/, from);
    expect((await h.session(user))?.id).not.toBe(before);
  });
});

describe('the buttons on feedback', () => {
  const user = 'U0FEEDBK01';

  it('Model answer shows the example and Retry asks the question again beside the old score', async () => {
    await startWith(user, '2 retail Camden Phones');
    let feedback = h.fake.messages(user).find((m) => m.text.startsWith('Feedback on question 1'));
    for (let i = 0; i < 4 && feedback === undefined; i++) {
      await answer(h, user, story);
      feedback = h.fake.messages(user).find((m) => m.text.startsWith('Feedback on question 1'));
    }
    expect(buttonsOf(feedback)).toEqual(['iv:example:1', 'iv:retry:1']);
    const from = h.fake.messages(user).length;
    await h.click(user, 'iv:example:1', { messageTs: feedback?.ts ?? '' });
    await posted(h, user, /^\*A strong answer to question 1\*/, from);
    await h.click(user, 'iv:retry:1', { messageTs: feedback?.ts ?? '' });
    const retry = await posted(h, user, /^\*Question 1 of 2\* \(a retry; before: \d+\/100\)/, from);
    expect(buttonsOf(retry)).toContain('iv:skip');
  });
});

describe('/interview pause, resume, status and history', () => {
  const user = 'U0PAUSE001';

  it('pauses with a Resume button that resumes, reports status, and lists history', async () => {
    await startWith(user, '2 support Initech');
    let from = h.fake.messages(user).length;
    await h.command({ command: '/interview', user, text: 'pause' });
    const paused = await posted(h, user, /^Paused\./, from);
    expect(buttonsOf(paused)).toEqual(['iv:resume', 'iv:end']);
    await h.click(user, 'iv:resume');
    await posted(h, user, /^Welcome back\./, from);
    await posted(h, user, /^\*Question 1 of 2\*/, from);
    from = h.fake.messages(user).length;
    await h.command({ command: '/interview', user, text: 'status' });
    await posted(h, user, /^Question 1 of 2: 0 answered, 0 skipped\./, from);
    await h.command({ command: '/interview', user, text: 'history' });
    await posted(h, user, /^No finished interviews yet/, from);
  });
});

describe('/interview forget', () => {
  const user = 'U0FORGET01';

  it('asks first: Cancel keeps everything and replaces the buttons', async () => {
    await startWith(user, '2 hospitality Blue Cafe');
    const from = h.fake.messages(user).length;
    await h.command({ command: '/interview', user, text: 'forget' });
    const confirm = await posted(h, user, /^\*Delete everything I keep about you\?\*/, from);
    expect(buttonsOf(confirm)).toEqual(['iv:forget-confirm', 'iv:forget-cancel']);
    expect(JSON.stringify(confirm.blocks)).toContain('"style":"danger"');
    await h.click(user, 'iv:forget-cancel');
    await until('the confirmation to be answered', () =>
      h.fake.messages(user).some((m) => m.ts === confirm.ts && m.text === 'Nothing was deleted.'),
    );
    expect(await h.session(user)).toBeDefined();
  });

  it('Confirm deletes the session and the profile, and says so', async () => {
    const from = h.fake.messages(user).length;
    await h.command({ command: '/interview', user, text: 'forget' });
    const confirm = await posted(h, user, /^\*Delete everything/, from);
    await h.click(user, 'iv:forget-confirm', { messageTs: confirm.ts });
    await posted(h, user, /^Done: I deleted \d+ stored items? about you\./, from);
    expect(await h.session(user)).toBeUndefined();
    const profile = await h.app.store.profiles.get(`slack:${user}`);
    expect(profile.ok && profile.value.value).toBeFalsy();
    expect(buttonsOf(h.fake.messages(user).find((m) => m.ts === confirm.ts))).toEqual([]);
  });
});

describe('App Home', () => {
  const user = 'U0HOME0001';

  it('is published on app_home_opened with a Start button and no interview in progress', async () => {
    await h.event(h.fake.payloads.appHomeOpened({ user }));
    const call = await h.fake.waitFor('views.publish', (c) => c.args.user_id === user);
    expect(call.response.ok).toBe(true);
    const home = JSON.stringify(h.fake.homeView(user)?.blocks);
    expect(home).toContain('iv:home-start');
    expect(home).toContain('None in progress');
  });

  it('Start opens a modal whose submission starts an interview with those options', async () => {
    const homeId = h.fake.homeView(user)?.id ?? '';
    await h.click(user, 'iv:home-start', { viewId: homeId });
    const opened = await h.fake.waitFor('views.open', (c) => c.response.ok === true);
    const viewId = (opened.response.view as { id: string }).id;
    expect((opened.args.view as { callback_id: string }).callback_id).toBe('iv:start-modal');
    const values = {
      questions: { value: { type: 'static_select', selected_option: { value: '3' } } },
      role: { value: { type: 'static_select', selected_option: { value: 'hospitality' } } },
      company: { value: { type: 'plain_text_input', value: 'Blue Cafe: warm, quick' } },
      focus: { value: { type: 'checkboxes', selected_options: [] } },
    };
    await h.interact(h.fake.payloads.viewSubmission({ user, viewId, values }));
    await posted(h, user, /^\*Question 1 of 3\*/);
    expect((await h.session(user))?.settings).toMatchObject({
      questions: 3,
      role: 'hospitality',
      company: 'Blue Cafe',
      companyValues: ['warm', 'quick'],
    });
    await until('App Home showing the interview', () =>
      JSON.stringify(h.fake.homeView(user)?.blocks).includes('Question 1 of 3 · 0 answered'),
    );
  });

  it('its Pause and End buttons act on the interview in progress', async () => {
    const from = h.fake.messages(user).length;
    await h.click(user, 'iv:pause', { viewId: h.fake.homeView(user)?.id ?? '' });
    await posted(h, user, /^Paused\./, from);
    await until('App Home showing the pause', () => JSON.stringify(h.fake.homeView(user)?.blocks).includes('paused'));
    await h.click(user, 'iv:end', { viewId: h.fake.homeView(user)?.id ?? '' });
    await posted(h, user, /^Interview ended early/, from);
    expect((await h.session(user))?.state.phase).toBe('finished');
  });
});
