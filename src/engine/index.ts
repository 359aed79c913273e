export { ANSWER_LIMIT, MAX_FOLLOW_UPS } from './answer.js';
export { DEFAULT_QUESTIONS, parseCompanyLine } from './begin.js';
export { DEFAULT_QUESTIONS_PER_PERSON, DEFAULT_TURN_TIMEOUT_MS } from './panel/lobby.js';
export { PanelSessionSchema } from './panel/schema.js';
export { nextDeadline, stepPanel } from './panel/step.js';
export { panelHistory } from './panel/summary.js';
export * from './panel/types.js';
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
export { SESSION_MIGRATIONS, SESSION_VERSION, SessionSchema, writeSession } from './schema.js';
export { step } from './step.js';
export type * from './types.js';
export { CommandNames } from './types.js';
