import type { Pack, Question, QuestionKind } from '../packs/schema.js';
import { seededRandom, shuffled } from './random.js';
import type { Settings } from './types.js';

/** Kinds in the order an interviewer mixes them: open with a definition, then stories and scenarios. */
const kindPattern: readonly QuestionKind[] = ['definition', 'behavioral', 'situational', 'behavioral', 'situational'];

/** Questions for the role, or every question when too few are tagged for it. */
function pool(pack: Pack, settings: Settings): readonly Question[] {
  const { role } = settings;
  if (role === undefined) return pack.questions;
  const forRole = pack.questions.filter((q) => q.roles.includes(role));
  return forRole.length >= settings.questions ? forRole : pack.questions;
}

/** Picks the interview's questions: seeded, kinds mixed; with weak concepts, the questions that drill them most. */
export function selectQuestions(pack: Pack, settings: Settings): readonly string[] {
  const weakConcepts = settings.drill ?? [];
  const random = seededRandom(settings.seed);
  const candidates = shuffled(pool(pack, settings), random);
  const count = Math.min(settings.questions, candidates.length);
  if (weakConcepts.length > 0) return drill(candidates, weakConcepts, count);
  const byKind = new Map<QuestionKind, Question[]>();
  for (const question of candidates) byKind.set(question.kind, [...(byKind.get(question.kind) ?? []), question]);
  const chosen: string[] = [];
  for (let i = 0; chosen.length < count; i++) {
    const kind = kindPattern[i % kindPattern.length] as QuestionKind;
    const next = byKind.get(kind)?.shift() ?? [...byKind.values()].find((list) => list.length > 0)?.shift();
    if (next === undefined) break;
    chosen.push(next.id);
  }
  return chosen;
}

/** Ranks questions by how much of the weakest concepts they exercise (weakest weighs most). */
function drill(candidates: readonly Question[], weakConcepts: readonly string[], count: number): readonly string[] {
  const weight = new Map(weakConcepts.map((id, rank) => [id, weakConcepts.length - rank]));
  const scored = candidates.map((question, order) => ({
    question,
    order,
    score: question.concepts.reduce((sum, id) => sum + (weight.get(id) ?? 0), 0),
  }));
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, count).map((entry) => entry.question.id);
}
