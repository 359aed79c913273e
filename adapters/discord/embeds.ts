import type { APIActionRowComponent, APIButtonComponent, APIEmbed, APIEmbedField } from 'discord-api-types/v10';
import { clip, splitText } from './text.js';

/** The sizes Discord refuses to go past (50035 otherwise); lengths count characters. */
export const DISCORD_LIMITS = {
  content: 2000,
  title: 256,
  description: 4096,
  fieldName: 256,
  fieldValue: 1024,
  fields: 25,
  footer: 2048,
  embeds: 10,
  embedTotal: 6000,
} as const;

/**
 * One message ready to send: what every sink takes. Allowed mentions are added when sending: none, except the users
 * in `pings` (a panel's turn message pings its candidate, and only them).
 */
export type Outgoing = {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly APIActionRowComponent<APIButtonComponent>[];
  readonly pings?: readonly string[];
};

/** An embed before it is fitted: any length of description and field values. */
export type EmbedDraft = {
  readonly title?: string;
  readonly description?: string;
  readonly fields?: readonly { readonly name: string; readonly value: string }[];
  readonly footer?: string;
  readonly color?: number;
};

/** The characters of an embed that count towards Discord's 6,000 per message. */
export function embedSize(embed: APIEmbed): number {
  const fields = (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0);
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    fields +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0)
  );
}

type Building = { title?: string; description?: string; fields: APIEmbedField[]; footer?: { text: string } };

function finish(embed: Building, color: number | undefined): APIEmbed {
  return {
    ...(color === undefined ? {} : { color }),
    ...(embed.title === undefined ? {} : { title: embed.title }),
    ...(embed.description === undefined ? {} : { description: embed.description }),
    ...(embed.fields.length === 0 ? {} : { fields: embed.fields }),
    ...(embed.footer === undefined ? {} : { footer: embed.footer }),
  };
}

/**
 * Fits one draft into as many embeds as it needs, each within every limit: the description split at paragraph, line
 * or word boundaries, long field values continued in further fields, at most 25 fields and 6,000 characters each.
 */
export function fitEmbed(draft: EmbedDraft): APIEmbed[] {
  const done: APIEmbed[] = [];
  let current: Building = { fields: [] };
  const size = () => embedSize(finish(current, undefined));
  const next = () => {
    done.push(finish(current, draft.color));
    current = { fields: [] };
  };
  if (draft.title !== undefined && draft.title.trim() !== '') current.title = clip(draft.title, DISCORD_LIMITS.title);
  for (const part of splitText(draft.description ?? '', DISCORD_LIMITS.description)) {
    if (current.description !== undefined || size() + part.length > DISCORD_LIMITS.embedTotal) next();
    current.description = part;
  }
  for (const field of draft.fields ?? []) {
    const name = clip(field.name.trim() === '' ? '\u200b' : field.name, DISCORD_LIMITS.fieldName);
    const values = splitText(field.value, DISCORD_LIMITS.fieldValue);
    for (const [index, value] of (values.length === 0 ? ['—'] : values).entries()) {
      const label = index === 0 ? name : clip(`${name} (continued)`, DISCORD_LIMITS.fieldName);
      const full = current.fields.length >= DISCORD_LIMITS.fields;
      if (full || size() + label.length + value.length > DISCORD_LIMITS.embedTotal) next();
      current.fields.push({ name: label, value });
    }
  }
  if (draft.footer !== undefined && draft.footer.trim() !== '') {
    const text = clip(draft.footer, DISCORD_LIMITS.footer);
    if (size() + text.length > DISCORD_LIMITS.embedTotal) next();
    current.footer = { text };
  }
  const empty = current.title === undefined && current.description === undefined && current.fields.length === 0;
  if (!empty || current.footer !== undefined) next();
  return done;
}

/** Groups embeds into messages of at most 10 embeds and 6,000 characters, keeping their order. */
export function packEmbeds(embeds: readonly APIEmbed[]): APIEmbed[][] {
  const groups: APIEmbed[][] = [];
  let group: APIEmbed[] = [];
  let total = 0;
  for (const embed of embeds) {
    const size = embedSize(embed);
    if (group.length === DISCORD_LIMITS.embeds || (group.length > 0 && total + size > DISCORD_LIMITS.embedTotal)) {
      groups.push(group);
      group = [];
      total = 0;
    }
    group.push(embed);
    total += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/**
 * Lays out content, embeds and buttons over as many messages as Discord's limits need: content split at 2,000
 * characters, embeds fitted and packed, the buttons on the last message (so they sit under everything they follow).
 */
export function toMessages(input: {
  readonly content?: string;
  readonly embeds?: readonly EmbedDraft[];
  readonly components?: readonly APIActionRowComponent<APIButtonComponent>[];
}): Outgoing[] {
  const texts = splitText(input.content ?? '', DISCORD_LIMITS.content);
  const groups = packEmbeds((input.embeds ?? []).flatMap(fitEmbed));
  const messages: { content?: string; embeds?: APIEmbed[] }[] = texts.map((content) => ({ content }));
  for (const [index, embeds] of groups.entries()) {
    const last = messages.at(-1);
    if (index === 0 && last !== undefined) last.embeds = embeds;
    else messages.push({ embeds });
  }
  const components = input.components ?? [];
  if (components.length === 0) return messages;
  if (messages.length === 0) return [{ content: '\u200b', components }];
  return messages.map((message, index) => (index === messages.length - 1 ? { ...message, components } : message));
}
