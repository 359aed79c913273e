import { GatewayIntentBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { startDiscord } from '../../../adapters/discord/index.js';
import { parseConfig } from '../../../src/config.js';
import { openApp, openPanels } from '../../../src/runtime/index.js';
import { startFakeDiscord } from '../../fakes/discord/index.js';
import { silent } from './harness.js';

describe('typed panel answers on a bot whose Message Content intent is off in the Portal', () => {
  it('fail start-up naming DISCORD_MESSAGE_CONTENT, while button answers start fine', async () => {
    const fake = await startFakeDiscord({ disallowedIntents: GatewayIntentBits.MessageContent });
    const parsed = parseConfig({
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.applicationId,
      STORE_URL: 'memory://',
    });
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const config = parsed.value;
    const app = openApp(config, silent, { sweep: false });
    const panels = await openPanels(config, silent, app, { timers: false });
    const start = (messageContent: boolean) =>
      startDiscord({
        app,
        config,
        logger: silent,
        panels,
        messageContent,
        clientOptions: { rest: { api: fake.restUrl } },
      });
    try {
      await expect(start(true)).rejects.toThrow(/DISCORD_MESSAGE_CONTENT is on, but the Message Content intent/);
      expect(fake.sessions().filter((s) => s.connected)).toEqual([]);
      const bot = await start(false);
      expect(fake.sessions().filter((s) => s.connected)).toHaveLength(1);
      await bot.stop();
    } finally {
      await panels.close();
      await app.close();
      await fake.close();
    }
  });
});
