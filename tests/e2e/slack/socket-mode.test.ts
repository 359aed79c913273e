import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, buttonsOf, type Harness, posted, startHarness } from './harness.js';
import { vague, wholeInterview } from './scenario.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ mode: 'socket' });
});
afterAll(async () => {
  await h.close();
});

describe('Socket Mode (SLACK_APP_TOKEN set): the same scenarios over the WebSocket', () => {
  it('connects through apps.connections.open and serves no HTTP port', async () => {
    expect(h.fake.calls('apps.connections.open')).toHaveLength(1);
    expect(h.fake.socket.openConnections()).toBe(1);
  });

  it('runs a whole interview in a DM', async () => {
    await wholeInterview(h, 'U0SOCKET01');
  });

  it('takes the slash command with options, and its buttons', async () => {
    const user = 'U0SOCKET02';
    const ack = await h.command({ command: '/interview', user, text: 'start 2 support Initech' });
    expect(ack ?? {}).toEqual({});
    const question = await posted(h, user, /^\*Question 1 of 2\*/);
    expect(buttonsOf(question)).toEqual(['iv:skip', 'iv:repeat', 'iv:hint', 'iv:end']);
    const from = h.fake.messages(user).length;
    await h.click(user, 'iv:hint');
    await posted(h, user, /^\*Hint\* for/, from);
    await h.click(user, 'iv:skip');
    await posted(h, user, /^\*Question 2 of 2\*/, from);
  });

  it('records a retried envelope (same event id) once and replies once', async () => {
    const user = 'U0SOCKET02';
    const first = await answer(h, user, vague, { eventId: 'Ev0SOCKET01' });
    const posts = h.fake.calls('chat.postMessage').length;
    await h.dm(user, vague, { eventId: 'Ev0SOCKET01', retryNum: 1 });
    await h.dm(user, vague, { eventId: 'Ev0SOCKET01', retryNum: 2 });
    const from = h.fake.messages(user).length;
    await h.dm(user, 'help');
    await posted(h, user, /^How to practise/, from);
    expect(h.fake.calls('chat.postMessage')).toHaveLength(posts + 1);
    expect(first).toHaveLength(1);
    const session = await h.session(user);
    expect(session?.answers.filter((a) => !a.skipped).map((a) => a.parts)).toEqual([[vague]]);
  });

  it('survives a restart: a new App reconnects and the user carries on', async () => {
    const user = 'U0SOCKET02';
    await h.restart();
    expect(h.fake.socket.openConnections()).toBe(1);
    const from = h.fake.messages(user).length;
    await h.command({ command: '/interview', user, text: 'status' });
    await posted(h, user, /^Question 2 of 2: 0 answered, 1 skipped\./, from);
  });
});
