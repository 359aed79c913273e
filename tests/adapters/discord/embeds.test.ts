import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord-api-types/v10';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EmbedDraft, embedSize, fitEmbed, packEmbeds, toMessages } from '../../../adapters/discord/embeds.js';
import { LIMITS, messageIssues } from '../../fakes/discord/index.js';

const words = (count: number, seed = 'word') => Array.from({ length: count }, (_, i) => `${seed}${i % 97}`).join(' ');

describe('fitting one embed', () => {
  it('continues a long description over several embeds, each within 4,096', () => {
    const embeds = fitEmbed({ title: 'Report', description: words(2000), color: 1 });
    expect(embeds.length).toBeGreaterThan(1);
    expect(embeds[0]?.title).toBe('Report');
    expect(embeds.slice(1).every((e) => e.title === undefined && e.color === 1)).toBe(true);
    for (const embed of embeds) expect(embed.description?.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(embeds.map((e) => e.description).join(' ')).toBe(words(2000));
  });

  it('continues long field values in further fields and never puts more than 25 in one embed', () => {
    const fields = Array.from({ length: 40 }, (_, i) => ({ name: `Field ${i}`, value: words(i === 3 ? 400 : 10) }));
    const embeds = fitEmbed({ fields });
    for (const embed of embeds) {
      expect(embed.fields?.length).toBeLessThanOrEqual(LIMITS.embedFields);
      expect(embedSize(embed)).toBeLessThanOrEqual(LIMITS.embedTotal);
      for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    const names = embeds.flatMap((e) => e.fields ?? []).map((f) => f.name);
    expect(names).toContain('Field 3 (continued)');
  });
});

describe('packing embeds into messages', () => {
  it('puts at most 10 embeds and 6,000 characters in a message, in order', () => {
    const embeds = Array.from({ length: 23 }, (_, i) => ({
      title: `E${i}`,
      description: 'x'.repeat(i % 2 ? 2500 : 10),
    }));
    const groups = packEmbeds(embeds);
    expect(groups.flat()).toEqual(embeds);
    for (const group of groups) {
      expect(group.length).toBeLessThanOrEqual(LIMITS.embeds);
      expect(group.reduce((sum, e) => sum + embedSize(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
    }
  });
});

describe('laying out messages', () => {
  const draft: fc.Arbitrary<EmbedDraft> = fc
    .record({
      title: fc.string({ maxLength: 400 }),
      description: fc.lorem({ maxCount: 1500 }),
      fields: fc.array(fc.record({ name: fc.lorem({ maxCount: 80 }), value: fc.lorem({ maxCount: 400 }) }), {
        maxLength: 40,
      }),
      footer: fc.lorem({ maxCount: 30 }),
    })
    .chain((full) =>
      fc.subarray(['title', 'description', 'footer'] as const).map((keep) => ({
        fields: full.fields,
        ...Object.fromEntries(keep.map((key) => [key, full[key]])),
      })),
    );

  it('keeps every message Discord would accept, whatever the sizes', () => {
    fc.assert(
      fc.property(fc.lorem({ maxCount: 900 }), fc.array(draft, { maxLength: 6 }), (content, embeds) => {
        for (const message of toMessages({ content, embeds })) expect(messageIssues(message)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('splits long content at 2,000 and puts the buttons under the last message', () => {
    const row: APIActionRowComponent<APIButtonComponent> = {
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Go', custom_id: 'go' }],
    };
    const messages = toMessages({ content: words(1200), embeds: [{ description: 'after' }], components: [row] });
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.slice(0, -1).every((m) => m.components === undefined)).toBe(true);
    expect(messages.at(-1)?.components).toEqual([row]);
    expect(messages.every((m) => (m.content?.length ?? 0) <= LIMITS.content)).toBe(true);
    expect(messages.at(-1)?.embeds?.[0]?.description).toBe('after');
  });
});
