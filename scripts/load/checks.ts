import { createClient } from '@keyv/redis';
import { SessionSchema } from '../../src/engine/index.js';
import type { CandidateRecord } from './candidate.js';

/** What the checks found, summed over every candidate; all zero in a correct run. */
export type CheckResult = {
  /** Answers a candidate sent and got a reply to, missing from the stored session. */
  lost: number;
  /** Answers stored more than once. */
  doubledAnswers: number;
  /** Turn-ending replies beyond one per answered event, and feedback posted twice. */
  duplicateReplies: number;
  /**
   * Of those, feedback posted twice where the turn-ending reply was not: a turn's replies posted again in part by the
   * process taking over from one killed while posting them. The adapter records its progress after each message,
   * so only a kill between a message and its progress write could re-post that one message.
   */
  partialRedeliveries: number;
  /** Sessions whose writes do not form one serial history (see `checkRecords`). */
  interleaved: number;
  /** Stored sessions that are missing, not an envelope, or fail the schema. */
  invalidSessions: number;
  /** Events the user was told were not recorded, that are recorded all the same. */
  notSavedButStored: number;
  /**
   * "Not saved" notices beyond one per event told so: while the store is unreachable, two processes that both got a
   * delivery of one event cannot coordinate, and each says it was not saved (nothing else is ever sent twice).
   */
  repeatedNotSavedNotices: number;
  /** Events that never got a reply although the session applied them (a reply lost with a killed process). */
  repliesLost: number;
  /** Per candidate with a problem, one line (the first 20). */
  problems: string[];
};

const markerOf = (text: string): string | undefined => /^\[c\d+-\d+\]/.exec(text)?.[0];

/**
 * Reads every candidate's session from Redis and checks it against what the candidate sent and what the fake Slack
 * recorded:
 * - every answer that got a reply is stored exactly once, in the order sent (`lost`, `doubledAnswers`);
 * - the session's revision equals the number of events it remembers (+1 once archived) and it remembers exactly the
 *   events that got a reply, once each, in the order sent: two updates that interleaved would have lost a write or
 *   an event id (`interleaved`);
 * - one turn-ending reply per answered event and no feedback twice (`duplicateReplies`).
 */
export async function checkRecords(redisUrl: string, records: readonly CandidateRecord[]): Promise<CheckResult> {
  const result: CheckResult = {
    lost: 0,
    doubledAnswers: 0,
    duplicateReplies: 0,
    partialRedeliveries: 0,
    interleaved: 0,
    invalidSessions: 0,
    notSavedButStored: 0,
    repliesLost: 0,
    repeatedNotSavedNotices: 0,
    problems: [],
  };
  const problem = (record: CandidateRecord, what: string) => {
    if (result.problems.length < 20) result.problems.push(`${record.user}: ${what}`);
  };
  const { LOAD_DEBUG: debugFlag } = process.env;
  const debug = debugFlag === '1';
  const client = createClient({ url: redisUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    for (const record of records) {
      const raw = await client.get(`sessions::solo:slack:${record.user}`);
      let envelope: { v?: unknown; r?: unknown; data?: unknown } | undefined;
      try {
        envelope = raw === null ? undefined : (JSON.parse(raw) as typeof envelope);
      } catch {
        envelope = undefined;
      }
      const parsed = SessionSchema.safeParse(envelope?.data);
      if (!parsed.success || typeof envelope?.r !== 'number') {
        result.invalidSessions++;
        problem(record, raw === null ? 'no stored session' : 'stored session is not valid');
        continue;
      }
      const session = parsed.data;

      // Answers, by marker.
      const stored = session.answers.flatMap((answer) => answer.parts.map(markerOf)).filter((m) => m !== undefined);
      const expected = [...new Set(record.events.filter((e) => e.outcome === 'replied').map((e) => e.marker))].filter(
        (m) => m !== undefined,
      );
      const counts = new Map<string, number>();
      for (const marker of stored) counts.set(marker, (counts.get(marker) ?? 0) + 1);
      const missing = expected.filter((marker) => !counts.has(marker));
      const doubled = [...counts.values()].filter((n) => n > 1).length;
      result.lost += missing.length;
      result.doubledAnswers += doubled;
      if (missing.length > 0) problem(record, `answers missing: ${missing.join(' ')}`);
      if (doubled > 0) problem(record, 'an answer is stored twice');

      // One serial history.
      const seen = session.seenEventIds;
      // The Slack adapter remembers an event as `slack:event:<event_id>`.
      const sentOrder = new Map(record.events.map((e, i) => [`slack:event:${e.id}`, i]));
      const positions = seen.map((id) => sentOrder.get(id) ?? -1);
      const replied = record.events.filter((e) => e.outcome === 'replied').map((e) => `slack:event:${e.id}`);
      const ordered = positions.every((p, i) => p >= 0 && (i === 0 || p > (positions[i - 1] ?? -1)));
      const complete = replied.every((id) => seen.includes(id));
      const writes = seen.length + (session.archived ? 1 : 0);
      if (debug && (envelope.r !== writes || doubled > 0)) {
        process.stderr.write(
          `${record.user} r=${String(envelope.r)} archived=${session.archived} seen=${seen.map((id) => id.replace(/^slack:event:Ev\w{6}/, '')).join(',')}\n` +
            `  events=${record.events.map((e) => `${e.id.replace(/^Ev\w{6}/, '')}:${e.outcome}:${e.marker ?? ''}`).join(',')}\n` +
            `  stored=${stored.join(',')}\n`,
        );
      }
      if (!ordered || !complete || new Set(seen).size !== seen.length || envelope.r !== writes) {
        result.interleaved++;
        problem(record, `not one serial history (revision ${String(envelope.r)}, ${seen.length} events remembered)`);
      }
      const told = record.events.filter(
        (e) => e.outcome === 'not-saved' && seen.includes(`slack:event:${e.id}`),
      ).length;
      result.notSavedButStored += told;
      for (const event of record.events.filter((e) => e.outcome === 'stalled')) {
        const applied = seen.includes(`slack:event:${event.id}`);
        if (applied) result.repliesLost++;
        problem(record, `no reply to ${event.id} (${applied ? 'applied to the session' : 'not applied'})`);
      }

      // Replies as the fake recorded them.
      const answered = record.events.filter((e) => e.outcome === 'replied').length;
      const notSavedEvents = record.events.filter((e) => e.outcome === 'not-saved').length;
      const notSavedPosts = record.posts.filter((p) => p.notSaved).length;
      result.repeatedNotSavedNotices += Math.max(0, notSavedPosts - notSavedEvents);
      const extraEnds = record.posts.filter((p) => p.endsTurn && !p.notSaved).length - answered;
      const feedback = new Map<string, number>();
      for (const post of record.posts) {
        const heading = /^Feedback on question \d+/.exec(post.head)?.[0];
        if (heading !== undefined) feedback.set(heading, (feedback.get(heading) ?? 0) + 1);
      }
      const extraFeedback = [...feedback.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
      if (extraEnds <= 0) result.partialRedeliveries += extraFeedback;
      if (extraEnds > 0 || extraFeedback > 0) {
        result.duplicateReplies += Math.max(0, extraEnds) + extraFeedback;
        problem(record, `replies posted twice (${Math.max(0, extraEnds)} turn ends, ${extraFeedback} feedback)`);
      }
    }
  } finally {
    client.destroy();
  }
  return result;
}
