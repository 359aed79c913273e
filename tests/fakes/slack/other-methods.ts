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

/** users.info: a profile for any well-formed user id (names and roles as set on the fake); the bot is a bot. */
export const usersInfo: ApiMethod = {
  token: 'bot',
  run: (args, { workspace }) => {
    const id = stringArg(args, 'user');
    if (id === undefined || !Workspace.isUserId(id)) return failure('user_not_found');
    const { teamId, botUserId } = workspace.identity;
    return ok({ user: workspace.members.info(id, teamId, botUserId) });
  },
};

/** apps.connections.open: a one-use WebSocket URL for Socket Mode (ws:// on 127.0.0.1 here). */
export const connectionsOpen: ApiMethod = {
  token: 'app',
  run: (_args, { socketUrl }) => ok({ url: socketUrl() }),
};
