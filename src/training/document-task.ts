import type { DocumentContent, DocumentLimits, DocumentTarget } from '../files/read-document.js';

/** One document to read: its bytes, the dataset it is added to, the limits, and its name if it has one. */
export interface DocumentTask {
  bytes: Uint8Array;
  target: DocumentTarget;
  limits: DocumentLimits;
  fileName?: string;
}

/** Reads documents off the event loop (reading 1,000 x 32 rows takes 10 to 40 ms of one core). */
export type DocumentReader = (task: DocumentTask) => Promise<DocumentContent>;
