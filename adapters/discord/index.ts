/**
 * The Discord adapter: `/interview` slash commands, buttons and the answer modal, DMs; `/panel` group mock interviews
 * in threads. It only translates: Discord input to InboundEvents and PanelInbounds, the runtimes' replies to messages
 * within Discord's limits.
 */
export { COMMAND_NAME, commandDefinitions, interviewCommand, PANEL_COMMAND, panelCommand } from './commands.js';
export { actionRows, answerModal, MODAL_ANSWER_LIMIT } from './components.js';
export { type ButtonId, type ButtonKind, parseCustomId, toCustomId } from './custom-id.js';
export {
  DISCORD_LIMITS,
  type EmbedDraft,
  embedSize,
  fitEmbed,
  type Outgoing,
  packEmbeds,
  toMessages,
} from './embeds.js';
export { describeError, redactUrl } from './funnel.js';
export {
  type ButtonIntent,
  fromButton,
  fromDirectMessage,
  fromModalSubmit,
  fromSlashCommand,
  fromSubcommand,
  soloKey,
} from './inbound.js';
export { type PanelButton, parsePanelId, toPanelId } from './panel-ids.js';
export { fromPanelButton, fromPanelCommand, fromThreadMessage, panelActor, panelKey } from './panel-inbound.js';
export { renderFollowUp, renderLobby, renderRate, renderTurn } from './panel-render.js';
export { renderSummary } from './panel-summary.js';
export { type RenderContext, renderDiscord } from './render.js';
export { type DiscordAdapter, type DiscordOptions, startDiscord } from './start.js';
export { clip, escapeUserText, neutralise, splitText } from './text.js';
