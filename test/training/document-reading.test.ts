import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../src/files/read-document.js';
import { createExecutor, INLINE_DOCUMENT_BYTES } from '../../src/training/choose-executor.js';
import type { ClosableExecutor } from '../../src/training/pool-executor.js';
import { randomRows, toCsv } from '../helpers/files.js';

const limits = { maxRows: 1000, maxInputs: 32, maxEpochs: 100_000, maxLearningRate: 100, maxPopulation: 200 };
const target = { existingRows: 0 };

describe('documents read by the executor', () => {
  let executor: ClosableExecutor;
  beforeAll(() => {
    executor = createExecutor({ threads: 1 });
  });
  afterAll(() => executor.close());

  it('a 1,000 x 32 CSV is read on a worker, to the same content as read inline', async () => {
    const bytes = new Uint8Array(
      Buffer.from(toCsv(randomRows(1000, 32, 1), { separator: ';', decimalComma: true })),
    );
    expect(bytes.length).toBeGreaterThan(INLINE_DOCUMENT_BYTES);
    const order: string[] = [];
    const read = executor.readDocument({ bytes, target, limits }).then((content) => {
      order.push('document');
      return content;
    });
    await new Promise<void>((resolve) => setImmediate(() => resolve(void order.push('turn'))));
    expect(await read).toEqual(readDocument(bytes, target, limits));
    expect(order).toEqual(['turn', 'document']);
  });

  it('a small one is read on this thread, before the event loop turns', async () => {
    const bytes = new Uint8Array(Buffer.from('a,b,y\n0,1,1\n'));
    const order: string[] = [];
    const read = executor.readDocument({ bytes, target, limits }).then((content) => {
      order.push('document');
      return content;
    });
    await new Promise<void>((resolve) => setImmediate(() => resolve(void order.push('turn'))));
    expect(order).toEqual(['document', 'turn']);
    expect(await read).toEqual({
      kind: 'rows',
      rows: [{ inputs: [0, 1], output: 1 }],
      columns: { inputs: ['a', 'b'], output: 'y' },
      encoding: 'utf-8',
    });
  });
});
