export { StoreFailure } from './attempt.js';
export { DEFAULT_LEASE_MS, DEFAULT_OP_TIMEOUT_MS, openStore, type StoreOptions } from './store.js';
export type {
  Change,
  ClaimState,
  Codec,
  Collection,
  CollectionName,
  Loaded,
  QuarantineEntry,
  Store,
  StoreError,
  StoreErrorCode,
  StoreObserver,
  StoreResult,
} from './types.js';
export { DEFAULT_STORE_URL, parseStoreUrl, redactUrl } from './url.js';
