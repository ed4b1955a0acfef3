export { createLowdbStore } from './lowdb-store.js';
export { formatChatKeyPrefix, formatChatUserKey, formatUserKey } from './store-keys.js';
export type {
  CorruptionReason,
  DocumentStore,
  LowdbStoreOptions,
  RecoveryEvent,
  StoreLogger,
} from './store-types.js';
