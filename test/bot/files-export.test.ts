import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import type { FakeMessage } from '../../src/dev/fake-bot-api.js';
import type { LocaleKey } from '../../src/i18n/locale-keys.js';
import { trainUntilResult } from '../helpers/datasets.js';
import { randomRows, sendFile, toCsv } from '../helpers/files.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.stop());

/** /export's two documents: the CSV and the JSON. */
async function exportFiles({ user, chat }: Member): Promise<{ csv: FakeMessage; json: FakeMessage }> {
  const csv = await bot.say(user, chat, '/export');
  const json = await bot.next(chat);
  return { csv, json };
}

const trainAndWait = (member: Member, command: string) => trainUntilResult(bot, member, command);

const say = async (member: Member, text: string) => (await bot.say(member.user, member.chat, text)).text;

describe('/export', () => {
  it('sends <name>.csv with a header and <name>.json with the whole perceptron', async () => {
    const member = bot.member('en');
    await say(member, '/example lesson');
    const { csv, json } = await exportFiles(member);
    expect(csv.document?.file_name).toBe(`perceptron-${member.user.id}.csv`);
    expect(bot.api.fileBytes(csv).toString()).toBe(
      'x1,x2,x3,y\r\n0,0,1,0\r\n1,1,1,1\r\n1,0,1,1\r\n0,1,1,0\r\n',
    );
    expect(json.document?.file_name).toBe(`perceptron-${member.user.id}.json`);
    expect(json.caption).toBe(member.t('files.exported'));
    const file = JSON.parse(bot.api.fileBytes(json).toString());
    expect(file).toMatchObject({
      format: 'perceptron-bot',
      version: 1,
      settings: { seed: 1, epochs: 20000 },
    });
    expect(file.rows).toHaveLength(4);
  });

  it('with nothing to export says so', async () => {
    const member = bot.member('ru');
    expect(await say(member, '/export')).toBe(member.t('files.exportNothing'));
  });
});

