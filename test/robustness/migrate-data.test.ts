// `npm run migrate-data -- DATA_DIR` on a data folder the real bot made: every document ends up in
// PostgreSQL as it was, and the bot on DATABASE_URL carries on from it.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeBotApi } from '../../src/dev/fake-bot-api.js';
import { STORE_KINDS, type StoreKind } from '../../src/document-stores.js';
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import { openPostgresDatabase } from '../../src/storage/postgres/postgres-database.js';
import { createOwnTask, pollFor } from '../helpers/exercise-kit.js';
import { useRestartingBots } from '../helpers/restarting-bots.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { textsFor } from '../helpers/texts.js';
import { makeTempDir } from './kit/temp.js';

const MIGRATE = fileURLToPath(new URL('../../dist/migrate-data/main.js', import.meta.url));
const en = textsFor('en');
const bots = useRestartingBots();
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

/** The same teacher, students and group, as each new fake sees them. */
function people(api: FakeBotApi) {
  const group = api.group(-7070, 'Morning class', 'supergroup');
  const teacher = api.user(7000, { first_name: 'Teacher', language_code: 'en' });
  const ann = api.user(7001, { first_name: 'Ann', language_code: 'en' });
  const boris = api.user(7002, { first_name: 'Boris', language_code: 'ru' });
  api.setChatMember(group.id, teacher, 'administrator');
  return {
    group,
    teacher: { user: teacher, chat: api.privateChat(teacher) },
    ann: { user: ann, chat: api.privateChat(ann) },
    boris: { user: boris, chat: api.privateChat(boris) },
  };
}

async function startBot(dataDir: string, env: Record<string, string> = {}) {
  let known: ReturnType<typeof people> | undefined;
  const bot = await bots.start(dataDir, { env, beforeStart: (api) => (known = people(api)) });
  return { bot, people: known as ReturnType<typeof people> };
}

/** Members with rows, a trained perceptron, a share link, a language, an exercise with a submission, a task. */
async function makeDataFolder(dataDir: string): Promise<string> {
  const { bot, people: p } = await startBot(dataDir);
  const trained = (text: string) => text.includes(en('train.outputs'));
  await bot.say(p.ann.user, p.ann.chat, '/example and');
  await bot.edited(await bot.say(p.ann.user, p.ann.chat, '/train 200'), trained);
  expect((await bot.say(p.ann.user, p.ann.chat, '/share')).text).toContain('https://t.me/');
  await bot.say(p.boris.user, p.boris.chat, '/lang en');
  await bot.say(p.boris.user, p.boris.chat, '0.1 -2.5e-7 1e-300 -> 1\n0.30000000000000004 7 8 -> 0');
  await createOwnTask(bot, p.teacher, {
    title: 'Majority',
    statement: 'Two of three.',
    rows: '1 1 0 -> 1\n0 0 1 -> 0',
  });
  await bot.say(p.teacher.user, p.group, '/exercise and 10m');
  await bot.say(p.ann.user, p.group, '/example and');
  await bot.edited(await bot.say(p.ann.user, p.group, '/train'), trained);
  expect((await bot.say(p.ann.user, p.group, '/submit')).text).toMatch(/^📨/);
  const table = (await bot.say(p.ann.user, p.ann.chat, '/data')).text ?? '';
  await bot.settle();
  await bots.stop(bot);
  return table;
}

async function migrate(dataDir: string) {
  const cwd = await makeTempDir();
  const env = { PATH: process.env.PATH ?? '', DATABASE_URL: database.url, LOG_LEVEL: 'warn' };
  return promisify(execFile)(process.execPath, [MIGRATE, dataDir], { cwd, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** Every document of every store, by store and key. */
async function everyDocument(
  open: (kind: StoreKind<unknown>) => {
    keys(p: string): Promise<string[]>;
    read(k: string): Promise<unknown>;
  },
) {
  const all: Record<string, Record<string, unknown>> = {};
  for (const kind of Object.values(STORE_KINDS) as StoreKind<unknown>[]) {
    const store = open(kind);
    const docs: Record<string, unknown> = {};
    for (const key of (await store.keys('')).sort()) docs[key] = await store.read(key);
    all[kind.name] = docs;
  }
  return all;
}

describe('npm run migrate-data -- DATA_DIR', () => {
  it('moves every document of a data folder into PostgreSQL, equal, and the bot carries on from there', async () => {
    const dataDir = bots.folder();
    const tableBefore = await makeDataFolder(dataDir);
    const run = await migrate(dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('perceptrons: 3 moved, 0 already there');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Every document of .* is in postgres:\/\/.*\.$/);

    const inFiles = await everyDocument((kind) =>
      createLowdbStore({
        dir: join(dataDir, kind.name),
        validate: kind.validate,
        ...(kind.rowsField === undefined ? {} : { rowsField: kind.rowsField }),
      }),
    );
    const instance = openPostgresDatabase({ url: database.url, logger: console });
    try {
      const inDatabase = await everyDocument((kind) => instance.store(kind.name, kind.validate));
      expect(inDatabase).toStrictEqual(inFiles);
      const stored = Object.entries(inDatabase).filter(([, docs]) => Object.keys(docs).length > 0);
      expect(stored.map(([name]) => name).sort()).toEqual(
        [
          'exercise-entries',
          'exercise-groups',
          'exercise-tasks',
          'exercise-users',
          'perceptrons',
          'profiles',
          'shares',
          'trainings',
        ].sort(),
      );
    } finally {
      await instance.close();
    }

    const again = await migrate(dataDir);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('perceptrons: 0 moved, 3 already there');

    const { bot, people: p } = await startBot(bots.folder(), { DATABASE_URL: database.url });
    expect((await bot.say(p.ann.user, p.ann.chat, '/data')).text).toBe(tableBefore);
    await bot.say(p.boris.user, p.boris.chat, '1 1 1 -> 1');
    await pollFor(
      () => (bot.sentTexts().some((t) => t.includes('Rows now: 3')) ? true : undefined),
      'the third row',
    );
    await bots.stop(bot);

    const afterBot = await migrate(dataDir);
    expect(afterBot.code).toBe(1);
    expect(afterBot.stdout).toContain(
      'perceptrons/chat-7002-user-7002: PostgreSQL already holds another version of it, which was kept',
    );
    expect(afterBot.stderr.trim()).toMatch(/^1 document\(s\) differ between .* the database's were kept\.$/);
  });

  it('says in one sentence what to name when the folder is missing', async () => {
    const run = await migrate('/nowhere/data');
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "/nowhere/data is not a folder: name the bot's DATA_DIR, as in npm run migrate-data -- ./data\n",
    );
  });
});
