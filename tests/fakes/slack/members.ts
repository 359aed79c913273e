/** What the fake says about one person: names and the workspace roles `users.info` reports. */
export type MemberProfile = {
  /** The handle (`name` in users.info); default `user-<id in lower case>`. */
  readonly name?: string;
  readonly realName?: string;
  /** The display name people chose; default the handle. */
  readonly displayName?: string;
  /** Workspace admin (`is_admin`). */
  readonly isAdmin?: boolean;
  /** Workspace owner (`is_owner`); the primary owner is an owner too. */
  readonly isOwner?: boolean;
  readonly isPrimaryOwner?: boolean;
  /** A deactivated account. */
  readonly deleted?: boolean;
};

/** The people of the fake workspace: anyone with a well-formed id exists, with defaults unless set. */
export class Members {
  readonly #profiles = new Map<string, MemberProfile>();

  /** Sets (replacing) what the fake says about `id`. */
  set(id: string, profile: MemberProfile): void {
    this.#profiles.set(id, profile);
  }

  /** The users.info `user` object for `id`, Slack's field names; `botUserId` is answered as the app's bot. */
  info(id: string, teamId: string, botUserId: string): Readonly<Record<string, unknown>> {
    const isBot = id === botUserId;
    const profile = this.#profiles.get(id) ?? {};
    const name = profile.name ?? (isBot ? 'fakebot' : `user-${id.toLowerCase()}`);
    const realName = profile.realName ?? (isBot ? 'Fake Bot' : `Fake User ${id}`);
    const owner = profile.isOwner === true || profile.isPrimaryOwner === true;
    return {
      id,
      team_id: teamId,
      name,
      real_name: realName,
      deleted: profile.deleted ?? false,
      is_bot: isBot,
      is_admin: profile.isAdmin ?? false,
      is_owner: owner,
      is_primary_owner: profile.isPrimaryOwner ?? false,
      is_restricted: false,
      is_ultra_restricted: false,
      tz: 'Etc/UTC',
      tz_label: 'Coordinated Universal Time',
      tz_offset: 0,
      profile: { real_name: realName, display_name: profile.displayName ?? name, team: teamId },
    };
  }
}
