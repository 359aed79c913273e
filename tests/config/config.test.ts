import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';

describe('parseConfig: an empty environment', () => {
  it('gives the defaults: SQLite under data/, one week TTL, 20 events a minute', () => {
    const parsed = parseConfig({});
    expect(parsed).toEqual({
      ok: true,
      value: expect.objectContaining({
        STORE_URL: 'sqlite://data/interviews.sqlite',
        SESSION_TTL_HOURS: 168,
        RATE_LIMIT_PER_MINUTE: 20,
        LOG_SENSITIVE: false,
      }),
    });
  });

  it('treats empty variables as unset, as left by a copied .env.example', () => {
    const parsed = parseConfig({ STORE_URL: '', DISCORD_TOKEN: '', SLACK_BOT_TOKEN: '' });
    expect(parsed.ok).toBe(true);
  });
});

describe('parseConfig: bad variables', () => {
  it('names each bad variable on one line', () => {
    const parsed = parseConfig({ STORE_URL: 'mysql://x', SESSION_TTL_HOURS: 'soon', SLACK_APP_TOKEN: 'abc' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(3);
    expect(parsed.errors[0]).toMatch(/^STORE_URL: expected sqlite:\/\//);
    expect(parsed.errors.some((e) => e.startsWith('SESSION_TTL_HOURS: expected a whole number'))).toBe(true);
    expect(parsed.errors.some((e) => e.startsWith('SLACK_APP_TOKEN: expected an app-level token'))).toBe(true);
  });

  it('asks for the application id when a Discord token is set', () => {
    const parsed = parseConfig({ DISCORD_TOKEN: 'x'.repeat(70) });
    expect(parsed).toEqual({ ok: false, errors: ['DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set'] });
  });

  it('asks for the signing secret when a Slack bot token is set without Socket Mode', () => {
    const parsed = parseConfig({ SLACK_BOT_TOKEN: 'xoxb-1' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors[0]).toMatch(/^SLACK_SIGNING_SECRET: required/);
  });

  it('never echoes a secret value in its messages', () => {
    const secret = 'xoxp-super-secret-value';
    const parsed = parseConfig({ SLACK_BOT_TOKEN: secret });
    expect(JSON.stringify(parsed)).not.toContain(secret);
  });
});
