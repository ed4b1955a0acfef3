import { type DocumentContent, readDocument } from '../files/read-document.js';
import type { DocumentTask } from './document-task.js';

/** Piscina worker task: reads one document's bytes into rows or a perceptron. */
export default function runDocumentTask(task: DocumentTask): DocumentContent {
  return readDocument(task.bytes, task.target, task.limits, task.fileName);
}
