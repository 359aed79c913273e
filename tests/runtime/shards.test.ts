import { ShardingManager } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import {
  respawnBackoff,
  SHARD_RESPAWN,
  shardOf,
  shardOpsPort,
  shardPlan,
  shardSchedule,
  shardStopMs,
} from '../../src/runtime/shards.js';

const token = `${'M'.repeat(24)}.${'G'.repeat(6)}.${'x'.repeat(38)}`;
const configWith = (env: Record<string, string>) => {
  const parsed = parseConfig({
    DISCORD_TOKEN: token,
    DISCORD_APPLICATION_ID: '123456789012345678',
    STORE_URL: 'redis://127.0.0.1:6379',
    ...env,
  });
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.value;
};

describe('Discord sharding from DISCORD_SHARDS', () => {
  it('configures a ShardingManager with the number of shards, one process each, not respawned by discord.js', () => {
    const plan = shardPlan(configWith({ DISCORD_SHARDS: '4' }));
    expect(plan).toBeDefined();
    const manager = new ShardingManager('adapters/main.ts', { ...plan, execArgv: [...(plan?.execArgv ?? [])] });
    // mode and execArgv are kept on the manager but not in discord.js's typings.
    const kept = manager as unknown as { mode: string; execArgv: string[] };
    expect([manager.totalShards, kept.mode, manager.respawn, kept.execArgv]).toEqual([
      4,
      'process',
      false,
      ['--max-semi-space-size=32', '--import', 'tsx'],
    ]);
    expect(manager.token).toBe(token);
  });

  it("lets Discord choose the count with 'auto'", () => {
    const plan = shardPlan(configWith({ DISCORD_SHARDS: 'auto' }));
    const manager = new ShardingManager('adapters/main.ts', { ...plan, execArgv: [...(plan?.execArgv ?? [])] });
    expect(manager.totalShards).toBe('auto');
  });

  it('runs no manager when DISCORD_SHARDS is unset or Discord is not configured', () => {
    expect(shardPlan(configWith({}))).toBeUndefined();
    const noDiscord = parseConfig({ DISCORD_SHARDS: '2' });
    expect(noDiscord.ok && shardPlan(noDiscord.value)).toBeUndefined();
  });

  it('tells a shard process which shard it is, and gives each shard its own operations port', () => {
    expect(shardOf({ SHARDS: '2', SHARD_COUNT: '4' })).toEqual({ id: 2, count: 4 });
    expect(shardOf({})).toBeUndefined();
    expect(shardOpsPort(configWith({ OPS_PORT: '9100' }), { id: 2 })).toBe(9103);
    expect(shardOpsPort(configWith({}), { id: 2 })).toBeUndefined();
  });
});

describe('starting a dead shard again', () => {
  it('waits a second after a healthy run ends, and twice as long after each quick death, up to five minutes', () => {
    const backoff = respawnBackoff();
    expect(backoff.died(3_600_000)).toBe(1_000);
    const quick = Array.from({ length: 10 }, () => backoff.died(5_000));
    expect(quick).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]);
    // A run of a minute or more is healthy again: the next death waits a second.
    expect(backoff.died(SHARD_RESPAWN.healthyMs)).toBe(1_000);
    expect(backoff.died(SHARD_RESPAWN.healthyMs - 1)).toBe(2_000);
  });

  it('keeps a shard that crashes at once to a few hundred session starts a day, under Discord’s 1,000', () => {
    const backoff = respawnBackoff();
    let elapsed = 0;
    let starts = 0;
    while (elapsed < 86_400_000) {
      elapsed += 2_000 + backoff.died(2_000);
      starts += 1;
    }
    expect(starts).toBeLessThan(300);
    expect(starts).toBeGreaterThan(250);
  });

  it('never waits past the cap, however many deaths', () => {
    const backoff = respawnBackoff({ firstMs: 10, maxMs: 50, healthyMs: 100 });
    const waits = Array.from({ length: 2_000 }, () => backoff.died(0));
    expect(Math.max(...waits)).toBe(50);
    expect(waits.slice(0, 3)).toEqual([20, 40, 50]);
  });
});

describe('the shard schedule from GET /gateway/bot', () => {
  const gateway = (shards: number, remaining: number, maxConcurrency: number) => ({
    shards,
    session_start_limit: { remaining, reset_after: 90 * 60_000, max_concurrency: maxConcurrency },
  });

  it('takes the count Discord recommends for auto, and the configured one otherwise', () => {
    expect(shardSchedule('auto', gateway(3, 1000, 16))).toEqual({ ok: true, value: { count: 3, waves: [[0, 1, 2]] } });
    expect(shardSchedule(2, gateway(5, 1000, 16))).toEqual({ ok: true, value: { count: 2, waves: [[0, 1]] } });
  });

  it('starts shards in waves of max_concurrency, in order, so no two in one wave share a rate-limit key', () => {
    expect(shardSchedule(5, gateway(1, 1000, 2))).toEqual({
      ok: true,
      value: { count: 5, waves: [[0, 1], [2, 3], [4]] },
    });
    expect(shardSchedule(2, gateway(1, 1000, 1))).toEqual({ ok: true, value: { count: 2, waves: [[0], [1]] } });
  });

  it('refuses when the session starts left cannot cover every shard, saying when they reset', () => {
    const refused = shardSchedule(4, gateway(1, 3, 1));
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatch(/allows 3 more session starts .* resets in 90 min.*4 shards need 4/);
    expect(shardSchedule(4, gateway(1, 4, 1)).ok).toBe(true);
  });

  it('gives a shard the shutdown grace less 2 s to exit, and at least 1 s', () => {
    expect(shardStopMs({ SHUTDOWN_GRACE_SECONDS: 25 })).toBe(23_000);
    expect(shardStopMs({ SHUTDOWN_GRACE_SECONDS: 2 })).toBe(1000);
  });
});