describe('export, then import into another member', () => {
  it('gives identical predictions and weights to the last digit, and training continues alike', async () => {
    const alice = bot.member('en');
    const boris = bot.member('en');
    await sendFile(bot, alice.user, alice.chat, {
      file_name: 'wide.csv',
      bytes: toCsv(randomRows(60, 8, 11), {
        separator: ';',
        header: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'out'],
      }),
    });
    await say(alice, '/set lr 0.3');
    await say(alice, '/set seed 42');
    await trainAndWait(alice, '/train 700');
    const { json } = await exportFiles(alice);
    const restored = await sendFile(bot, boris.user, boris.chat, {
      file_name: 'alice.json',
      bytes: bot.api.fileBytes(json),
      mime_type: 'application/json',
    });
    expect(restored.text).toBe(
      boris.t('files.restored', { name: 'alice.json', rows: '60 rows', epochs: '700 epochs' }),
    );
    const stored = async ({ user, chat }: Member) =>
      (await bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id)))?.model;
    expect(await stored(boris)).toEqual(await stored(alice));
    const query = '/predict 0.1 -0.2 0.3 -0.4 0.5 -0.6 0.7 -0.8';
    expect(await say(boris, query)).toBe(await say(alice, query));
    expect(await say(boris, '/weights')).toBe(await say(alice, '/weights'));
    expect(await say(boris, '/weights')).toContain('w(a)');
    expect(await say(boris, '/settings')).toBe(await say(alice, '/settings'));
    expect(await say(boris, '/data')).toBe(await say(alice, '/data'));
    await trainAndWait(alice, '/train 300');
    await trainAndWait(boris, '/train 300');
    expect(await say(boris, query)).toBe(await say(alice, query));
    expect(await say(boris, '/weights')).toBe(await say(alice, '/weights'));
    expect(await stored(boris)).toEqual(await stored(alice));
  });

  it.each([
    ['rprop', ['/set method rprop']],
    ['the genetic algorithm', ['/set method genetic', '/set population 12', '/set target 0.01']],
  ])('with %s, the method and its memory come along: further training goes on alike', async (_, commands) => {
    const alice = bot.member('en');
    const boris = bot.member('en');
    await say(alice, '/example lesson');
    for (const command of commands) await say(alice, command);
    await trainAndWait(alice, '/train 30');
    const { json } = await exportFiles(alice);
    const file = JSON.parse(bot.api.fileBytes(json).toString());
    expect(file.model.methodState).toBeDefined();
    await sendFile(bot, boris.user, boris.chat, { file_name: 'a.json', bytes: bot.api.fileBytes(json) });
    expect(await say(boris, '/settings')).toBe(await say(alice, '/settings'));
    await trainAndWait(alice, '/train 20');
    await trainAndWait(boris, '/train 20');
    const stored = async ({ user, chat }: Member) =>
      (await bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id)))?.model;
    expect(await stored(boris)).toEqual(await stored(alice));
    expect(await say(boris, '/predict 1 1 0')).toBe(await say(alice, '/predict 1 1 0'));
  });

  it('over existing data asks first; Yes replaces, and a second press is stale', async () => {
    const alice = bot.member('en');
    const boris = bot.member('en');
    await say(alice, '/example and');
    await trainAndWait(alice, '/train 50');
    const { json } = await exportFiles(alice);
    await say(boris, '/example xor');
    const question = await sendFile(bot, boris.user, boris.chat, {
      file_name: 'and.json',
      bytes: bot.api.fileBytes(json),
    });
    expect(question.text).toBe(boris.t('files.confirmRestore', { name: 'and.json' }));
    expect(await bot.press(question, boris.t('buttons.yesReplace'), boris.user)).toBeUndefined();
    expect((await bot.next(boris.chat)).text).toContain('and.json');
    expect(await say(boris, '/predict 1 1 1')).toBe(await say(alice, '/predict 1 1 1'));
    expect(await bot.press(question, boris.t('buttons.yesReplace'), boris.user)).toBe(boris.t('press.stale'));
  });

  it('the CSV read back gives the same /data', async () => {
    const alice = bot.member('en');
    const boris = bot.member('en');
    await sendFile(bot, alice.user, alice.chat, {
      file_name: 'w.csv',
      bytes: 'температура,ветер,дождь\n0.5,-1e-7,1\n-0,3,0\n',
    });
    const { csv } = await exportFiles(alice);
    await sendFile(bot, boris.user, boris.chat, { file_name: 'w.csv', bytes: bot.api.fileBytes(csv) });
    expect(await say(boris, '/data')).toBe(await say(alice, '/data'));
  });
});

