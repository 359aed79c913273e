import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const manifest = parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'slack-manifest.yaml'), 'utf8'));

describe('slack-manifest.yaml', () => {
  it('asks for exactly the bot scopes the adapter uses', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'chat:write',
      'commands',
      'im:history',
      'channels:history',
      'groups:history',
      'users:read',
    ]);
  });

  it('subscribes to DMs, panel threads in public and private channels, and App Home, with both tabs', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual([
      'app_home_opened',
      'message.channels',
      'message.groups',
      'message.im',
    ]);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.features.app_home.messages_tab_read_only_enabled).toBe(false);
  });

  it('declares /interview and interactivity on the one path Bolt serves', () => {
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({ command: '/interview', should_escape: false });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [
      command.url,
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
    ];
    expect(urls.every((url: string) => url.endsWith('/slack/events'))).toBe(true);
  });

  it('fits Slack’s length limits for names and descriptions', () => {
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.display_information.description.length).toBeLessThanOrEqual(140);
    expect(manifest.display_information.long_description.length).toBeGreaterThanOrEqual(174);
    expect(manifest.features.bot_user.display_name).toMatch(/^[a-z0-9._-]{1,80}$/);
  });
});
