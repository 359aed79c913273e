export { ANSWER_LIMIT, MAX_FOLLOW_UPS } from './answer.js';
export { DEFAULT_QUESTIONS } from './begin.js';
export {
  type ConceptTrend,
  conceptTrend,
  fold,
  HISTORY_LIMIT,
  type HistoryEntry,
  PROFILE_VERSION,
  type Profile,
  ProfileSchema,
  summarise,
  weakestConcepts,
} from './profile.js';
export { hashSeed, seededRandom } from './random.js';
export { SESSION_VERSION, SessionSchema } from './schema.js';
export { step } from './step.js';
export type * from './types.js';
