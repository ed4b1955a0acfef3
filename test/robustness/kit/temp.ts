import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
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

/** A small seeded generator (mulberry32), so every run sends the same data. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t ^= t + Math.imul(t ^ (t >>> 7), 61 | t);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