describe('a perceptron file that is wrong in one place is refused with one sentence', () => {
  const valid = () => ({
    format: 'perceptron-bot',
    version: 1,
    settings: { activation: 'sigmoid', bias: false, learningRate: 1, epochs: 20000, seed: 1 },
    model: {
      inputs: 2,
      weights: [0.5, -0.5],
      initialWeights: [0.1, 0.2],
      epochsTrained: 10,
      lossHistory: [{ epoch: 10, loss: 0.2 }],
    },
    rows: [
      { inputs: [0, 1], output: 1 },
      { inputs: [1, 0], output: 0 },
    ],
  });
  const cases: Array<
    [string, (file: ReturnType<typeof valid>) => unknown, LocaleKey, Record<string, unknown>]
  > = [
    ['another version', (f) => ({ ...f, version: 2 }), 'files.wrongVersion', { actual: 2, expected: 1 }],
    [
      'a weight that is a string',
      (f) => ({ ...f, model: { ...f.model, weights: [0.5, '1'] } }),
      'files.badValue',
      { field: 'model.weights[1]' },
    ],
    [
      'an output above 1',
      (f) => ({ ...f, rows: [{ inputs: [0, 1], output: 2 }] }),
      'files.badValue',
      { field: 'rows[0].output' },
    ],
    [
      'a negative seed',
      (f) => ({ ...f, settings: { ...f.settings, seed: -1 } }),
      'files.badValue',
      { field: 'settings.seed' },
    ],
    [
      'weights that do not fit the rows',
      (f) => ({ ...f, model: { ...f.model, weights: [1, 2, 3] } }),
      'files.badValue',
      { field: 'model.weights' },
    ],
    [
      'a bias without the bias setting',
      (f) => ({ ...f, model: { ...f.model, bias: 0.3 } }),
      'files.badValue',
      { field: 'model.bias' },
    ],
    [
      'ragged rows',
      (f) => ({ ...f, rows: [...f.rows, { inputs: [1], output: 0 }] }),
      'files.badValue',
      { field: 'rows[2].inputs' },
    ],
    [
      'too many rows',
      (f) => ({ ...f, rows: Array.from({ length: 1001 }, () => f.rows[0]) }),
      'files.tooManyRows',
      { actual: 1001, expected: 1000 },
    ],
    [
      'too many inputs',
      (f) => ({ ...f, model: undefined, rows: [{ inputs: new Array(33).fill(0), output: 0 }] }),
      'files.tooManyInputs',
      { actual: 33, expected: 32 },
    ],
  ];
  it.each(cases)('%s', async (_, change, key, vars) => {
    const member = bot.member('en');
    await say(member, '0 0 1 -> 0');
    const before = await say(member, '/data');
    const answer = await sendFile(bot, member.user, member.chat, {
      file_name: 'p.json',
      bytes: JSON.stringify(change(valid())),
    });
    expect(answer.text).toBe(member.t(key, { name: 'p.json', ...vars }));
    expect(await say(member, '/data')).toBe(before);
  });

  it('the unchanged file restores', async () => {
    const member = bot.member('en');
    const answer = await sendFile(bot, member.user, member.chat, {
      file_name: 'p.json',
      bytes: JSON.stringify(valid()),
    });
    expect(answer.text).toBe(
      member.t('files.restored', { name: 'p.json', rows: '2 rows', epochs: '10 epochs' }),
    );
  });
});

describe('a /data too long for a few messages', () => {
  it('comes as one CSV document with the title as caption, which reads back to the same rows', async () => {
    const member = bot.member('en');
    const rows = randomRows(1000, 32, 5);
    await sendFile(bot, member.user, member.chat, {
      file_name: 'big.csv',
      bytes: toCsv(rows, { separator: ',' }),
    });
    const sentBefore = bot.api.calls.filter((c) => c.method === 'sendMessage').length;
    const table = await bot.say(member.user, member.chat, '/data');
    expect(table.document?.file_name).toBe(`perceptron-${member.user.id}.csv`);
    expect(table.caption).toContain('1000 rows, 32 inputs');
    expect(table.caption).toContain(member.t('files.dataAsFile'));
    expect(bot.api.buttons(table).map((b) => b.text)).toEqual([member.t('buttons.train')]);
    await bot.settle();
    expect(bot.api.calls.filter((c) => c.method === 'sendMessage').length).toBe(sentBefore);
    const other = bot.member('en');
    await sendFile(bot, other.user, other.chat, { file_name: 'back.csv', bytes: bot.api.fileBytes(table) });
    const stored = await bot.app.deps.perceptrons.read(`chat-${other.chat.id}-user-${other.user.id}`);
    expect(stored?.rows).toEqual(rows);
  });

  it('stays in messages up to MAX_DATA_MESSAGES', async () => {
    const member = bot.member('en');
    await sendFile(bot, member.user, member.chat, {
      file_name: 'mid.csv',
      bytes: toCsv(randomRows(60, 32, 5), { separator: ',' }),
    });
    const first = await bot.say(member.user, member.chat, '/data');
    expect(first.text).toContain('60 rows, 32 inputs');
    expect(first.document).toBeUndefined();
  });
});
