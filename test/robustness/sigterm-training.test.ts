import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeBotApi } from '../../src/dev/fake-bot-api.js';
import { startBot, stopBot } from './kit/bot-process.js';
import { randomRows, storePerceptrons } from './kit/stored-data.js';
import { createRandom, makeTempDir, startFake } from './kit/temp.js';

const MEMBERS = [61, 62, 63, 64];
/**
 * 100 rows x 32 inputs x 312,500 epochs: the largest training MAX_TRAINING_COST can allow, with few rows
 * so that almost all of a job's time is epochs (where a stop lands) rather than the evaluation after them.
 */
const EPOCHS = 312_500;
const LIMITS = { MAX_TRAINING_COST: '1000000000', MAX_EPOCHS: '1000000', TRAINING_WORKERS: '1' };

/** The epochs the member's /weights says the weights were trained for. */
async function readEpochsTrained(api: FakeBotApi, id: number): Promise<number> {
  const user = api.user(id, { language_code: 'en' });
  api.sendText(api.privateChat(user), user, '/weights');
  const answer = await api.waitForMessage(id, (m) => m.text?.startsWith('<b>Weights</b>') ?? false, 10_000);
  const epochs = /trained ([\d,]+) epoch/.exec(answer.text ?? '')?.[1];
  if (epochs === undefined) throw new Error(`no epoch count in ${JSON.stringify(answer.text)}`);
  return Number(epochs.replaceAll(',', ''));
}

describe('SIGTERM while members are training', () => {
  it('tells them the bot is restarting, saves the weights reached, and exits 0', async () => {
    const api = await startFake();
    const cwd = await makeTempDir();
    const dataDir = join(cwd, 'data');
    const rows = randomRows(createRandom(3), 100, 32);
    await storePerceptrons(dataDir, new Map(MEMBERS.map((id) => [id, rows])));
    const bot = await startBot(api, dataDir, cwd, LIMITS);
    for (const id of MEMBERS) {
      const user = api.user(id, { language_code: 'en' });
      api.sendText(api.privateChat(user), user, `/train ${EPOCHS}`);
    }
    // One worker trains one member at a time: when the first result is in, the next training is under way.
    const finished = (text: string | undefined) => /^(✅ Trained|⏹)/u.test(text ?? '');
    await Promise.race(MEMBERS.map((id) => api.waitForMessage(id, (m) => finished(m.text), 30_000)));
    const exit = await stopBot(bot);

    expect(exit).toEqual({ code: 0, signal: null });
    // A finished training is followed by its picture: the last text is the result.
    const lastText = (id: number) => api.messages(id).findLast((m) => m.text !== undefined)?.text ?? '';
    const stopped = MEMBERS.filter((id) => lastText(id).includes('The bot is restarting'));
    expect(MEMBERS.map(lastText).filter((text) => !finished(text))).toEqual([]);
    const headlines = MEMBERS.map((id) => lastText(id).split('\n')[0]);
    expect(headlines).toContainEqual(expect.stringContaining('The bot is restarting'));

    const again = await startBot(api, dataDir, cwd, LIMITS);
    const trained = new Map<number, number>();
    for (const id of stopped) trained.set(id, await readEpochsTrained(api, id));
    expect(await stopBot(again)).toMatchObject({ code: 0 });
    for (const epochs of trained.values()) expect(epochs).toBeLessThan(EPOCHS);
    expect(Math.max(...trained.values())).toBeGreaterThan(0);
  }, 60_000);
});
