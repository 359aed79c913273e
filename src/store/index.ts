export { StoreFailure } from './attempt.js';
export { createRateLimiter, type RateLimiter } from './rate-limit.js';
export { DEFAULT_LEASE_MS, DEFAULT_OP_TIMEOUT_MS, openStore, type StoreOptions } from './store.js';
export type {
  Change,
  Claim,
  ClaimOptions,
  ClaimState,
  Codec,
  Collection,
  CollectionName,
  Held,
  Loaded,
  NoteRecord,
  QuarantineEntry,
  RateCheck,
  Store,
  StoreError,
  StoreErrorCode,
  StoreObserver,
  StoreResult,
} from './types.js';
export { DEFAULT_STORE_URL, parseStoreUrl, redactUrl } from './url.js';
