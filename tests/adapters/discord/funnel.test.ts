import { DiscordAPIError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { describeError, redactUrl } from '../../../adapters/discord/funnel.js';

const token = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3OA';

describe('what an error log line may hold', () => {
  it('drops interaction tokens from callback and webhook routes', () => {
    expect(redactUrl(`https://discord.com/api/v10/interactions/123/${token}/callback?with_response=false`)).toBe(
      'https://discord.com/api/v10/interactions/123/[token]/callback?with_response=false',
    );
    expect(redactUrl(`https://discord.com/api/v10/webhooks/456/${token}/messages/@original`)).toBe(
      'https://discord.com/api/v10/webhooks/456/[token]/messages/@original',
    );
  });

  it('keeps Discord’s code and status, and the request body only when sensitive logs are on', () => {
    const error = new DiscordAPIError(
      { code: 50035, message: 'Invalid Form Body' },
      50035,
      400,
      'PATCH',
      `https://discord.com/api/v10/webhooks/456/${token}/messages/@original`,
      { body: { content: 'my private answer' } },
    );
    const quiet = describeError(error, false);
    expect(quiet).toMatchObject({ code: 50035, status: 400, method: 'PATCH' });
    expect(JSON.stringify(quiet)).not.toContain(token);
    expect(JSON.stringify(quiet)).not.toContain('my private answer');
    expect(JSON.stringify(describeError(error, true))).toContain('my private answer');
  });
});
