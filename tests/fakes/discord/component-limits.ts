import { ComponentType } from 'discord-api-types/v10';
import type { FormIssue } from './errors.js';
import { isRecord, type Json } from './json.js';
import { LIMITS, required, tooLong } from './limits.js';

type Path = readonly (string | number)[];

const SELECTS: ReadonlySet<unknown> = new Set([
  ComponentType.StringSelect,
  ComponentType.UserSelect,
  ComponentType.RoleSelect,
  ComponentType.MentionableSelect,
  ComponentType.ChannelSelect,
]);
const BUTTON_LINK = 5;
const BUTTON_PREMIUM = 6;

/** Checks a message's `components`: legacy action rows (5 rows of 5 buttons) or, with the V2 flag, 40 in all. */
export function componentIssues(components: unknown, at: Path, v2: boolean): FormIssue[] {
  if (!Array.isArray(components)) return [];
  const all = [...walk(components, at)];
  const issues = [...customIdIssues(all)];
  if (v2) {
    if (all.length > LIMITS.componentsV2Total) {
      issues.push({
        path: at,
        code: 'BASE_TYPE_MAX_LENGTH',
        message: `Must be ${LIMITS.componentsV2Total} or fewer in length.`,
      });
    }
    return issues;
  }
  issues.push(...tooLong(components, LIMITS.actionRows, at));
  for (const [index, row] of components.entries()) issues.push(...rowIssues(row, [...at, index]));
  return issues;
}

/** Checks a modal's `components`: 1 to 5 rows or labels, each holding one text input (or select). */
export function modalComponentIssues(components: unknown, at: Path): FormIssue[] {
  if (!Array.isArray(components) || components.length === 0) return required(undefined, at);
  const issues = [...tooLong(components, LIMITS.modalComponents, at), ...customIdIssues([...walk(components, at)])];
  components.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) return;
    const here = [...at, index];
    if (entry.type === ComponentType.ActionRow) {
      const children = Array.isArray(entry.components) ? entry.components : [];
      if (children.length !== 1) {
        issues.push({
          path: [...here, 'components'],
          code: 'BASE_TYPE_BAD_LENGTH',
          message: 'Must be between 1 and 1 in length.',
        });
      }
      for (const [i, input] of children.entries())
        issues.push(...textInputIssues(input, [...here, 'components', i], true));
    } else if (entry.type === ComponentType.Label) {
      issues.push(
        ...required(entry.label, [...here, 'label']),
        ...tooLong(entry.label, LIMITS.textInputLabel, [...here, 'label']),
      );
      if (isRecord(entry.component) && entry.component.type === ComponentType.TextInput) {
        issues.push(...textInputIssues(entry.component, [...here, 'component'], false));
      }
    }
  });
  return issues;
}

/** Every component under `components`, depth first, with its path (rows, sections, labels, containers). */
export function* walk(components: readonly unknown[], at: Path): Generator<{ component: Json; path: Path }> {
  for (const [index, component] of components.entries()) yield* walkOne(component, [...at, index]);
}

function* walkOne(component: unknown, path: Path): Generator<{ component: Json; path: Path }> {
  if (!isRecord(component)) return;
  yield { component, path };
  if (Array.isArray(component.components)) yield* walk(component.components, [...path, 'components']);
  yield* walkOne(component.component, [...path, 'component']);
  yield* walkOne(component.accessory, [...path, 'accessory']);
}

function customIdIssues(all: readonly { component: Json; path: Path }[]): FormIssue[] {
  const seen = new Set<unknown>();
  const issues: FormIssue[] = [];
  for (const { component, path } of all) {
    if (!('custom_id' in component)) continue;
    issues.push(...tooLong(component.custom_id, LIMITS.customId, [...path, 'custom_id']));
    if (seen.has(component.custom_id)) {
      issues.push({
        path: [...path, 'custom_id'],
        code: 'COMPONENT_CUSTOM_ID_DUPLICATED',
        message: 'Component custom id cannot be duplicated',
      });
    }
    seen.add(component.custom_id);
  }
  return issues;
}

function rowIssues(row: unknown, at: Path): FormIssue[] {
  if (!isRecord(row)) return [];
  if (row.type !== ComponentType.ActionRow) {
    return [
      { path: [...at, 'type'], code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (1,).' },
    ];
  }
  const children = Array.isArray(row.components) ? row.components : [];
  const issues = [...tooLong(children, LIMITS.rowButtons, [...at, 'components'])];
  if (children.length > 1 && children.some((child) => isRecord(child) && SELECTS.has(child.type))) {
    issues.push({
      path: [...at, 'components'],
      code: 'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
      message: 'The specified component exceeds the maximum width',
    });
  }
  children.forEach((child: unknown, index) => {
    if (!isRecord(child)) return;
    const here = [...at, 'components', index];
    if (child.type === ComponentType.Button) {
      issues.push(...tooLong(child.label, LIMITS.buttonLabel, [...here, 'label']));
      if (child.style === BUTTON_LINK) issues.push(...required(child.url, [...here, 'url']));
      else if (child.style !== BUTTON_PREMIUM) issues.push(...required(child.custom_id, [...here, 'custom_id']));
    } else if (SELECTS.has(child.type)) {
      issues.push(...required(child.custom_id, [...here, 'custom_id']));
      if (child.type === ComponentType.StringSelect) {
        issues.push(
          ...required(child.options, [...here, 'options']),
          ...tooLong(child.options, LIMITS.selectOptions, [...here, 'options']),
        );
      }
    }
  });
  return issues;
}

function textInputIssues(input: unknown, at: Path, needsLabel: boolean): FormIssue[] {
  if (!isRecord(input) || input.type !== ComponentType.TextInput) {
    return [
      { path: [...at, 'type'], code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (4,).' },
    ];
  }
  const issues = [
    ...required(input.custom_id, [...at, 'custom_id']),
    ...tooLong(input.label, LIMITS.textInputLabel, [...at, 'label']),
    ...tooLong(input.value, LIMITS.textInputValue, [...at, 'value']),
    ...tooLong(input.placeholder, LIMITS.textInputPlaceholder, [...at, 'placeholder']),
    ...(needsLabel ? required(input.label, [...at, 'label']) : []),
  ];
  for (const key of ['min_length', 'max_length'] as const) {
    const value = input[key];
    if (typeof value === 'number' && value > LIMITS.textInputValue) {
      issues.push({
        path: [...at, key],
        code: 'NUMBER_TYPE_MAX',
        message: `int value should be less than or equal to ${LIMITS.textInputValue}.`,
      });
    }
  }
  return issues;
}
