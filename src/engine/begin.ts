import { type Role, Roles } from '../packs/schema.js';
import { randomId } from './random.js';
import { ask, currentPrompt, notice, stay, withState } from './replies.js';
import { finish } from './report.js';
import { selectQuestions } from './select.js';
import type { Live, LoadedPack, Reply, Session, Settings, StartOptions, StepContext, StepResult } from './types.js';

/** Questions in an interview when the candidate does not say. */
export const DEFAULT_QUESTIONS = 5;

/** Starts a new interview: the intro when no company was given, otherwise the first question. */
export function begin(options: StartOptions, ctx: StepContext): StepResult {
  const packId = options.pack ?? ctx.library.defaultPackId;
  const loaded = ctx.library.packs.get(packId);
  if (loaded === undefined) {
    const known = [...ctx.library.packs.keys()].join(', ');
    return stay(undefined, notice(`There is no question pack called "${packId}". Packs: ${known}.`, ['start']));
  }
  const wanted = options.questions ?? DEFAULT_QUESTIONS;
  const questions = Math.max(
    1,
    Math.min(Number.isInteger(wanted) ? wanted : DEFAULT_QUESTIONS, loaded.pack.questions.length),
  );
  const company = options.company?.trim();
  const weak = options.focus === 'weakest' ? (options.weakConcepts ?? []).slice(0, 8) : [];
  const settings: Settings = {
    packId,
    questions,
    seed: options.seed ?? Math.floor(ctx.random() * 2 ** 31),
    ...(options.role === undefined ? {} : { role: options.role }),
    ...(company === undefined || company === '' ? {} : { company }),
    ...(options.companyValues === undefined || options.companyValues.length === 0
      ? {}
      : { companyValues: options.companyValues }),
    ...(options.focus === undefined ? {} : { focus: options.focus }),
    ...(weak.length === 0 ? {} : { drill: weak }),
  };
  const replies: Reply[] = [];
  if (options.focus === 'weakest')
    replies.push(
      notice(
        weak.length === 0
          ? 'There are no finished interviews in your history yet, so there is nothing to drill: here is a normal interview.'
          : `A drill on what you have missed most: ${labels(loaded, weak.slice(0, 3))}.`,
      ),
    );
  const needsIntro = settings.company === undefined && options.skipIntro !== true;
  const session: Session = {
    id: randomId(ctx.random),
    settings,
    questionIds: needsIntro ? [] : selectQuestions(loaded.pack, settings),
    state: needsIntro ? { phase: 'intro', ask: 'company' } : { phase: 'asking', turn: { index: 0, retry: null } },
    answers: [],
    createdAt: ctx.now,
    updatedAt: ctx.now,
    seenEventIds: [],
    archived: false,
  };
  replies.push(
    notice(
      `Welcome to your practice interview: ${questions} question${questions === 1 ? '' : 's'} from "${loaded.pack.title}". ` +
        'Answer as you would in the room; I may ask a follow-up. You can skip, repeat, ask for a hint, pause or end at any time.',
    ),
  );
  const live = session.state as Live;
  replies.push(currentPrompt(session, live, loaded));
  return { session, replies };
}

/** Concept labels for ids, joined for a sentence. */
function labels(loaded: LoadedPack, ids: readonly string[]): string {
  return ids.map((id) => loaded.pack.concepts.find((c) => c.id === id)?.label ?? id).join(', ');
}

const skipWords = new Set(['skip', 'no', 'none', 'n/a', 'pass', 'not sure', "don't know", 'dont know']);

