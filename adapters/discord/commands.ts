import {
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { Roles } from '../../src/packs/index.js';

/** The slash command of one-to-one interviews. */
export const COMMAND_NAME = 'interview';

/** The most questions `/interview start` offers (the engine also caps it at the pack's size). */
export const MAX_QUESTIONS = 10;

/** The largest `seed` Discord offers: a 32-bit signed integer, as the engine's seeds are. */
export const MAX_SEED = 2 ** 31 - 1;

/** The kinds of job, as people read them. */
export const roleNames: Readonly<Record<(typeof Roles)[number], string>> = {
  retail: 'Retail',
  'call-centre': 'Call centre',
  'support-desk': 'Support desk',
  hospitality: 'Hospitality',
};

const questionNumber = (description: string): APIApplicationCommandBasicOption => ({
  type: ApplicationCommandOptionType.Integer,
  name: 'question',
  description,
  min_value: 1,
  max_value: 50,
});

const sub = (
  name: string,
  description: string,
  options: APIApplicationCommandBasicOption[] = [],
): APIApplicationCommandSubcommandOption => ({
  type: ApplicationCommandOptionType.Subcommand,
  name,
  description,
  ...(options.length === 0 ? {} : { options }),
});

const start = sub('start', 'Start a practice interview; it runs in your DMs', [
  {
    type: ApplicationCommandOptionType.Integer,
    name: 'questions',
    description: 'How many questions (default 5)',
    min_value: 1,
    max_value: MAX_QUESTIONS,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'role',
    description: 'The kind of job: questions tagged for it',
    choices: Roles.map((role) => ({ name: roleNames[role], value: role })),
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'company',
    description: 'The company you are interviewing with',
    max_length: 100,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'values',
    description: "The company's values or mission, comma-separated",
    max_length: 300,
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'focus',
    description: 'A drill on what you missed most in past interviews',
    choices: [{ name: 'My weakest concepts', value: 'weakest' }],
  },
  {
    type: ApplicationCommandOptionType.Boolean,
    name: 'skip_intro',
    description: 'Go straight to the questions, without the company and role',
  },
  {
    type: ApplicationCommandOptionType.String,
    name: 'pack',
    description: 'Question pack id (default customer-service)',
    max_length: 40,
  },
  {
    type: ApplicationCommandOptionType.Integer,
    name: 'seed',
    description: 'The same seed asks the same questions (to practise a set again)',
    min_value: 0,
    max_value: MAX_SEED,
  },
]);

/** `/interview` with one subcommand per thing a candidate can do. */
export const interviewCommand: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: COMMAND_NAME,
  description: 'Practise a customer-service job interview',
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    start,
    sub('skip', 'Skip the current question or follow-up'),
    sub('repeat', 'Show the current question again'),
    sub('hint', 'What a strong answer to this question covers'),
    sub('pause', 'Pause the interview; your progress is kept'),
    sub('resume', 'Carry on with a paused interview'),
    sub('end', 'End now, with feedback on what you answered'),
    sub('status', 'Where you are in the interview'),
    sub('example', 'A model answer to a question you have answered', [
      questionNumber('Which question (default: the last one)'),
    ]),
    sub('retry', 'Answer a question again and compare the scores', [
      questionNumber('Which question (default: the last one)'),
    ]),
    sub('history', 'Your past interviews and how each concept is going'),
    sub('forget', 'Delete everything stored about you (asks first)'),
  ],
};

/** The command of group mock-interview panels. */
export const PANEL_COMMAND = 'panel';

/** The most questions each panel participant answers (the engine caps it too). */
export const MAX_PANEL_QUESTIONS = 5;

/** `/panel`: open a panel in a channel, then run it from its thread. Servers only: a panel needs a channel. */
export const panelCommand: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  type: ApplicationCommandType.ChatInput,
  name: PANEL_COMMAND,
  description: 'Group mock interviews: take turns answering while the others listen and rate',
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
  options: [
    sub('open', 'Open a panel here: a thread where people take turns as the candidate', [
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'questions-per-person',
        description: 'How many questions each person answers (default 2)',
        min_value: 1,
        max_value: MAX_PANEL_QUESTIONS,
      },
      {
        type: ApplicationCommandOptionType.String,
        name: 'role',
        description: 'The kind of job: questions tagged for it',
        choices: Roles.map((role) => ({ name: roleNames[role], value: role })),
      },
    ]),
    sub('start', 'Start the rounds (the host, or anyone who may manage the channel)'),
    sub('skip', 'Skip the turn in play (the host), or pass on your own turn'),
    sub('remove', 'Take someone out of the panel (the host, or anyone who may manage the channel)', [
      { type: ApplicationCommandOptionType.User, name: 'member', description: 'Who to remove', required: true },
    ]),
    sub('end', 'End the panel now, with the summary (the host, or anyone who may manage the channel)'),
    sub('leave', 'Leave the panel'),
    sub('status', 'Who is in the panel and whose turn it is'),
  ],
};

/** Every command to register, as Discord's API takes them. */
export const commandDefinitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  interviewCommand,
  panelCommand,
];
