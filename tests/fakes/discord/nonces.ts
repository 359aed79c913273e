import type { APIMessage } from 'discord-api-types/v10';
import { isRecord } from './json.js';
import type { World } from './world.js';

/** How long Discord checks a nonce for uniqueness under `enforce_nonce` ("the past few minutes"). */
export const NONCE_WINDOW_MS = 5 * 60_000;

const seen = new WeakMap<World, Map<string, { readonly messageId: string; readonly at: number }>>();

/** The nonce of a create body that asks Discord to enforce it, as `author:nonce`; undefined otherwise. */
function enforcedNonce(world: World, body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  const { enforce_nonce: enforce, nonce } = body as { readonly enforce_nonce?: unknown; readonly nonce?: unknown };
  if (enforce !== true) return undefined;
  return typeof nonce === 'string' || typeof nonce === 'number' ? `${world.bot.id}:${String(nonce)}` : undefined;
}

/**
 * The message the same author created with the same enforced nonce within the window, which Discord returns instead
 * of creating another; undefined when there is none (or it was deleted since).
 */
export function earlierWithNonce(world: World, body: unknown): APIMessage | undefined {
  const key = enforcedNonce(world, body);
  const earlier = key === undefined ? undefined : seen.get(world)?.get(key);
  if (earlier === undefined || world.clock() - earlier.at > NONCE_WINDOW_MS) return undefined;
  return world.message(earlier.messageId);
}

/** Remembers the enforced nonce of a message just created. */
export function rememberNonce(world: World, body: unknown, message: APIMessage): void {
  const key = enforcedNonce(world, body);
  if (key === undefined) return;
  let nonces = seen.get(world);
  if (nonces === undefined) {
    nonces = new Map();
    seen.set(world, nonces);
  }
  nonces.set(key, { messageId: message.id, at: world.clock() });
}
