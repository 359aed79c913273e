import type { FormIssue } from './errors.js';

/** The sizes Discord enforces on what a bot sends; past any of them the request fails with 50035. */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  embedTotal: 6000,
  actionRows: 5,
  rowButtons: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  componentsV2Total: 40,
  modalTitle: 45,
  modalComponents: 5,
  textInputLabel: 45,
  textInputValue: 4000,
  textInputPlaceholder: 100,
  threadName: 100,
} as const;

/** MessageFlags.IsComponentsV2: the message is laid out by `components` alone. */
export const COMPONENTS_V2_FLAG = 1 << 15;

type Path = readonly (string | number)[];

/** Length as Discord counts it: in characters (code points), not UTF-16 units. */
export function textLength(value: string): number {
  return [...value].length;
}

/** A BASE_TYPE_MAX_LENGTH issue when `value` is a string or array longer than `max`. */
export function tooLong(value: unknown, max: number, path: Path): FormIssue[] {
  const length = typeof value === 'string' ? textLength(value) : Array.isArray(value) ? value.length : 0;
  if (length <= max) return [];
  return [{ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` }];
}

/** A BASE_TYPE_REQUIRED issue when `value` is missing or an empty string. */
export function required(value: unknown, path: Path): FormIssue[] {
  if (value !== undefined && value !== null && value !== '') return [];
  return [{ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
}
