import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clip, escapeUserText, neutralise, splitText } from '../../../adapters/discord/text.js';

describe('neutralising mentions', () => {
  it('breaks @everyone, @here, user and role mentions so they neither ping nor look like pings', () => {
    const out = neutralise('hi @everyone and @here, <@123456789012345678> <@!1> <@&98765>');
    expect(out).not.toMatch(/@everyone|@here|<@/);
    expect(out.replaceAll('\u200b', '')).toBe('hi @everyone and @here, <@123456789012345678> <@!1> <@&98765>');
  });
});

describe('escaping user text', () => {
  it('escapes markdown that would change the layout: emphasis, code, headings, lists, quotes and links', () => {
    const out = escapeUserText('# Big\n**bold** _it_ `code` ~~x~~ ||s||\n- item\n> quote\n[link](https://x.y)');
    expect(out).toContain('\\# Big');
    expect(out).toContain('\\*\\*bold\\*\\*');
    expect(out).toContain('\\`code\\`');
    expect(out).toContain('\\- item');
    expect(out).toContain('\\> quote');
    expect(out).toContain('\\[link](https');
  });
});

describe('splitting text', () => {
  const word = fc.stringMatching(/^[a-zA-Z*_@<>#&\d]{1,12}$/);
  const text = fc.array(fc.tuple(word, fc.constantFrom(' ', '\n', '\n\n')), { minLength: 1, maxLength: 400 });

  it('keeps every part within the limit and never cuts a word that fits', () => {
    fc.assert(
      fc.property(text, fc.integer({ min: 20, max: 300 }), (pairs, max) => {
        const source = pairs.map(([w, gap]) => w + gap).join('');
        const parts = splitText(source, max);
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(max);
        expect(parts.join(' ').split(/\s+/)).toEqual(source.trim().split(/\s+/));
      }),
    );
  });

  it('prefers a paragraph break, then a line break, then a space', () => {
    expect(splitText('aaaa bbbb\n\ncccc dddd', 15)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(splitText('aaaa bbbb\ncccc dddd', 15)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(splitText('aaaa bbbb cccc dddd', 15)).toEqual(['aaaa bbbb cccc', 'dddd']);
  });

  it('cuts only a word longer than the limit, never inside a surrogate pair or after an escape', () => {
    const parts = splitText('😀'.repeat(30), 15);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(15);
    expect(parts.join('')).toBe('😀'.repeat(30));
    expect(splitText('abcdefghij\\*kl', 11)).toEqual(['abcdefghij', '\\*kl']);
  });

  it('returns nothing for blank text', () => {
    expect(splitText('  \n ', 10)).toEqual([]);
  });
});

describe('clipping', () => {
  it('shortens at a word boundary with an ellipsis, within the limit', () => {
    expect(clip('short', 10)).toBe('short');
    const clipped = clip('the quick brown fox jumps', 12);
    expect(clipped).toBe('the quick…');
    expect(clipped.length).toBeLessThanOrEqual(12);
  });
});
