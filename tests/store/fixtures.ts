import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Backend } from '../../src/store/backend.js';
import type { Codec, Store } from '../../src/store/index.js';

/** The test session: a list of numbers. Version 1 called the list `list`; version 2 calls it `items`. */
const NoteSchema = z.object({ items: z.array(z.number()) });
export type Note = z.infer<typeof NoteSchema>;
export const notes: Codec<Note> = {
  version: 2,
  schema: NoteSchema,
  migrations: { 1: (old) => ({ items: (old as { list?: unknown }).list }) },
};

/** The test profile: a name. */
const CardSchema = z.object({ name: z.string() });
export type Card = z.infer<typeof CardSchema>;
export const cards: Codec<Card> = { version: 1, schema: CardSchema };

export type TestStore = Store<Note, Card>;

/** A prefix no other test run uses, so runs and parallel files never see each other's keys on a shared Redis. */
export const uniquePrefix = (): string => `t${process.pid}-${randomBytes(4).toString('hex')}`;

/** Storage one contract test runs on. */
export type Harness = {
  /** A backend over this harness's storage: a new connection for SQLite and Redis, the same one for memory. */
  backend(): Backend;
  /** Removes everything the test stored. */
  dispose(): Promise<void>;
};

/**
 * The same backend, with `set` of one sessions key held until `gate` resolves (a slow write, made visible); on a
 * shared backend the fenced commit of that key is held the same way.
 */
export function holdSetsOf(backend: Backend, key: string, gate: Promise<void>): Backend {
  const { coordination } = backend;
  const heldCoordination =
    coordination === undefined
      ? {}
      : {
          coordination: {
            ...coordination,
            commit: async (...args: Parameters<typeof coordination.commit>) => {
              if (args[0] === 'sessions' && args[1] === key) await gate;
              return coordination.commit(...args);
            },
          },
        };
  const sessions = backend.spaces.sessions;
  const held = new Proxy(sessions, {
    get(target, property, receiver) {
      if (property === 'set') {
        return async (k: string, value: string) => {
          if (k === key) await gate;
          return target.set(k, value);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { ...backend, ...heldCoordination, spaces: { ...backend.spaces, sessions: held } };
}
