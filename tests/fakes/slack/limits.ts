import { isJson, type Json } from './json.js';

/** Slack's published Block Kit and message limits, as the fake enforces them. */
export const slackLimits = {
  messageBlocks: 50,
  viewBlocks: 100,
  messageText: 40_000,
  sectionText: 3_000,
  sectionFields: 10,
  sectionFieldText: 2_000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2_000,
  buttonUrl: 3_000,
  actionId: 255,
  blockId: 255,
  contextElements: 10,
  actionsElements: 25,
} as const;

/** Why Slack refuses a payload: the error code and a `response_metadata.messages` line like Slack's. */
export type LimitProblem = { readonly error: string; readonly message: string };

type Path = string;

const problem = (message: string, path: Path): LimitProblem => ({
  error: 'invalid_blocks',
  message: `[ERROR] ${message} [json-pointer:${path}]`,
});

const tooLong = (value: unknown, max: number): boolean => typeof value === 'string' && value.length > max;

/** The `text` of a text object (`{ type: 'plain_text', text }`), if it has one. */
const textOf = (value: unknown): unknown => (isJson(value) ? value.text : undefined);

function checkElement(element: unknown, path: Path): LimitProblem | undefined {
  if (!isJson(element) || typeof element.type !== 'string') return problem('must provide an object', path);
  if (tooLong(element.action_id, slackLimits.actionId)) {
    return problem(`must be less than ${slackLimits.actionId + 1} characters`, `${path}/action_id`);
  }
  if (element.type !== 'button') return undefined;
  if (tooLong(textOf(element.text), slackLimits.buttonText)) {
    return problem(`must be less than ${slackLimits.buttonText + 1} characters`, `${path}/text/text`);
  }
  if (tooLong(element.value, slackLimits.buttonValue)) {
    return problem(`must be less than ${slackLimits.buttonValue + 1} characters`, `${path}/value`);
  }
  if (tooLong(element.url, slackLimits.buttonUrl)) {
    return problem(`must be less than ${slackLimits.buttonUrl + 1} characters`, `${path}/url`);
  }
  return undefined;
}

function checkElements(elements: unknown, max: number, path: Path): LimitProblem | undefined {
  if (!Array.isArray(elements)) return problem('must provide an array', path);
  if (elements.length > max) return problem(`no more than ${max} items allowed`, path);
  for (const [i, element] of elements.entries()) {
    const found = checkElement(element, `${path}/${i}`);
    if (found) return found;
  }
  return undefined;
}

function checkSection(block: Json, path: Path): LimitProblem | undefined {
  if (tooLong(textOf(block.text), slackLimits.sectionText)) {
    return problem(`must be less than ${slackLimits.sectionText + 1} characters`, `${path}/text/text`);
  }
  const fields = block.fields;
  if (Array.isArray(fields)) {
    if (fields.length > slackLimits.sectionFields) {
      return problem(`no more than ${slackLimits.sectionFields} items allowed`, `${path}/fields`);
    }
    const long = fields.findIndex((field) => tooLong(textOf(field), slackLimits.sectionFieldText));
    if (long >= 0) {
      return problem(`must be less than ${slackLimits.sectionFieldText + 1} characters`, `${path}/fields/${long}/text`);
    }
  }
  if (block.text === undefined && fields === undefined) return problem('must provide either text or fields', path);
  return block.accessory === undefined ? undefined : checkElement(block.accessory, `${path}/accessory`);
}

function checkBlock(block: unknown, path: Path): LimitProblem | undefined {
  if (!isJson(block) || typeof block.type !== 'string') return problem('must provide an object with a type', path);
  if (tooLong(block.block_id, slackLimits.blockId)) {
    return problem(`must be less than ${slackLimits.blockId + 1} characters`, `${path}/block_id`);
  }
  switch (block.type) {
    case 'section':
      return checkSection(block, path);
    case 'header':
      return tooLong(textOf(block.text), slackLimits.headerText)
        ? problem(`must be less than ${slackLimits.headerText + 1} characters`, `${path}/text/text`)
        : undefined;
    case 'context':
      // Context elements are text objects and images, never interactive, so only their count is checked.
      if (!Array.isArray(block.elements)) return problem('must provide an array', `${path}/elements`);
      return block.elements.length > slackLimits.contextElements
        ? problem(`no more than ${slackLimits.contextElements} items allowed`, `${path}/elements`)
        : undefined;
    case 'actions':
      return checkElements(block.elements, slackLimits.actionsElements, `${path}/elements`);
    case 'input':
      return block.element === undefined ? undefined : checkElement(block.element, `${path}/element`);
    default:
      return undefined;
  }
}

/**
 * Checks `blocks` as Slack does for a message (`max` 50) or a view (`max` 100); `undefined` when Slack would accept
 * them. A value that is not an array is `invalid_blocks_format`, as Slack answers a malformed JSON string.
 */
export function checkBlocks(blocks: unknown, max: number, path: Path = '/blocks'): LimitProblem | undefined {
  if (!Array.isArray(blocks)) {
    return { error: 'invalid_blocks_format', message: `[ERROR] must provide an array [json-pointer:${path}]` };
  }
  if (blocks.length > max) return problem(`no more than ${max} items allowed`, path);
  for (const [i, block] of blocks.entries()) {
    const found = checkBlock(block, `${path}/${i}`);
    if (found) return found;
  }
  return undefined;
}

/** Checks a message body (`text`, `blocks`) as chat.postMessage, chat.update and response URLs do. */
export function checkMessage(args: Json): LimitProblem | undefined {
  const text = args.text;
  const blocks = args.blocks;
  const hasText = typeof text === 'string' && text.length > 0;
  const hasBlocks = blocks !== undefined && !(Array.isArray(blocks) && blocks.length === 0);
  if (!hasText && !hasBlocks && args.attachments === undefined) {
    return { error: 'no_text', message: '[ERROR] text, blocks or attachments is required' };
  }
  if (tooLong(text, slackLimits.messageText)) {
    return { error: 'msg_too_long', message: `[ERROR] text must be at most ${slackLimits.messageText} characters` };
  }
  return hasBlocks ? checkBlocks(blocks, slackLimits.messageBlocks) : undefined;
}

/** Checks a view (`views.publish`, `views.open`, `views.update`, `views.push`). */
export function checkView(view: unknown): LimitProblem | undefined {
  if (!isJson(view))
    return { error: 'invalid_arguments', message: '[ERROR] must provide an object [json-pointer:/view]' };
  if (view.type !== 'home' && view.type !== 'modal') {
    return { error: 'invalid_arguments', message: '[ERROR] must be one of home, modal [json-pointer:/view/type]' };
  }
  return checkBlocks(view.blocks, slackLimits.viewBlocks, '/view/blocks');
}
