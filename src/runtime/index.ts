export { type App, openApp } from './boot.js';
export { buildLibrary, DEFAULT_PACK, loadLibrary } from './library.js';
export { createLogger } from './logger.js';
export { createRateLimiter, type RateLimiter } from './rate-limit.js';
export { createRuntime, profileKey, type Runtime, type RuntimeOptions, SEEN_EVENTS } from './runtime.js';
export type * from './types.js';
