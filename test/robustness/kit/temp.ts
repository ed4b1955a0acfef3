import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { NumpyRandom } from '../../../src/core/numpy-random.js';
import { type FakeBotApi, startFakeBotApi } from '../../../src/dev/fake-bot-api.js';
import type { FakeBotApiOptions } from '../../../src/dev/fake-bot-types.js';

/** A fresh folder under the system temp folder, removed when the test ends. */
export async function makeTempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'perceptron-robustness-'));
  onTestFinished(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A fake Bot API on 127.0.0.1, closed when the test ends. */
export async function startFake(options: FakeBotApiOptions = {}): Promise<FakeBotApi> {
  const api = await startFakeBotApi(options);
  onTestFinished(() => api.close());
  return api;
}

/** The project's own seeded generator (numpy's MT19937), so every run sends the same data. */
export function createRandom(seed: number): () => number {
  const generator = new NumpyRandom(seed);
  return () => generator.random();
}
