import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type TrainingMethod } from '../../src/core/types.js';
import type { FakeBotApi } from '../../src/dev/fake-bot-api.js';
import { useRestartingBots } from '../helpers/restarting-bots.js';
import { textsFor } from '../helpers/texts.js';

const en = textsFor('en');
const { folder, start, stop } = useRestartingBots();

function member(api: FakeBotApi) {
  const user = api.user(5151, { language_code: 'en' });
  return { user, chat: api.privateChat(user) };
}

const isResult = (text: string) => text.includes(en('train.outputs'));
const shownWeights = (text: string) =>
  [...(/<pre>(w1[^<]*)<\/pre>/.exec(text)?.[1] ?? '').matchAll(/-?\d+\.\d{5}/g)].map((m) => m[0]);

/** Every stored file's text under the data folder. */
function storedTexts(folder: string): string {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

describe.each<TrainingMethod>(['rprop', 'genetic'])('a restart in the middle of a %s run', (method) => {
  it('keeps the method state on disk: 30 epochs, a restart, 20 more give the weights of 50', async () => {
    const dataDir = folder();
    const before = await start(dataDir);
    const first = member(before.api);
    await before.say(first.user, first.chat, '/example smileys');
    await before.say(first.user, first.chat, `/set method ${method}`);
    await before.edited(await before.say(first.user, first.chat, '/train 30'), isResult, 30_000);
    await stop(before);
    expect(storedTexts(dataDir)).toContain(`"method":"${method}"`);

    const after = await start(dataDir);
    const again = member(after.api);
    const more = await after.edited(await after.say(again.user, again.chat, '/train 20'), isResult, 30_000);
    expect(more.text).toContain(
      en('train.done', { epochsRun: en('units.epochs', { count: 20, n: '20' }), total: '50' }),
    );
    const rows = findExample('smileys')?.rows ?? [];
    const whole = trainModel(createModel({ ...DEFAULT_SETTINGS, method }, 6), rows, { epochs: 50 });
    expect(shownWeights(more.text ?? '')).toEqual(whole.model.weights.map((w) => w.toFixed(5)));
  });
});
