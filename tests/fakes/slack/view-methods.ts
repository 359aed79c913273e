import {
  type ApiBody,
  type ApiMethod,
  type Args,
  failure,
  type MethodContext,
  ok,
  refused,
  stringArg,
} from './api-method.js';
import { isJson, type Json } from './json.js';
import { checkView } from './limits.js';
import { type SlackView, Workspace } from './workspace.js';

/** Stores `input` as a view Slack would answer with, keeping `previous`'s id when it replaces one. */
function store(input: Json, { workspace }: MethodContext, previous: SlackView | undefined): SlackView {
  const { identity, ids } = workspace;
  const id = previous?.id ?? ids.view();
  const view: SlackView = {
    type: input.type,
    blocks: input.blocks,
    private_metadata: input.private_metadata ?? '',
    callback_id: input.callback_id ?? '',
    external_id: input.external_id ?? previous?.external_id ?? '',
    ...(input.title === undefined ? {} : { title: input.title }),
    ...(input.submit === undefined ? {} : { submit: input.submit }),
    ...(input.close === undefined ? {} : { close: input.close }),
    state: { values: {} },
    id,
    team_id: identity.teamId,
    hash: `${Math.floor(workspace.now() / 1000)}.${ids.hex(4)}`,
    root_view_id: previous?.root_view_id ?? id,
    previous_view_id: null,
    app_id: identity.appId,
    app_installed_team_id: identity.teamId,
    bot_id: identity.botId,
  };
  workspace.saveView(view);
  return view;
}

/** The `view` argument if Slack would accept it as a `type` view, else the error answer. */
function viewOf(args: Args, type: 'home' | 'modal'): { readonly view: Json } | { readonly refusal: ApiBody } {
  const { view } = args;
  const problem = checkView(view);
  if (problem) return { refusal: refused(problem) };
  if (!isJson(view) || view.type !== type) {
    return { refusal: failure('invalid_arguments', `[ERROR] must be ${type} [json-pointer:/view/type]`) };
  }
  return { view };
}

/** views.publish: sets a user's App Home. */
export const publish: ApiMethod = {
  token: 'bot',
  run: (args, ctx) => {
    const user = stringArg(args, 'user_id');
    if (user === undefined) return failure('invalid_arguments', '[ERROR] missing required field: user_id');
    if (!Workspace.isUserId(user)) return failure('user_not_found');
    const input = viewOf(args, 'home');
    if ('refusal' in input) return input.refusal;
    const previous = ctx.workspace.homeView(user);
    const hash = stringArg(args, 'hash');
    if (hash !== undefined && previous !== undefined && hash !== previous.hash) return failure('hash_conflict');
    const view = store(input.view, ctx, previous);
    ctx.workspace.setHome(user, view.id);
    return ok({ view });
  },
};

/** views.open and views.push: a modal, which needs a fresh trigger id (3 s, single use). */
const openWithTrigger: ApiMethod = {
  token: 'bot',
  run: (args, ctx) => {
    const trigger = ctx.workspace.useTrigger(stringArg(args, 'trigger_id') ?? '');
    if (trigger !== 'ok') return failure(trigger);
    const input = viewOf(args, 'modal');
    return 'refusal' in input ? input.refusal : ok({ view: store(input.view, ctx, undefined) });
  },
};

export const open = openWithTrigger;
export const push = openWithTrigger;

/** views.update: replaces a view found by `view_id` or `external_id`, honouring `hash`. */
export const update: ApiMethod = {
  token: 'bot',
  run: (args, ctx) => {
    const id = stringArg(args, 'view_id');
    const externalId = stringArg(args, 'external_id') ?? '';
    const previous = id === undefined ? ctx.workspace.viewByExternalId(externalId) : ctx.workspace.view(id);
    if (previous === undefined) return failure('not_found');
    const hash = stringArg(args, 'hash');
    if (hash !== undefined && hash !== previous.hash) return failure('hash_conflict');
    const input = viewOf(args, previous.type === 'home' ? 'home' : 'modal');
    return 'refusal' in input ? input.refusal : ok({ view: store(input.view, ctx, previous) });
  },
};
