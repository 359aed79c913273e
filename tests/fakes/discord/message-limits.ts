import { componentIssues, modalComponentIssues } from './component-limits.js';
import type { FormIssue } from './errors.js';
import { isRecord } from './json.js';
import { COMPONENTS_V2_FLAG, LIMITS, required, textLength, tooLong } from './limits.js';

type Path = readonly (string | number)[];

/** Checks a message body (create, edit, interaction reply or update) against Discord's limits. */
export function messageIssues(body: unknown, at: Path = []): FormIssue[] {
  if (!isRecord(body)) return [];
  const v2 = typeof body.flags === 'number' && (body.flags & COMPONENTS_V2_FLAG) !== 0;
  return [
    ...tooLong(body.content, LIMITS.content, [...at, 'content']),
    ...embedIssues(body.embeds, [...at, 'embeds']),
    ...componentIssues(body.components, [...at, 'components'], v2),
    ...legacyFieldIssues(body, at, v2),
    ...allowedMentionIssues(body.allowed_mentions, [...at, 'allowed_mentions']),
  ];
}

/** Checks a modal (interaction callback type 9) against Discord's limits. */
export function modalIssues(data: unknown, at: Path): FormIssue[] {
  if (!isRecord(data)) return required(undefined, at);
  return [
    ...required(data.custom_id, [...at, 'custom_id']),
    ...tooLong(data.custom_id, LIMITS.customId, [...at, 'custom_id']),
    ...required(data.title, [...at, 'title']),
    ...tooLong(data.title, LIMITS.modalTitle, [...at, 'title']),
    ...modalComponentIssues(data.components, [...at, 'components']),
  ];
}

/** True when a message would carry nothing: no content, embeds, components, stickers, poll or files (50006). */
export function isEmptyMessage(body: unknown, fileCount: number): boolean {
  if (fileCount > 0) return false;
  if (!isRecord(body)) return true;
  const filled = (value: unknown) => (Array.isArray(value) ? value.length > 0 : value !== undefined && value !== null);
  const hasContent = typeof body.content === 'string' && body.content.trim() !== '';
  return !(
    hasContent ||
    filled(body.embeds) ||
    filled(body.components) ||
    filled(body.sticker_ids) ||
    filled(body.poll) ||
    filled(body.attachments)
  );
}

function embedIssues(embeds: unknown, at: Path): FormIssue[] {
  if (!Array.isArray(embeds)) return [];
  const issues = tooLong(embeds, LIMITS.embeds, at);
  let total = 0;
  embeds.forEach((embed: unknown, index) => {
    if (!isRecord(embed)) return;
    const here = [...at, index];
    const footer = isRecord(embed.footer) ? embed.footer.text : undefined;
    const author = isRecord(embed.author) ? embed.author.name : undefined;
    issues.push(
      ...tooLong(embed.title, LIMITS.embedTitle, [...here, 'title']),
      ...tooLong(embed.description, LIMITS.embedDescription, [...here, 'description']),
      ...tooLong(footer, LIMITS.footerText, [...here, 'footer', 'text']),
      ...tooLong(author, LIMITS.authorName, [...here, 'author', 'name']),
    );
    total += [embed.title, embed.description, footer, author].reduce<number>(
      (sum, text) => sum + (typeof text === 'string' ? textLength(text) : 0),
      0,
    );
    if (!Array.isArray(embed.fields)) return;
    issues.push(...tooLong(embed.fields, LIMITS.embedFields, [...here, 'fields']));
    embed.fields.forEach((field: unknown, fieldIndex) => {
      if (!isRecord(field)) return;
      const at = [...here, 'fields', fieldIndex];
      issues.push(
        ...required(field.name, [...at, 'name']),
        ...tooLong(field.name, LIMITS.fieldName, [...at, 'name']),
        ...required(field.value, [...at, 'value']),
        ...tooLong(field.value, LIMITS.fieldValue, [...at, 'value']),
      );
      for (const text of [field.name, field.value]) total += typeof text === 'string' ? textLength(text) : 0;
    });
  });
  if (total > LIMITS.embedTotal) {
    issues.push({
      path: at,
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}`,
    });
  }
  return issues;
}

function legacyFieldIssues(body: Readonly<Record<string, unknown>>, at: Path, v2: boolean): FormIssue[] {
  if (!v2) return [];
  const used = (['content', 'embeds'] as const).filter((key) =>
    Array.isArray(body[key]) ? (body[key] as unknown[]).length > 0 : typeof body[key] === 'string' && body[key] !== '',
  );
  return used.map((key) => ({
    path: [...at, key],
    code: 'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
    message: `The '${key}' field cannot be used when using MessageFlags.IS_COMPONENTS_V2`,
  }));
}

function allowedMentionIssues(allowed: unknown, at: Path): FormIssue[] {
  if (!isRecord(allowed) || !Array.isArray(allowed.parse)) return [];
  const parse: unknown[] = allowed.parse;
  return (['users', 'roles'] as const)
    .filter((kind) => parse.includes(kind) && Array.isArray(allowed[kind]) && (allowed[kind] as unknown[]).length > 0)
    .map((kind) => ({
      path: at,
      code: 'MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE',
      message: `parse:["${kind}"] and ${kind}: [ids...] are mutually exclusive.`,
    }));
}
