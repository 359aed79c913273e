import { describe, expect, it } from 'vitest';
import { clip, splitText } from '../../../adapters/slack/split.js';

describe('splitText', () => {
  it('returns short text as one piece', () => {
    expect(splitText('hello world', 20)).toEqual(['hello world']);
  });

  it('cuts at line breaks when they are in the second half of the window', () => {
    expect(splitText('first line here\nsecond line', 20)).toEqual(['first line here', 'second line']);
  });

  it('cuts between words, never inside one, and loses no word', () => {
    const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const pieces = splitText(text, 100);
    expect(pieces.every((p) => p.length <= 100)).toBe(true);
    expect(pieces.join(' ')).toBe(text);
    expect(pieces.every((p) => /^word\d+( word\d+)*$/.test(p))).toBe(true);
  });

  it('cuts a single word longer than the limit, but not through an entity', () => {
    const text = `${'x'.repeat(8)}&amp;${'y'.repeat(8)}`;
    const pieces = splitText(text, 10);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 10)).toBe(true);
    expect(pieces.some((p) => p.includes('&amp;'))).toBe(true);
  });

  it('does not split an emoji’s surrogate pair', () => {
    const pieces = splitText('a'.repeat(9) + '😀'.repeat(3), 10);
    expect(pieces.join('')).toBe('a'.repeat(9) + '😀'.repeat(3));
    expect(pieces.every((p) => !/[\ud800-\udbff]$/.test(p))).toBe(true);
  });

  it('keeps 50,000 characters within 3,000 per piece', () => {
    const pieces = splitText('patience '.repeat(5_600), 3_000);
    expect(pieces.length).toBeGreaterThan(16);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(3_000);
  });
});

describe('clip', () => {
  it('shortens at a word boundary and marks the cut', () => {
    expect(clip('one two three four', 10)).toBe('one two…');
    expect(clip('short', 10)).toBe('short');
  });
});
