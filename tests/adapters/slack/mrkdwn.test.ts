import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, plainFromSlack } from '../../../adapters/slack/mrkdwn.js';

describe('escapeMrkdwn', () => {
  it('turns &, < and > into entities, so text can form no mention, broadcast or link', () => {
    expect(escapeMrkdwn('Tom & Jerry <!channel> <@U123> <https://evil.example|click>')).toBe(
      'Tom &amp; Jerry &lt;!channel&gt; &lt;@U123&gt; &lt;https://evil.example|click&gt;',
    );
  });

  it('escapes an existing entity again, so what the user typed is what Slack shows', () => {
    expect(escapeMrkdwn('&lt;b&gt;')).toBe('&amp;lt;b&amp;gt;');
  });

  it('leaves other text (unicode, markdown characters) alone', () => {
    expect(escapeMrkdwn('Café ☕ *bold* _it_ 👩🏽‍💻')).toBe('Café ☕ *bold* _it_ 👩🏽‍💻');
  });
});

describe('plainFromSlack', () => {
  it('turns mentions and broadcasts into the words the user saw', () => {
    expect(plainFromSlack('ask <@U123> and <@U456|sam>, or <!channel>, <!here>, <!everyone>')).toBe(
      'ask @U123 and @sam, or @channel, @here, @everyone',
    );
  });

  it('turns links into their label or their address, and channels into #names', () => {
    expect(plainFromSlack('<https://evil.example|click> <https://a.example> <mailto:x@y.z|x@y.z> <#C1|general>')).toBe(
      'click https://a.example x@y.z #general',
    );
  });

  it('decodes Slack’s escaping of what the user typed literally', () => {
    expect(plainFromSlack('A &amp; B &lt;!channel&gt; &amp;lt;')).toBe('A & B <!channel> &lt;');
  });

  it('round-trips through escapeMrkdwn to the same markup-free text Slack sent', () => {
    const sent = 'x &lt;@U1&gt; &amp; y';
    expect(escapeMrkdwn(plainFromSlack(sent))).toBe(sent);
  });
});
