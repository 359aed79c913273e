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

/** The one slash command this adapter answers. */
export const COMMAND_NAME = 'interview';

/** The most questions `/interview start` offers (the engine also caps it at the pack's size). */
export const MAX_QUESTIONS = 10;

const roleNames: Record<(typeof Roles)[number], string> = {
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

/** Every command to register, as Discord's API takes them. */
export const commandDefinitions: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[] = [interviewCommand];
