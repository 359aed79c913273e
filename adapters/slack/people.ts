import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { PanelActor } from '../../src/engine/index.js';
import { errorCode } from './turns.js';

/** Who acts on a panel, as Slack knows them: a name to show and whether they may manage the channel. */
export type People = {
  /**
   * The actor for `userId`: users.info's display name (else real name, else `fallbackName`, else the id) and
   * `canManage` for workspace admins and owners. A failed look-up is not cached and yields `canManage: false`.
   */
  actor(userId: string, fallbackName?: string): Promise<PanelActor>;
};

/** How long a looked-up person is trusted: a new admin is recognised within this, a demoted one loses it. */
export const PEOPLE_TTL_MS = 5 * 60_000;
/** How many people the cache keeps. */
const CAPACITY = 2_000;

type Info = { readonly name: string | undefined; readonly canManage: boolean };

/** Reads the parts of a users.info answer the panel needs. */
function infoOf(user: webApi.UsersInfoResponse['user']): Info {
  const profile = user?.profile;
  const name = [profile?.display_name, profile?.real_name, user?.real_name, user?.name]
    .map((n) => n?.trim())
    .find((n) => n !== undefined && n !== '');
  const canManage = user?.is_admin === true || user?.is_owner === true || user?.is_primary_owner === true;
  return { name: name?.slice(0, 80), canManage };
}

/** A users.info directory with a small time-limited cache, so a busy panel asks Slack about each person rarely. */
export function createPeople(deps: {
  readonly client: webApi.WebClient;
  readonly logger: Logger;
  readonly now?: () => number;
  readonly ttlMs?: number;
}): People {
  const { client, logger } = deps;
  const now = deps.now ?? Date.now;
  const ttl = deps.ttlMs ?? PEOPLE_TTL_MS;
  const cache = new Map<string, { readonly info: Info; readonly at: number }>();

  async function lookUp(userId: string): Promise<Info | undefined> {
    const cached = cache.get(userId);
    if (cached !== undefined && now() - cached.at < ttl) return cached.info;
    try {
      const answer = await client.users.info({ user: userId });
      const info = infoOf(answer.user);
      cache.delete(userId);
      cache.set(userId, { info, at: now() });
      if (cache.size > CAPACITY) cache.delete(cache.keys().next().value ?? '');
      return info;
    } catch (error) {
      // Without users.info (a missing users:read scope, Slack down) only the host can manage: safe, and said in the log.
      logger.warn({ user: userId, err: errorCode(error) }, 'users.info failed; treating the user as a member');
      return undefined;
    }
  }

  return {
    async actor(userId, fallbackName) {
      const info = await lookUp(userId);
      const name = info?.name ?? (fallbackName === undefined || fallbackName === '' ? userId : fallbackName);
      return { userId, name, canManage: info?.canManage ?? false };
    },
  };
}
