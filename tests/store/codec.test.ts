import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { decode, encode, encodeRead } from '../../src/store/codec.js';
import type { Codec } from '../../src/store/index.js';
import { notes } from './fixtures.js';

const stamped: Codec<{ readonly at: number; readonly tags: readonly string[] }> = {
  version: 3,
  schema: z.object({ at: z.number(), tags: z.array(z.string()) }),
  migrations: {
    1: (old) => ({ at: (old as { when: number }).when }),
    2: (old) => ({ ...(old as object), tags: ['migrated'] }),
  },
};

describe('decode', () => {
  it('applies the migrations one version at a time, in order', () => {
    expect(decode(stamped, JSON.stringify({ v: 1, data: { when: 5 } }))).toEqual({
      ok: true,
      value: { at: 5, tags: ['migrated'] },
      version: 1,
    });
  });

  it('names a missing migration as the reason', () => {
    const gap: Codec<{ at: number }> = { version: 2, schema: z.object({ at: z.number() }) };
    expect(decode(gap, JSON.stringify({ v: 1, data: { at: 1 } }))).toEqual({
      ok: false,
      reason: 'no migration from version 1',
    });
  });

  it('names a migration that throws as the reason', () => {
    const result = decode(stamped, JSON.stringify({ v: 1, data: null }));
    expect(result.ok === false && result.reason).toMatch(/^migration from version 1 threw: /);
  });

  it('refuses an envelope whose version is not a whole number', () => {
    expect(decode(notes, JSON.stringify({ v: '2', data: { items: [] } }))).toEqual({
      ok: false,
      reason: 'not an envelope { v, data }',
    });
  });
});

describe('encode', () => {
  it('reads back every value the schema accepts, unchanged', () => {
    const number = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
    );
    fc.assert(
      fc.property(fc.array(number), (items) => {
        const read = decode(notes, encode(notes, { items }, 'test'));
        expect(read).toEqual({ ok: true, value: { items }, version: 2 });
      }),
    );
  });

  it('returns the value the text it wrote decodes to', () => {
    // JSON writes -0 as 0: the one number that reads back as another, equal one.
    const number = fc.oneof(
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).filter((x) => !Object.is(x, -0)),
    );
    const tags = fc.array(fc.string());
    fc.assert(
      fc.property(fc.array(number), fc.integer(), tags, (items, at, list) => {
        const written = encodeRead(notes, { items }, 'test', 3);
        expect(decode(notes, written.text)).toEqual({ ok: true, value: written.value, version: 2 });
        const stampedWrite = encodeRead(stamped, { at, tags: list }, 'test');
        expect(decode(stamped, stampedWrite.text)).toEqual({ ok: true, value: stampedWrite.value, version: 3 });
      }),
    );
  });

  it('throws a TypeError for a value the schema refuses, or would refuse after JSON', () => {
    const holes = { at: 1, tags: ['a', undefined] as unknown as string[] };
    expect(() => encode(stamped, holes, 'label')).toThrow(/^label: the value would not read back/);
    const infinite = { items: [1, Number.POSITIVE_INFINITY] };
    expect(() => encode(notes, infinite, 'label')).toThrow(TypeError);
  });

  it('throws a TypeError for a value JSON would change into one the schema refuses', () => {
    const dated = { at: new Date(0) as unknown as number, tags: [] };
    expect(() => encode(stamped, dated, 'sessions update of "k"')).toThrow(TypeError);
    expect(() => encode(stamped, dated, 'sessions update of "k"')).toThrow(/^sessions update of "k": /);
  });

  it('throws a TypeError for a value JSON cannot write', () => {
    const big = { at: 1n as unknown as number, tags: [] };
    expect(() => encode(stamped, big, 'label')).toThrow(TypeError);
  });

  it("uses the codec's own writer when it has one, in the same envelope and with the same refusals", () => {
    const written: string[] = [];
    const counted: Codec<{ readonly at: number; readonly tags: readonly string[] }> = {
      ...stamped,
      write: (value) => {
        if (value.at < 0) return { ok: false, issues: [{ path: ['at'], message: 'before the epoch' }] };
        written.push(value.tags.join());
        // Keys in another order than JSON.stringify's: the envelope takes the writer's JSON as it is.
        return { ok: true, json: JSON.stringify({ tags: value.tags, at: value.at }), value: { ...value } };
      },
    };
    const result = encodeRead(counted, { at: 4, tags: ['x'] }, 'test', 7);
    expect(result.text).toBe('{"v":3,"r":7,"data":{"tags":["x"],"at":4}}');
    expect(written).toEqual(['x']);
    expect(decode(counted, result.text)).toEqual({ ok: true, value: result.value, version: 3 });
    expect(() => encode(counted, { at: -1, tags: [] }, 'label')).toThrow(
      /^label: the value would not read back \(schema: at: before the epoch\)/,
    );
  });
});
