import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { openMemoryBackend } from '../../src/store/backend.js';
import { decode } from '../../src/store/codec.js';
import { RecentValues } from '../../src/store/recent.js';
import { createStore } from '../../src/store/store.js';
import { cards, notes } from './fixtures.js';

const entry = (text: string, value: number) => ({ text, value, version: 1 });

describe('RecentValues', () => {
  it('answers only for the exact text a key was last remembered with', () => {
    const recent = new RecentValues<number>();
    recent.remember('a', entry('{"x":1}', 1));
    expect(recent.lookup('a', '{"x":1}')?.value).toBe(1);
    expect(recent.lookup('a', '{"x":2}')).toBeUndefined();
    expect(recent.lookup('b', '{"x":1}')).toBeUndefined();
    recent.remember('a', entry('{"x":2}', 2));
    expect(recent.lookup('a', '{"x":1}')).toBeUndefined();
    expect(recent.lookup('a', '{"x":2}')?.value).toBe(2);
    recent.forget('a');
    expect(recent.lookup('a', '{"x":2}')).toBeUndefined();
    expect(recent.size).toEqual({ entries: 0, chars: 0 });
  });

  it('drops the least recently used keys past its entry and character limits', () => {
    const recent = new RecentValues<number>({ entries: 2, chars: 10 });
    recent.remember('a', entry('aaa', 1));
    recent.remember('b', entry('bbb', 2));
    recent.lookup('a', 'aaa');
    recent.remember('c', entry('ccc', 3));
    expect(recent.lookup('b', 'bbb')).toBeUndefined();
    expect(recent.lookup('a', 'aaa')?.value).toBe(1);
    recent.remember('d', entry('dddddddd', 4));
    expect(recent.size).toEqual({ entries: 1, chars: 8 });
    recent.remember('e', entry('e'.repeat(11), 5));
    expect(recent.lookup('e', 'e'.repeat(11))).toBeUndefined();
    expect(recent.size.chars).toBeLessThanOrEqual(10);
  });
});

describe('a collection reading back what it wrote', () => {
  const open = () => {
    const backend = openMemoryBackend({ logger: pino({ level: 'silent' }), opTimeoutMs: 5000 });
    return { backend, store: createStore(backend, { sessions: notes, profiles: cards }) };
  };

  it('gives the value the stored text decodes to, also after a write it did not make', async () => {
    const { backend, store } = open();
    await store.sessions.update('k', () => ({ next: { items: [1, 2] }, result: undefined }));
    const first = await store.sessions.get('k');
    expect(first.ok && first.value.value).toEqual({ items: [1, 2] });
    // The text the update wrote is not decoded again: both reads share the value the write's own check decoded.
    const again = await store.sessions.get('k');
    expect(again.ok && again.value.value).toBe(first.ok && first.value.value);
    // Another writer replaces the text behind the store's back: the next read decodes it afresh.
    await backend.spaces.sessions.set('k', JSON.stringify({ v: 2, r: 5, data: { items: [7] } }));
    const second = await store.sessions.get('k');
    expect(second.ok && second.value.value).toEqual({ items: [7] });
    // An older version is still upgraded, and rewritten as the current one by the next update.
    await backend.spaces.sessions.set('k', JSON.stringify({ v: 1, data: { list: [3] } }));
    const updated = await store.sessions.update('k', (current) => ({ next: current, result: current }));
    expect(updated.ok && updated.value).toEqual({ items: [3] });
    const raw = await backend.spaces.sessions.get('k');
    expect(raw).toMatch(/^\{"v":2,/);
    await store.close();
  });

  it('keeps every read equal to decoding the stored text through many updates', async () => {
    const { backend, store } = open();
    for (let i = 0; i < 50; i++) {
      const key = `k${i % 3}`;
      await store.sessions.update(key, (current) => ({ next: { items: [...(current?.items ?? []), i] }, result: 0 }));
      const read = await store.sessions.get(key);
      const text = await backend.spaces.sessions.get(key);
      const decoded = decode(notes, text as string);
      expect(read.ok && read.value.value).toEqual(decoded.ok && decoded.value);
    }
    await store.sessions.delete('k0');
    const gone = await store.sessions.get('k0');
    expect(gone.ok && gone.value.value).toBeUndefined();
    await store.close();
  });
});
