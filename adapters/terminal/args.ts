import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Parsed } from '../../src/config.js';
import type { StartOptions } from '../../src/engine/index.js';
import { Roles } from '../../src/packs/index.js';

/** What `npm run practice` was asked for. */
export type PracticeArgs = { readonly user: string; readonly start: StartOptions; readonly help: boolean };

export const usage = `Usage: npm run practice -- [options]
  --questions N    how many questions (default 5)
  --role ROLE      ${Roles.join(' | ')}
  --company NAME   the company you are interviewing with (skips the intro)
  --values LIST    its values or mission, comma-separated (with --company)
  --pack ID        question pack (default customer-service)
  --seed N         the same seed asks the same questions
  --focus weakest  drill the concepts you have missed most
  --no-intro       go straight to the questions
  --user NAME      whose practice this is (default: your OS user)
In the interview: type an answer on one line; commands start with /:
  /skip /repeat /hint /pause /resume /end /status /example [N] /retry [N] /history /forget /help /quit`;

const Args = z.object({
  questions: z.coerce.number().int().min(1, 'expected at least 1').max(50, 'expected at most 50').optional(),
  role: z.enum(Roles, { error: `expected one of ${Roles.join(', ')}` }).optional(),
  company: z.string().trim().min(1).max(100).optional(),
  values: z.string().max(500).optional(),
  pack: z
    .string()
    .regex(/^[a-z0-9-]+$/, 'expected a pack id such as customer-service')
    .optional(),
  seed: z.coerce.number().int().optional(),
  focus: z.literal('weakest', { error: 'expected "weakest"' }).optional(),
  'no-intro': z.boolean().optional(),
  user: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .regex(/^[^:\s]+$/, 'expected a name without spaces or colons')
    .optional(),
  help: z.boolean().optional(),
});

function osUser(): string {
  try {
    return userInfo().username.replace(/[:\s]/g, '_') || 'me';
  } catch {
    return 'me';
  }
}

/** Parses the command line; each bad option is one line naming it. */
export function parsePracticeArgs(argv: readonly string[]): Parsed<PracticeArgs> {
  let raw: ReturnType<typeof parseArgs>['values'];
  try {
    raw = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        questions: { type: 'string' },
        role: { type: 'string' },
        company: { type: 'string' },
        values: { type: 'string' },
        pack: { type: 'string' },
        seed: { type: 'string' },
        focus: { type: 'string' },
        'no-intro': { type: 'boolean' },
        user: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return { ok: false, errors: [error instanceof Error ? error.message : String(error)] };
  }
  const result = Args.safeParse(raw);
  if (!result.success)
    return { ok: false, errors: result.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`) };
  const a = result.data;
  const values = a.values
    ?.split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  const start: StartOptions = {
    ...(a.questions === undefined ? {} : { questions: a.questions }),
    ...(a.role === undefined ? {} : { role: a.role }),
    ...(a.company === undefined ? {} : { company: a.company }),
    ...(values === undefined || values.length === 0 ? {} : { companyValues: values }),
    ...(a.pack === undefined ? {} : { pack: a.pack }),
    ...(a.seed === undefined ? {} : { seed: a.seed }),
    ...(a.focus === undefined ? {} : { focus: a.focus }),
    ...(a['no-intro'] === true ? { skipIntro: true } : {}),
  };
  return { ok: true, value: { user: a.user ?? osUser(), start, help: a.help === true } };
}
