import { type ApiMethod, failure, ok, stringArg } from './api-method.js';
import { Workspace } from './workspace.js';

/** auth.test: the bot's ids, which Bolt reads at start-up to recognise its own messages. */
export const authTest: ApiMethod = {
  token: 'bot',
  run: (_args, { workspace: { identity } }) =>
    ok({
      url: `https://${identity.teamDomain}.slack.com/`,
      team: 'Fake Workspace',
      user: 'fakebot',
      team_id: identity.teamId,
      user_id: identity.botUserId,
      bot_id: identity.botId,
      app_id: identity.appId,
      is_enterprise_install: false,
    }),
};

/** conversations.open: the app's DM channel with one user (the same id every time). */
export const conversationsOpen: ApiMethod = {
  token: 'bot',
  run: (args, { workspace }) => {
    const channel = stringArg(args, 'channel');
    if (channel !== undefined) {
      const known = workspace.resolveChannel(channel);
      return known === undefined
        ? failure('channel_not_found')
        : ok({ no_op: true, already_open: true, channel: { id: known } });
    }
    const users = (stringArg(args, 'users') ?? '').split(',').filter((u) => u !== '');
    const [user] = users;
    if (user === undefined) return failure('users_list_not_supplied');
    if (users.length > 1) return failure('not_supported_by_fake', '[ERROR] the fake opens DMs with one user only');
    if (!Workspace.isUserId(user)) return failure('user_not_found');
    return ok({ no_op: false, already_open: false, channel: { id: workspace.dmChannel(user) } });
  },
};

/** users.info: a plausible profile for any well-formed user id; the bot's own id is a bot. */
export const usersInfo: ApiMethod = {
  token: 'bot',
  run: (args, { workspace: { identity } }) => {
    const id = stringArg(args, 'user');
    if (id === undefined || !Workspace.isUserId(id)) return failure('user_not_found');
    const isBot = id === identity.botUserId;
    const name = isBot ? 'fakebot' : `user-${id.toLowerCase()}`;
    const realName = isBot ? 'Fake Bot' : `Fake User ${id}`;
    return ok({
      user: {
        id,
        team_id: identity.teamId,
        name,
        real_name: realName,
        deleted: false,
        is_bot: isBot,
        is_admin: false,
        tz: 'Etc/UTC',
        tz_label: 'Coordinated Universal Time',
        tz_offset: 0,
        profile: { real_name: realName, display_name: name, team: identity.teamId },
      },
    });
  },
};

/** apps.connections.open: a one-use WebSocket URL for Socket Mode (ws:// on 127.0.0.1 here). */
export const connectionsOpen: ApiMethod = {
  token: 'app',
  run: (_args, { socketUrl }) => ok({ url: socketUrl() }),
};
