import type { Row } from '../core/types.js';
import type { DocumentContent } from '../files/read-document.js';
import { settleArrayText } from '../storage/settle-document.js';

type RowsContent = Extract<DocumentContent, { kind: 'rows' }>;

/** Rows per piece of text: parsing one takes about a third of a millisecond for 32 inputs. */
const ROWS_PER_TEXT = 128;

/**
 * What the document worker answers. A table's rows travel as JSON texts of up to 128 rows each, made in
 * the worker: cloned as objects, 1,000 rows of 32 decimals would be rebuilt on the event loop as 32,000
 * boxed numbers, and encoding them for the store is the costliest part of storing them.
 */
export type DocumentAnswer =
  | Exclude<DocumentContent, RowsContent>
  | (Omit<RowsContent, 'rows'> & { rowTexts: string[] });

export function packDocumentContent(content: DocumentContent): DocumentAnswer {
  if (content.kind !== 'rows') return content;
  const { rows, ...rest } = content;
  const rowTexts: string[] = [];
  for (let at = 0; at < rows.length; at += ROWS_PER_TEXT) {
    rowTexts.push(JSON.stringify(rows.slice(at, at + ROWS_PER_TEXT)));
  }
  return { ...rest, rowTexts };
}

/**
 * The content again, its rows parsed a piece at a time with `pause` between pieces. The rows come out
 * settled (frozen, with their texts remembered), ready to be stored without being encoded again.
 */
export async function unpackDocumentAnswer(
  answer: DocumentAnswer,
  pause: () => Promise<void>,
): Promise<DocumentContent> {
  if (!('rowTexts' in answer)) return answer;
  const { rowTexts, ...rest } = answer;
  const rows: Row[] = [];
  for (const [i, text] of rowTexts.entries()) {
    if (i > 0) await pause();
    for (const row of settleArrayText(text)) rows.push(row as Row);
  }
  return { ...rest, rows };
}
