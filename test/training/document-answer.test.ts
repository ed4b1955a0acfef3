import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Row } from '../../src/core/types.js';
import type { DocumentContent } from '../../src/files/read-document.js';
import { encodeSettled, settleDocument } from '../../src/storage/settle-document.js';
import { packDocumentContent, unpackDocumentAnswer } from '../../src/training/document-answer.js';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true });
const rowsOfWidth = (width: number) =>
  fc.array(fc.record({ inputs: fc.array(finite, { minLength: width, maxLength: width }), output: finite }), {
    maxLength: 400,
  });
const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('document answers from the worker', () => {
  it('carry any table of rows as texts and give back the same rows, a piece between pauses', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(6).chain(rowsOfWidth),
        fc.option(fc.record({ inputs: fc.array(fc.string()), output: fc.string() }), { nil: undefined }),
        async (rows, columns) => {
          const content: DocumentContent = {
            kind: 'rows',
            rows,
            encoding: 'windows-1251',
            ...(columns ? { columns } : {}),
          };
          let pauses = 0;
          // What a worker's answer goes through on its way back.
          const answer = structuredClone(packDocumentContent(content));
          const unpacked = await unpackDocumentAnswer(answer, async () => {
            pauses += 1;
          });
          expect(unpacked).toEqual({ ...content, rows: roundTrip(rows) });
          expect(pauses).toBe(Math.max(0, Math.ceil(rows.length / 128) - 1));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('hand over rows that a document stores as they are, and encodes as JSON does, whole or cut', async () => {
    await fc.assert(
      fc.asyncProperty(rowsOfWidth(3), rowsOfWidth(3), fc.nat(800), async (before, file, cut) => {
        const stored = settleDocument({ version: 1, rows: before });
        encodeSettled(stored);
        const content = packDocumentContent({ kind: 'rows', rows: file, encoding: 'utf-8' });
        const unpacked = await unpackDocumentAnswer(content, async () => {});
        const added = unpacked.kind === 'rows' ? unpacked.rows : [];
        const next = settleDocument({ ...stored, rows: [...stored.rows, ...added] });
        expect(next.rows.slice(before.length).every((row, i) => row === added[i])).toBe(true);
        const expected = { version: 1, rows: roundTrip([...before, ...file]) };
        expect(encodeSettled(next)).toBe(JSON.stringify(expected));
        // Rows taken off the end, as /undo does: the text is cut where a row ends.
        const shorter = settleDocument({ ...next, rows: next.rows.slice(0, cut) as Row[] });
        expect(encodeSettled(shorter)).toBe(
          JSON.stringify({ ...expected, rows: expected.rows.slice(0, cut) }),
        );
      }),
      { numRuns: 60 },
    );
  });

  it('pass anything else through as it is', async () => {
    const errors: DocumentContent = { kind: 'row-errors', errors: [] };
    expect(await unpackDocumentAnswer(packDocumentContent(errors), async () => {})).toBe(errors);
  });
});
