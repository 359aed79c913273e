import type { ApiMethod } from './api-method.js';
import * as chat from './chat-methods.js';
import * as other from './other-methods.js';
import * as views from './view-methods.js';

/** Every Web API method the fake answers; any other gets Slack's `unknown_method`. */
export const apiMethods: Readonly<Record<string, ApiMethod>> = {
  'auth.test': other.authTest,
  'apps.connections.open': other.connectionsOpen,
  'conversations.open': other.conversationsOpen,
  'users.info': other.usersInfo,
  'chat.postMessage': chat.postMessage,
  'chat.update': chat.update,
  'chat.delete': chat.remove,
  'chat.postEphemeral': chat.postEphemeral,
  'chat.getPermalink': chat.getPermalink,
  'views.publish': views.publish,
  'views.open': views.open,
  'views.push': views.push,
  'views.update': views.update,
};
