import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from './index.js';
import { NONCE_WINDOW_MS } from './nonces.js';

let fake: FakeDiscord | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function create(running: FakeDiscord, body: Record<string, unknown>): Promise<{ id: string }> {
  const response = await fetch(`${running.restUrl}/v10/channels/${running.channelId}/messages`, {
    method: 'POST',
    headers: { Authorization: `Bot ${running.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string };
}

describe('creating a message with an enforced nonce', () => {
  it('returns the earlier message for a repeat within the window, and creates one after it', async () => {
    const clock = { now: Date.UTC(2025, 0, 1) };
    const running = await startFakeDiscord({ clock: () => clock.now });
    fake = running;
    const first = await create(running, { content: 'once', nonce: 'n-1', enforce_nonce: true });
    const repeat = await create(running, { content: 'once', nonce: 'n-1', enforce_nonce: true });
    expect(repeat.id).toBe(first.id);
    // Without enforce_nonce Discord does not check it.
    const unchecked = await create(running, { content: 'once', nonce: 'n-1' });
    expect(unchecked.id).not.toBe(first.id);
    clock.now += NONCE_WINDOW_MS + 1;
    const later = await create(running, { content: 'once', nonce: 'n-1', enforce_nonce: true });
    expect(later.id).not.toBe(first.id);
    expect(running.messagesIn(running.channelId).map((message) => message.id)).toEqual([
      first.id,
      unchecked.id,
      later.id,
    ]);
  });
});
