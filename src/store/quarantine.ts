import type { QuarantineEntry } from './types.js';

const isEntry = (value: unknown): value is QuarantineEntry => {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as { at?: unknown; reason?: unknown; raw?: unknown };
  return typeof entry.at === 'number' && typeof entry.reason === 'string' && typeof entry.raw === 'string';
};

/** The quarantine key of a collection's key. */
export const quarantineKey = (collection: string, key: string): string => `${collection}:${key}`;

/**
 * Reads a stored quarantine list. Nothing is ever dropped: a list that cannot be read becomes one entry holding
 * its text, so appending to it keeps the old content.
 */
export function readQuarantine(text: string | undefined, now: number): QuarantineEntry[] {
  if (text === undefined) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed) && parsed.every(isEntry)) return parsed;
  } catch {
    // falls through: kept as one entry below
  }
  return [{ at: now, reason: 'the quarantine list itself was unreadable', raw: text }];
}

/** The list with one more entry, as stored text. */
export const appendQuarantine = (entries: readonly QuarantineEntry[], entry: QuarantineEntry): string =>
  JSON.stringify([...entries, entry]);