// A reply written as a sentence names the company after a lead-in: "I'm interviewing with Tesco", "It's Northwind".
const leadIn =
  /^(?:(?:i['’]?m|i am|we['’]?re|we are)\s+)?(?:(?:interviewing|applying)\s+(?:with|at|for|to)|it['’]?s|it is|(?:the\s+)?company is)\s+/i;
// The job named before the company: "I'm applying for a job at Tesco".
const jobFirst = /^(?:a|an|the)\s+(?:\S+\s+)?(?:job|role|position|post)\s+(?:at|with|in)\s+/i;
// What such a sentence goes on to say about the job: "... with Tesco for a weekend role".
const jobTail = /\s+(?:for|as)\s+(?:a|an|the)\s.*$/is;

/** The company a reply names: quotes dropped, and a sentence's lead-in and job tail ("for a till job") left out. */
function companyName(text: string): string {
  const name = text.trim();
  const named = name.replace(leadIn, '');
  const bare = named === name ? name : named.replace(jobFirst, '').replace(jobTail, '');
  return bare
    .trim()
    .replace(/^["'“‘](.*)["'”’]$/s, '$1')
    .trim()
    .slice(0, 100);
}

/**
 * Reads a company line: "Northwind: friendly, reliable" gives the company and its values; quotes are dropped, and so
 * are the words around the name in a sentence ("I'm interviewing with Northwind for a front desk job").
 */
export function parseCompanyLine(text: string): Pick<Settings, 'company' | 'companyValues'> {
  const [name = '', values = ''] = text.split(/:(.*)/s);
  const company = companyName(name);
  const list = values
    .split(/[,;\n]/)
    .map((value) => value.trim().slice(0, 60))
    .filter((value) => value !== '')
    .slice(0, 10);
  return { ...(company === '' ? {} : { company }), ...(list.length === 0 ? {} : { companyValues: list }) };
}

const roleWords: readonly (readonly [Role, RegExp])[] = [
  ['call-centre', /call[\s-]*(cent(re|er))|phone|contact cent/i],
  ['support-desk', /support|help\s*desk|service desk|it desk|technical/i],
  ['hospitality', /hospitality|hotel|restaurant|bar|cafe|caf\u00e9|front desk|reception/i],
  ['retail', /retail|shop|store|till|cashier|sales floor/i],
];

/** Finds the role a free-text answer names, if any. */
export function parseRole(text: string): Role | undefined {
  const exact = Roles.find((role) => role === text.trim().toLowerCase());
  return exact ?? roleWords.find(([, pattern]) => pattern.test(text))?.[0];
}

/** The intro: which company, then which role; then the questions are chosen and the first is asked. */
export function onIntro(
  session: Session,
  live: Extract<Live, { phase: 'intro' }>,
  text: string,
  loaded: LoadedPack,
  ctx: StepContext,
): StepResult {
  const answer = text.trim();
  const skipped = skipWords.has(answer.toLowerCase());
  if (answer === '') return stay(session, currentPrompt(session, live, loaded));
  let settings = session.settings;
  const replies: Reply[] = [];
  if (live.ask === 'company' && !skipped) settings = { ...settings, ...parseCompanyLine(answer) };
  if (live.ask === 'role' && !skipped) {
    const role = parseRole(answer);
    if (role === undefined) replies.push(notice('I did not recognise that role, so the questions will be general.'));
    else settings = { ...settings, role };
  }
  const updated = { ...session, settings };
  if (live.ask === 'company' && settings.role === undefined) {
    const next: Live = { phase: 'intro', ask: 'role' };
    return { session: withState(updated, next, ctx), replies: [...replies, currentPrompt(updated, next, loaded)] };
  }
  return startQuestions(updated, loaded, ctx, replies);
}

/** Leaves the intro: chooses the questions and asks the first. */
export function startQuestions(
  session: Session,
  loaded: LoadedPack,
  ctx: StepContext,
  before: readonly Reply[],
): StepResult {
  const questionIds = selectQuestions(loaded.pack, session.settings);
  if (questionIds.length === 0) return finish(session, loaded, true, ctx, before);
  const turn = { index: 0, retry: null };
  const next = withState({ ...session, questionIds }, { phase: 'asking', turn }, ctx);
  const company = next.settings.company;
  // A name may end with its own full stop ("Acme Inc."): the sentence takes no second one.
  const stop = company !== undefined && /[.!?]$/.test(company) ? '' : '.';
  const intro = company === undefined ? [] : [notice(`Good: I will listen for how your answers fit ${company}${stop}`)];
  return { session: next, replies: [...before, ...intro, ask(next, loaded, turn)] };
}
