import type { z } from 'zod';
import { messageOf } from './attempt.js';
import type { Codec, Issue, Written } from './types.js';

/** A stored value read back: upgraded and validated, or the reason it cannot be read. */
export type Decoded<V> =
  | { readonly ok: true; readonly value: V; readonly version: number }
  | { readonly ok: false; readonly reason: string };

const describeIssues = ({ issues }: { readonly issues: readonly Issue[] }): string =>
  issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ');

type Envelope = { readonly v: number; readonly data: unknown };

const isEnvelope = (value: unknown): value is Envelope =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Number.isSafeInteger((value as { v?: unknown }).v) &&
  'data' in value;

/** Reads a stored envelope `{ v, data }`: parses it, migrates older versions one step at a time, validates. */
export function decode<V>(codec: Codec<V>, text: string): Decoded<V> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isEnvelope(parsed)) return { ok: false, reason: 'not an envelope { v, data }' };
  const version = parsed.v;
  if (version > codec.version) {
    return { ok: false, reason: `version ${version} is newer than this program's ${codec.version}` };
  }
  let data = parsed.data;
  for (let from = version; from < codec.version; from += 1) {
    const migrate = codec.migrations?.[from];
    if (migrate === undefined) return { ok: false, reason: `no migration from version ${from}` };
    try {
      data = migrate(data);
    } catch (error) {
      return { ok: false, reason: `migration from version ${from} threw: ${messageOf(error)}` };
    }
  }
  const checked = codec.schema.safeParse(data);
  if (!checked.success) return { ok: false, reason: `schema: ${describeIssues(checked.error)}` };
  return { ok: true, value: checked.data, version };
}

/**
 * Writes a value as the envelope `{ v, r, data }`, `r` being the revision (one more on every write, checked by a
 * fenced save; `revisionOf` reads it back). Throws a TypeError (a bug in the caller, like a throwing update function)
 * when the value would not read back: one the schema refuses (a `Date` or `NaN` for a number, `undefined` in an
 * array, a `Map` for an object...) or one JSON cannot write (a `BigInt`, a cycle).
 */
export function encode<V>(codec: Codec<V>, value: V, label: string, revision = 1): string {
  return encodeRead(codec, value, label, revision).text;
}

/**
 * `encode`, also returning the value as reading the text back gives it: the schema's output for the value, which is
 * what decoding the text yields for the plain data a schema describes, without parsing the text again.
 */
export function encodeRead<V>(
  codec: Codec<V>,
  value: V,
  label: string,
  revision = 1,
): { readonly text: string; readonly value: V } {
  let written: Written<V>;
  try {
    written = (codec.write ?? check(codec.schema))(value);
  } catch (error) {
    throw new TypeError(`${label}: the value is not JSON-serialisable (${messageOf(error)})`);
  }
  if (!written.ok) throw new TypeError(`${label}: the value would not read back (schema: ${describeIssues(written)})`);
  // Key order matters: `v` then `r` first, so the revision can be read without parsing (here and in Lua).
  return { text: `{"v":${codec.version},"r":${revision},"data":${written.json}}`, value: written.value };
}

/** The plain writer: the schema's check, then `JSON.stringify` of the value as given. */
const check =
  <V>(schema: z.ZodType<V>) =>
  (value: V): Written<V> => {
    const checked = schema.safeParse(value);
    if (!checked.success) return { ok: false, issues: checked.error.issues };
    return { ok: true, json: JSON.stringify(value), value: checked.data };
  };
