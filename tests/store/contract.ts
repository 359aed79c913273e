import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/store/backend.js';
import { StoreFailure } from '../../src/store/index.js';
import { createStore } from '../../src/store/store.js';
import { cards, type Harness, holdSetsOf, notes, type TestStore } from './fixtures.js';

/** The behaviours every backend must have; `factory` gives fresh, empty storage for each test. */
export function describeStoreContract(backendName: string, factory: () => Promise<Harness> | Harness): void {
  describe(`store contract on ${backendName}`, () => {
    let harness: Harness;
    let opened: { close(): Promise<void> }[];
    /** A store over a new backend of this test's storage. */
    const open = (wrap: (backend: Backend) => Backend = (b) => b): TestStore => {
      const store = createStore(wrap(harness.backend()), { sessions: notes, profiles: cards, opTimeoutMs: 10_000 });
      opened.push(store);
      return store;
    };
    /** Direct access to the same storage, bypassing the store's envelope and checks. */
    const raw = async (): Promise<Backend['spaces']> => {
      const backend = harness.backend();
      opened.push(backend);
      await backend.ready(); // Redis refuses commands until connected
      return backend.spaces;
    };
    const envelope = (v: number, data: unknown): string => JSON.stringify({ v, data });

    beforeEach(async () => {
      harness = await factory();
      opened = [];
    });
    afterEach(async () => {
      for (const item of opened) await item.close();
      await harness.dispose();
    });

    describe('get, update and delete', () => {
      it('reads a missing key as undefined, not quarantined', async () => {
        const store = open();
        expect(await store.sessions.get('solo:discord:1')).toEqual({
          ok: true,
          value: { value: undefined, quarantined: false },
        });
      });

      it('reads back what update saved, and delete removes it', async () => {
        const store = open();
        await store.sessions.update('solo:discord:1', () => ({ next: { items: [1, 2] }, result: undefined }));
        expect(await store.sessions.get('solo:discord:1')).toEqual({
          ok: true,
          value: { value: { items: [1, 2] }, quarantined: false },
        });
        expect(await store.sessions.delete('solo:discord:1')).toEqual({ ok: true, value: true });
        expect(await store.sessions.delete('solo:discord:1')).toEqual({ ok: true, value: false });
        const after = await store.sessions.get('solo:discord:1');
        expect(after.ok && after.value.value).toBeUndefined();
      });

      it('stores the value as the JSON envelope { v, r, data }, r counting the writes', async () => {
        const store = open();
        await store.profiles.update('discord:1', () => ({ next: { name: 'Ada' }, result: undefined }));
        expect(JSON.parse((await (await raw()).profiles.get('discord:1')) ?? 'null')).toEqual({
          v: 1,
          r: 1,
          data: { name: 'Ada' },
        });
        await store.profiles.update('discord:1', () => ({ next: { name: 'Ada L.' }, result: undefined }));
        expect(await (await raw()).profiles.get('discord:1')).toBe('{"v":1,"r":2,"data":{"name":"Ada L."}}');
      });
    });

    describe('update', () => {
      it("passes fn the current value and resolves to fn's result", async () => {
        const store = open();
        await store.sessions.update('k', () => ({ next: { items: [7] }, result: undefined }));
        const seen: unknown[] = [];
        const outcome = await store.sessions.update('k', (current, loaded) => {
          seen.push(current, loaded);
          return { next: { items: [...(current?.items ?? []), 8] }, result: 'answer' };
        });
        expect(outcome).toEqual({ ok: true, value: 'answer' });
        expect(seen).toEqual([{ items: [7] }, { quarantined: false }]);
      });

      it('deletes the key when fn returns next undefined', async () => {
        const store = open();
        await store.sessions.update('k', () => ({ next: { items: [1] }, result: undefined }));
        await store.sessions.update('k', () => ({ next: undefined, result: undefined }));
        expect(await (await raw()).sessions.get('k')).toBeUndefined();
      });

      it('skips the write when fn returns the loaded object itself', async () => {
        const spaces = await raw();
        const text = '{ "v": 2,  "data": { "items": [3] } }'; // spacing a write by the store would not keep
        await spaces.sessions.set('k', text);
        const store = open();
        const outcome = await store.sessions.update('k', (current) => ({ next: current, result: 'same' }));
        expect(outcome).toEqual({ ok: true, value: 'same' });
        expect(await spaces.sessions.get('k')).toBe(text);
      });

      it('writes nothing and rejects when fn throws', async () => {
        const store = open();
        await store.sessions.update('k', () => ({ next: { items: [1] }, result: undefined }));
        const failing = store.sessions.update('k', () => {
          throw new Error('bug in step');
        });
        await expect(failing).rejects.toThrow('bug in step');
        await expect(store.sessions.update('fresh', () => ({ next: undefined, result: 0 }))).resolves.toEqual({
          ok: true,
          value: 0,
        });
        expect(await store.sessions.get('k')).toEqual({
          ok: true,
          value: { value: { items: [1] }, quarantined: false },
        });
      });

      it('rejects a value that would not read back after JSON, and writes nothing', async () => {
        const store = open();
        const failing = store.sessions.update('k', () => ({ next: { items: [Number.NaN] }, result: undefined }));
        await expect(failing).rejects.toThrow(TypeError);
        expect(await (await raw()).sessions.get('k')).toBeUndefined();
      });
    });

    describe('concurrency', () => {
      it('applies 200 concurrent updates of one key in order and loses none', async () => {
        const store = open();
        const outcomes = await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            store.sessions.update('k', (current) => ({
              next: { items: [...(current?.items ?? []), i] },
              result: current?.items.length ?? 0,
            })),
          ),
        );
        expect(outcomes.map((outcome) => (outcome.ok ? outcome.value : -1))).toEqual(
          Array.from({ length: 200 }, (_, i) => i),
        );
        const stored = await store.sessions.get('k');
        expect(stored.ok && stored.value.value?.items).toEqual(Array.from({ length: 200 }, (_, i) => i));
      });

      it('finishes an update of key B while a write of key A is held, and runs A in order', async () => {
        let release = (): void => {};
        const gate = new Promise<void>((resolve) => {
          release = resolve;
        });
        const store = open((backend) => holdSetsOf(backend, 'A', gate));
        const events: string[] = [];
        const first = store.sessions.update('A', () => {
          events.push('A1 runs');
          return { next: { items: [1] }, result: undefined };
        });
        const second = store.sessions.update('A', (current) => {
          events.push(`A2 runs after ${JSON.stringify(current?.items)}`);
          return { next: { items: [...(current?.items ?? []), 2] }, result: undefined };
        });
        const other = store.sessions.update('B', () => ({ next: { items: [9] }, result: undefined }));
        // If B waited for A, this fallback lets A go first and the order below shows it; no timing is asserted.
        const fallback = setTimeout(release, 3000);
        await other.then(() => {
          events.push('B done');
          release();
        });
        await first.then(() => events.push('A1 done'));
        await second;
        clearTimeout(fallback);
        expect(events.filter((e) => e.endsWith('done'))).toEqual(['B done', 'A1 done']);
        expect(events.filter((e) => e.startsWith('A'))).toEqual(['A1 runs', 'A1 done', 'A2 runs after [1]']);
        const stored = await store.sessions.get('A');
        expect(stored.ok && stored.value.value).toEqual({ items: [1, 2] });
      });
    });

    describe('quarantine', () => {
      const unreadable: [string, string, string][] = [
        ['text that is not JSON', '{"v":2,"data":{"items":[1,', 'not JSON'],
        ['a value failing the schema', envelope(2, { items: ['one'] }), 'schema: items.0'],
        ['a newer version this program does not know', envelope(3, { items: [1] }), 'version 3 is newer'],
        ['JSON without the envelope', JSON.stringify({ items: [1] }), 'not an envelope'],
      ];
      for (const [what, text, reason] of unreadable) {
        it(`moves ${what} aside, reads it as undefined and quarantined, and keeps it`, async () => {
          const spaces = await raw();
          await spaces.sessions.set('solo:discord:1', text);
          const store = open();
          expect(await store.sessions.get('solo:discord:1')).toEqual({
            ok: true,
            value: { value: undefined, quarantined: true },
          });
          expect(await spaces.sessions.get('solo:discord:1')).toBeUndefined();
          const aside = await store.quarantined('sessions', 'solo:discord:1');
          expect(aside.ok && aside.value).toEqual([{ at: expect.any(Number), reason: expect.any(String), raw: text }]);
          expect(aside.ok && aside.value[0]?.reason).toContain(reason);
          expect(JSON.parse((await spaces.quarantine.get('sessions:solo:discord:1')) ?? '[]')).toHaveLength(1);
        });
      }

      it('hands update undefined flagged quarantined, then saves the new value', async () => {
        const spaces = await raw();
        await spaces.sessions.set('k', 'garbage');
        const store = open();
        const seen: unknown[] = [];
        await store.sessions.update('k', (current, loaded) => {
          seen.push(current, loaded);
          return { next: { items: [5] }, result: undefined };
        });
        expect(seen).toEqual([undefined, { quarantined: true }]);
        expect(await store.sessions.get('k')).toEqual({
          ok: true,
          value: { value: { items: [5] }, quarantined: false },
        });
      });

      it('appends to the quarantine list rather than replacing it', async () => {
        const spaces = await raw();
        const store = open();
        await spaces.profiles.set('discord:1', 'first');
        await store.profiles.get('discord:1');
        await spaces.profiles.set('discord:1', 'second');
        await store.profiles.get('discord:1');
        const aside = await store.quarantined('profiles', 'discord:1');
        expect(aside.ok && aside.value.map((entry) => entry.raw)).toEqual(['first', 'second']);
      });
    });

    describe('migrations', () => {
      it('upgrades an older version, then stores the upgrade on the next update', async () => {
        const spaces = await raw();
        await spaces.sessions.set('k', envelope(1, { list: [4, 5] }));
        const store = open();
        expect(await store.sessions.get('k')).toEqual({
          ok: true,
          value: { value: { items: [4, 5] }, quarantined: false },
        });
        await store.sessions.update('k', (current) => ({ next: current, result: undefined }));
        expect(JSON.parse((await spaces.sessions.get('k')) ?? 'null')).toEqual({ v: 2, r: 1, data: { items: [4, 5] } });
      });

      it('quarantines an old value the migration cannot turn into a valid one', async () => {
        const spaces = await raw();
        await spaces.sessions.set('k', envelope(1, { other: true }));
        const store = open();
        expect(await store.sessions.get('k')).toEqual({ ok: true, value: { value: undefined, quarantined: true } });
      });
    });

    describe('forget', () => {
      it("removes the user's session, profile and quarantined values, reports them, and leaves others", async () => {
        const spaces = await raw();
        const store = open();
        for (const user of ['1', '2']) {
          await store.sessions.update(`solo:discord:${user}`, () => ({ next: { items: [1] }, result: undefined }));
          await store.profiles.update(`discord:${user}`, () => ({ next: { name: user }, result: undefined }));
        }
        await spaces.profiles.set('discord:1', 'broken');
        await store.profiles.get('discord:1'); // quarantines it
        await store.profiles.update('discord:1', () => ({ next: { name: 'again' }, result: undefined }));
        await store.sessions.update('group:discord:1', () => ({ next: { items: [1] }, result: undefined }));

        const forgotten = await store.forget('discord', '1');
        expect(forgotten.ok && [...forgotten.value].sort()).toEqual([
          'profiles:discord:1',
          'quarantine:profiles:discord:1',
          'sessions:solo:discord:1',
        ]);
        expect(await spaces.sessions.get('solo:discord:1')).toBeUndefined();
        expect(await spaces.profiles.get('discord:1')).toBeUndefined();
        expect(await spaces.quarantine.get('profiles:discord:1')).toBeUndefined();
        expect(await spaces.sessions.get('solo:discord:2')).toBeDefined();
        expect(await spaces.profiles.get('discord:2')).toBeDefined();
        expect(await spaces.sessions.get('group:discord:1')).toBeDefined();
        expect(await store.forget('discord', '1')).toEqual({ ok: true, value: [] });
      });
    });

    describe('keys', () => {
      it('lists every key of a collection and nothing from the others', async () => {
        const store = open();
        const wanted = ['solo:discord:1', 'solo:slack:U2', 'group:discord:3'];
        for (const key of wanted) await store.sessions.update(key, () => ({ next: { items: [] }, result: undefined }));
        await store.profiles.update('discord:1', () => ({ next: { name: 'x' }, result: undefined }));
        await (await raw()).sessions.set('broken', 'garbage');
        await store.sessions.get('broken'); // moved to the quarantine namespace
        const keys: string[] = [];
        for await (const key of store.sessions.keys()) keys.push(key);
        expect(keys.sort()).toEqual([...wanted].sort());
      });
    });

    describe('after close', () => {
      it('answers unavailable to every call and never reads as undefined', async () => {
        const store = open();
        await store.sessions.update('k', () => ({ next: { items: [1] }, result: undefined }));
        await store.close();
        const unavailable = { ok: false, error: { code: 'unavailable', message: expect.any(String) } };
        let called = false;
        expect(await store.sessions.get('k')).toEqual(unavailable);
        expect(
          await store.sessions.update('k', () => {
            called = true;
            return { next: undefined, result: undefined };
          }),
        ).toEqual(unavailable);
        expect(called).toBe(false);
        expect(await store.sessions.delete('k')).toEqual(unavailable);
        expect(await store.forget('discord', '1')).toEqual(unavailable);
        expect(await store.ping()).toBe(false);
        const listing = (async () => {
          for await (const _ of store.sessions.keys()) return 'listed';
          return 'empty';
        })();
        await expect(listing).rejects.toBeInstanceOf(StoreFailure);
      });
    });
  });
}
