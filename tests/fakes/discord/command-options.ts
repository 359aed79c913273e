import { type APIApplicationCommand, ApplicationCommandOptionType as Type } from 'discord-api-types/v10';
import type { World } from './world.js';

/** A plain option value; its type comes from the registered command, or is guessed (integer, number, ...). */
export type OptionValue = string | number | boolean;

/** An option as a test gives it: a plain value, or a value with an explicit option type. */
export type OptionInput = OptionValue | { readonly type: Type; readonly value: OptionValue };

/** What the user typed: the command, its subcommand (and group) and options by name. */
export interface CommandInvocation {
  readonly name: string;
  readonly subcommandGroup?: string;
  readonly subcommand?: string;
  readonly options?: Readonly<Record<string, OptionInput>>;
}

interface LooseOption {
  readonly type: number;
  readonly name: string;
  readonly required?: boolean;
  readonly options?: readonly LooseOption[];
  readonly choices?: readonly { readonly value: unknown }[];
}

/**
 * Builds a slash command's `data.options` and `data.resolved`. With a registered definition it refuses what
 * Discord's client would never send (unknown subcommand or option, missing required option, value off the choices).
 */
export function commandOptions(
  world: World,
  invocation: CommandInvocation,
  registered: APIApplicationCommand | undefined,
  guildId: string | null,
): { readonly options: unknown[]; readonly resolved: Record<string, Record<string, unknown>> } {
  const fail = (why: string) => new Error(`fake Discord: /${invocation.name}: ${why}`);
  let defs = registered === undefined ? undefined : ((registered.options ?? []) as readonly LooseOption[]);
  if (invocation.subcommandGroup !== undefined && defs !== undefined) {
    const group = defs.find((d) => d.type === Type.SubcommandGroup && d.name === invocation.subcommandGroup);
    if (group === undefined) throw fail(`no subcommand group ${invocation.subcommandGroup}`);
    defs = group.options ?? [];
  }
  if (invocation.subcommand !== undefined && defs !== undefined) {
    const sub = defs.find((d) => d.type === Type.Subcommand && d.name === invocation.subcommand);
    if (sub === undefined) throw fail(`no subcommand ${invocation.subcommand}`);
    defs = sub.options ?? [];
  } else if (defs?.some((d) => d.type === Type.Subcommand || d.type === Type.SubcommandGroup)) {
    throw fail('a subcommand is required');
  }
  const resolved: Record<string, Record<string, unknown>> = {};
  const leaves = Object.entries(invocation.options ?? {}).map(([name, input]) => {
    const def = defs?.find((d) => d.name === name);
    if (defs !== undefined && def === undefined) throw fail(`no option ${name}`);
    const value = typeof input === 'object' ? input.value : input;
    const type = typeof input === 'object' ? input.type : (def?.type ?? guessType(value));
    if (def?.choices !== undefined && !def.choices.some((choice) => choice.value === value)) {
      throw fail(`${String(value)} is not one of the choices of ${name}`);
    }
    return { name, type, value: resolve(world, type, value, guildId, resolved) };
  });
  for (const def of defs ?? []) {
    if (def.required === true && !leaves.some((leaf) => leaf.name === def.name))
      throw fail(`option ${def.name} is required`);
  }
  let options: unknown[] = leaves;
  if (invocation.subcommand !== undefined) {
    options = [{ type: Type.Subcommand, name: invocation.subcommand, options: leaves }];
  }
  if (invocation.subcommandGroup !== undefined) {
    options = [{ type: Type.SubcommandGroup, name: invocation.subcommandGroup, options }];
  }
  return { options, resolved };
}

function guessType(value: OptionValue): Type {
  if (typeof value === 'boolean') return Type.Boolean;
  if (typeof value === 'number') return Number.isInteger(value) ? Type.Integer : Type.Number;
  return Type.String;
}

function resolve(
  world: World,
  type: Type,
  value: OptionValue,
  guildId: string | null,
  resolved: Record<string, Record<string, unknown>>,
): OptionValue {
  const put = (kind: string, id: string, entry: unknown) => {
    resolved[kind] = { ...resolved[kind], [id]: entry };
  };
  if (type === Type.User || type === Type.Mentionable) {
    const ref = String(value);
    const user = world.findUser(ref) ?? world.user(ref);
    put('users', user.id, user);
    if (guildId !== null) put('members', user.id, { roles: [], joined_at: world.isoNow(), flags: 0, permissions: '0' });
    return user.id;
  }
  if (type === Type.Channel) {
    const channel = world.channel(String(value));
    if (channel === undefined) throw new Error(`fake Discord: no channel ${String(value)}`);
    put('channels', channel.id, { ...channel, permissions: '0' });
    return channel.id;
  }
  if (type === Type.Integer && !Number.isInteger(value))
    throw new Error(`fake Discord: ${String(value)} is not an integer`);
  return value;
}
