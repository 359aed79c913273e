import { parseCompanyLine, type StartOptions } from '../../src/engine/index.js';
import type { Role } from '../../src/packs/index.js';

/** Words (one or two) that name a role, as people type them. */
const roleWords: readonly (readonly [string, Role])[] = [
  ['retail', 'retail'],
  ['call-centre', 'call-centre'],
  ['call-center', 'call-centre'],
  ['callcentre', 'call-centre'],
  ['callcenter', 'call-centre'],
  ['call centre', 'call-centre'],
  ['call center', 'call-centre'],
  ['contact centre', 'call-centre'],
  ['contact center', 'call-centre'],
  ['support-desk', 'support-desk'],
  ['support desk', 'support-desk'],
  ['support', 'support-desk'],
  ['helpdesk', 'support-desk'],
  ['help-desk', 'support-desk'],
  ['help desk', 'support-desk'],
  ['service desk', 'support-desk'],
  ['hospitality', 'hospitality'],
];

const MAX_QUESTIONS = 50;

/** The role named by the next one or two words, and how many words it took. */
function roleAt(words: readonly string[], i: number): { readonly role: Role; readonly used: number } | undefined {
  const one = words[i]?.toLowerCase();
  const two = one === undefined || words[i + 1] === undefined ? undefined : `${one} ${words[i + 1]?.toLowerCase()}`;
  const pair = roleWords.find(([word]) => word === two);
  if (pair !== undefined) return { role: pair[1], used: 2 };
  const single = roleWords.find(([word]) => word === one);
  return single === undefined ? undefined : { role: single[1], used: 1 };
}

/**
 * Reads the words after `start`: a number of questions, a role, `weakest`, `pack=ID` and `seed=N` in any order, then
 * the company (the rest, verbatim, with optional values after a colon). "3 retail Acme Corp" → 3 questions, retail,
 * "Acme Corp".
 */
export function parseStartArgs(text: string): StartOptions {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => w !== '');
  let questions: number | undefined;
  let role: Role | undefined;
  let focus: 'weakest' | undefined;
  let pack: string | undefined;
  let seed: number | undefined;
  let i = 0;
  while (i < words.length) {
    const word = words[i] ?? '';
    const found = role === undefined ? roleAt(words, i) : undefined;
    if (questions === undefined && /^\d{1,3}$/.test(word)) {
      questions = Math.min(Math.max(Number(word), 1), MAX_QUESTIONS);
      i += 1;
    } else if (found !== undefined) {
      role = found.role;
      i += found.used;
    } else if (focus === undefined && /^(--focus=?)?weakest$/i.test(word)) {
      focus = 'weakest';
      i += 1;
    } else if (pack === undefined && /^pack=[a-z0-9-]{1,40}$/i.test(word)) {
      pack = word.slice('pack='.length).toLowerCase();
      i += 1;
    } else if (seed === undefined && /^seed=\d{1,9}$/i.test(word)) {
      seed = Number(word.slice('seed='.length));
      i += 1;
    } else break;
  }
  const rest = words.slice(i).join(' ');
  return {
    ...(questions === undefined ? {} : { questions }),
    ...(role === undefined ? {} : { role }),
    ...(focus === undefined ? {} : { focus }),
    ...(pack === undefined ? {} : { pack }),
    ...(seed === undefined ? {} : { seed }),
    ...parseCompanyLine(rest),
  };
}
