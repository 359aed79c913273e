import { type ApiMethod, type Args, failure, ok, refused, stringArg } from './api-method.js';
import { checkMessage } from './limits.js';
import { Workspace } from './workspace.js';

const blocksArg = (args: Args): readonly unknown[] | undefined =>
  Array.isArray(args.blocks) ? (args.blocks as readonly unknown[]) : undefined;

/** Resolves `args.channel` the way Slack does, or says `channel_not_found`. */
function channelOf(args: Args, workspace: Workspace): string | undefined {
  const channel = stringArg(args, 'channel');
  return channel === undefined ? undefined : workspace.resolveChannel(channel);
}

/** chat.postMessage: stores the message in its channel and answers with its `ts`. */
export const postMessage: ApiMethod = {
  token: 'bot',
  run: (args, { workspace }) => {
    const channel = channelOf(args, workspace);
    if (channel === undefined) return failure('channel_not_found');
    const problem = checkMessage(args);
    if (problem) return refused(problem);
    const message = workspace.post(
      channel,
      stringArg(args, 'text') ?? '',
      blocksArg(args) ?? [],
      stringArg(args, 'thread_ts'),
    );
    return ok({ channel, ts: message.ts, message });
  },
};

/** chat.update: edits one of the app's messages in place. */
export const update: ApiMethod = {
  token: 'bot',
  run: (args, { workspace }) => {
    const channel = channelOf(args, workspace);
    if (channel === undefined) return failure('channel_not_found');
    const ts = stringArg(args, 'ts');
    if (ts === undefined || workspace.message(channel, ts) === undefined) return failure('message_not_found');
    const problem = checkMessage(args);
    if (problem) return refused(problem);
    const message = workspace.edit(channel, ts, stringArg(args, 'text'), blocksArg(args));
    return ok({ channel, ts, text: message?.text ?? '', message });
  },
};

/** chat.delete: removes one of the app's messages. */
export const remove: ApiMethod = {
  token: 'bot',
  run: (args, { workspace }) => {
    const channel = channelOf(args, workspace);
    if (channel === undefined) return failure('channel_not_found');
    const ts = stringArg(args, 'ts') ?? '';
    return workspace.remove(channel, ts) ? ok({ channel, ts }) : failure('message_not_found');
  },
};

/** chat.postEphemeral: seen by one user only, so it joins no channel's history; the fake keeps it per user. */
export const postEphemeral: ApiMethod = {
  token: 'bot',
  run: (args, { workspace }) => {
    const channel = channelOf(args, workspace);
    if (channel === undefined) return failure('channel_not_found');
    const user = stringArg(args, 'user');
    if (user === undefined || !Workspace.isUserId(user)) return failure('user_not_in_channel');
    const problem = checkMessage(args);
    if (problem) return refused(problem);
    const text = stringArg(args, 'text') ?? '';
    const message = workspace.postEphemeral(channel, user, text, blocksArg(args) ?? [], stringArg(args, 'thread_ts'));
    return ok({ message_ts: message.message_ts });
  },
};

/** chat.getPermalink: a link in Slack's format for one of the app's messages. */
export const getPermalink: ApiMethod = {
  token: 'bot',
  run: (args, { workspace }) => {
    const channel = channelOf(args, workspace);
    if (channel === undefined) return failure('channel_not_found');
    const ts = stringArg(args, 'message_ts');
    if (ts === undefined || workspace.message(channel, ts) === undefined) return failure('message_not_found');
    const domain = workspace.identity.teamDomain;
    return ok({ channel, permalink: `https://${domain}.slack.com/archives/${channel}/p${ts.replace('.', '')}` });
  },
};
