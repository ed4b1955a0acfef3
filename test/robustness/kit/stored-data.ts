import { join } from 'node:path';
import { createPerceptronDoc, isPerceptronDoc, perceptronKey } from '../../../src/bot/kit/state/documents.js';
import type { Row } from '../../../src/core/types.js';
import { STORE_KINDS } from '../../../src/document-stores.js';
import { createLowdbStore } from '../../../src/storage/index.js';

/** The perceptron store's files as the bot opens them (its rows in rows files). */
const perceptronFiles = (dataDir: string) => ({
  dir: join(dataDir, STORE_KINDS.perceptrons.name),
  validate: isPerceptronDoc,
  ...(STORE_KINDS.perceptrons.rowsField === undefined
    ? {}
    : { rowsField: STORE_KINDS.perceptrons.rowsField }),
});

/** Where the bot keeps one member's perceptron in one chat. */
export function perceptronFile(dataDir: string, chatId: number, userId: number): string {
  return join(dataDir, 'perceptrons', `${perceptronKey(chatId, userId)}.json`);
}

/** `count` rows of `inputs` random 0/1 inputs and a random 0/1 output. */
export function randomRows(random: () => number, count: number, inputs: number): Row[] {
  const bit = () => (random() < 0.5 ? 0 : 1);
  return Array.from({ length: count }, () => ({
    inputs: Array.from({ length: inputs }, bit),
    output: bit(),
  }));
}

/** Stores each user's rows as their perceptron in their private chat, the way the bot stores it. */
export async function storePerceptrons(
  dataDir: string,
  rowsByUser: ReadonlyMap<number, Row[]>,
): Promise<void> {
  const store = createLowdbStore(perceptronFiles(dataDir));
  for (const [userId, rows] of rowsByUser) {
    await store.update(perceptronKey(userId, userId), () => ({ ...createPerceptronDoc(), rows }));
  }
  await store.flush();
}

/** Opens the perceptron store as the bot does and reads every key asked, listing the keys it had to recover. */
export async function openPerceptrons(dataDir: string, keys: readonly string[]) {
  const recovered: string[] = [];
  const store = createLowdbStore({
    ...perceptronFiles(dataDir),
    onRecovered: ({ key }) => recovered.push(key),
  });
  const docs = new Map(await Promise.all(keys.map(async (key) => [key, await store.read(key)] as const)));
  return { docs, recovered };
}
