export { createLowdbStore } from './lowdb-store.js';
export { viewOf } from './rows-view.js';
export { formatChatKeyPrefix, formatChatUserKey, formatUserKey } from './store-keys.js';
export type {
  CorruptionReason,
  DocumentHead,
  DocumentStore,
  LowdbStoreOptions,
  RecoveryEvent,
  RowOf,
  RowsAppend,
  RowsView,
  StoreLogger,
} from './store-types.js';
