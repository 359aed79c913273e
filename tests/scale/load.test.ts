import { describe, expect, it } from 'vitest';
import { defaultOptions, type LoadOptions } from '../../scripts/load/options.js';
import { passed } from '../../scripts/load/report.js';
import { type LoadResult, runLoad } from '../../scripts/load/run.js';

// The load harness small: three bot processes (the real Slack adapter in HTTP mode) on a private redis-server, a
// fake Slack and the harness's load balancer. Timings are printed, never asserted (they belong to `npm run load`).
const small: LoadOptions = {
  ...defaultOptions,
  candidates: 50,
  warmUp: 6,
  processes: 3,
  thinkMs: 300,
  leaseMs: 1000,
  redeliverAfterMs: 3000,
  deadlineMs: 100_000,
};

const run = async (options: Partial<LoadOptions>): Promise<LoadResult> => {
  const merged = { ...small, ...options };
  const result = await runLoad({ ...merged, freezeMs: merged.freeze ? 2 * merged.leaseMs + 3500 : 0 });
  const { problems, ...figures } = result;
  process.stdout.write(`load ${JSON.stringify(figures)}\n${problems.map((p) => `  ! ${p}`).join('\n')}\n`);
  return result;
};

describe('the load harness on three processes sharing one Redis', () => {
  it('runs 50 whole interviews with Slack-style duplicates: nothing lost, doubled or interleaved', async () => {
    const result = await run({});
    expect(result.events).toBeGreaterThan(50 * 10);
    expect(result.duplicatesDelivered).toBeGreaterThan(0);
    expect(result).toMatchObject({ lost: 0, doubledAnswers: 0, duplicateReplies: 0, interleaved: 0 });
    expect(result).toMatchObject({ invalidSessions: 0, stalled: 0, stuck: 0, finished: 50 });
    expect(result.gracefulShutdown).toBe(true);
    expect(result.metricsServed).toBe(true);
    expect(passed(result)).toBe(true);
    // The collector's pauses are observed in every bot (hundreds of turns cannot run without a young collection).
    const { young } = result.gc;
    expect(young.count).toBeGreaterThan(0);
    expect(young.p50Ms).toBeLessThanOrEqual(young.p99Ms);
    expect(young.p99Ms).toBeLessThanOrEqual(young.maxMs);
    expect(result.gc.pausedPercent).toBeGreaterThan(0);
    // The warm-up ran whole interviews before the measured ones, and its turns were checked with theirs.
    expect(result.warmUp.candidates).toBe(small.warmUp);
    expect(result.warmUp.finished).toBe(small.warmUp);
    expect(result.warmUp.events).toBeGreaterThan(small.warmUp * 10);
    // And in the harness, whose pauses add to every turn it is timing.
    expect(result.harnessGc.young.count).toBeGreaterThan(0);
    expect(result.harnessGc.pausedPercent).toBeGreaterThan(0);
  }, 120_000);

  it('loses and doubles nothing when a process is killed mid-run (its events go to another)', async () => {
    const result = await run({ candidates: 24, kill: true });
    expect(result.faults).toEqual([expect.stringContaining('SIGKILL')]);
    expect(result).toMatchObject({ lost: 0, doubledAnswers: 0, interleaved: 0, stalled: 0, repliesLost: 0 });
    // No turn is answered twice, and the process taking over a turn the killed one was posting posts only the rest.
    expect(result).toMatchObject({ duplicateReplies: 0, partialRedeliveries: 0 });
    expect(result.finished).toBe(24);
  }, 120_000);

  it('refuses the late save of a process frozen past its lease, and loses nothing', async () => {
    const result = await run({ candidates: 24, freeze: true });
    expect(result.faults).toEqual([expect.stringContaining('SIGSTOP')]);
    expect(result.refusedLateSaves).toBeGreaterThanOrEqual(1);
    expect(result).toMatchObject({ lost: 0, doubledAnswers: 0, duplicateReplies: 0, interleaved: 0, stalled: 0 });
    expect(result.finished).toBe(24);
  }, 120_000);

  it('tells users their answer was not saved while Redis is down, and leaves every session valid', async () => {
    const result = await run({ candidates: 24, redisRestart: true });
    expect(result.faults).toEqual([expect.stringContaining('Redis stopped')]);
    expect(result.notSavedReplies).toBeGreaterThan(0);
    expect(result).toMatchObject({ invalidSessions: 0, interleaved: 0, lost: 0, stalled: 0 });
    expect(result.finished).toBe(24);
    // A Slack-style duplicate sent just before Redis stopped can be told "not saved" while its first delivery was
    // saved; the Slack adapter passing the retry number (InboundEvent.retry) silences such duplicates.
    expect(result.doubledAnswers).toBeLessThanOrEqual(result.notSavedButStored);
  }, 120_000);
});
