import { describe, expect, it } from 'vitest';
import type { FakeBotApi } from '../../src/dev/fake-bot-api.js';
import { parseResultsCsv } from '../helpers/csv.js';
import { createOwnTask, documentsIn, linkPayload, pollFor } from '../helpers/exercise-kit.js';
import { useRestartingBots } from '../helpers/restarting-bots.js';
import type { TestBot } from '../helpers/test-bot.js';
import { textsFor } from '../helpers/texts.js';

const en = textsFor('en');
const bots = useRestartingBots();
const { stop } = bots;

/** A new fake and app on the folder, knowing the class's chats as Telegram would. */
async function start(dataDir: string): Promise<{ bot: TestBot; people: ReturnType<typeof people> }> {
  let known: ReturnType<typeof people> | undefined;
  const bot = await bots.start(dataDir, {
    beforeStart: (api) => {
      known = people(api);
    },
  });
  return { bot, people: known as ReturnType<typeof people> };
}

/** The same teacher, students and group, as each new fake sees them. */
function people(api: FakeBotApi) {
  const group = api.group(-6060, 'Evening class', 'supergroup');
  const teacher = api.user(6000, { first_name: 'Teacher', language_code: 'en' });
  const ann = api.user(6001, { first_name: 'Ann', language_code: 'en' });
  const boris = api.user(6002, { first_name: 'Boris', language_code: 'ru' });
  api.setChatMember(group.id, teacher, 'administrator');
  return {
    group,
    teacher: { user: teacher, chat: api.privateChat(teacher) },
    ann: { user: ann, chat: api.privateChat(ann) },
    boris: { user: boris, chat: api.privateChat(boris) },
  };
}

const trained = (text: string) => text.includes(en('train.outputs'));

/** A first run in which the teacher sets the `and` exercise for `time`, and Ann loads its example and trains. */
async function startWithAnnTrained(dataDir: string, time: string) {
  const first = await start(dataDir);
  const { group, teacher, ann } = first.people;
  await first.bot.say(teacher.user, group, `/exercise and ${time}`);
  await first.bot.say(ann.user, group, '/example and');
  await first.bot.edited(await first.bot.say(ann.user, group, '/train'), trained);
  return first;
}

describe('an exercise across a restart', () => {
  it('ends at start when its deadline passed while the bot was down, and the teacher gets the file', async () => {
    const dataDir = bots.folder();
    const first = await startWithAnnTrained(dataDir, '2s');
    const { group, ann } = first.people;
    expect((await first.bot.say(ann.user, group, '/submit')).text).toMatch(/^📨 100%/);
    await stop(first.bot);
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    const second = await start(dataDir);
    const again = second.people;
    const notice = await pollFor(
      () => second.bot.api.messages(again.group.id).find((m) => m.text?.startsWith('📄')),
      'the results notice after the restart',
    );
    expect(notice.text).toBe(en('exercise.end.csvSent', { name: 'Teacher' }));
    const [csv] = documentsIn(second.bot, again.teacher.user.id);
    const lines = parseResultsCsv(csv ?? '');
    expect(lines.slice(1).map((l) => [l[1], l[2], l[5]])).toEqual([['6001', 'Ann', '100']]);
    expect((await second.bot.say(again.ann.user, again.group, '/submit')).text).toBe(
      en('exercise.submit.noExercise'),
    );
  });

  it('answers a /submit applied before a crash and delivered again, counting it once', async () => {
    const dataDir = bots.folder();
    const first = await startWithAnnTrained(dataDir, '90s');
    const { group, ann } = first.people;
    const submit = (api: FakeBotApi, chat: typeof group) =>
      api.sendUpdate({
        update_id: 777_000,
        message: {
          message_id: 9_000,
          date: Math.floor(Date.now() / 1000),
          chat,
          from: ann.user,
          text: '/submit',
          entities: [{ type: 'bot_command', offset: 0, length: 7 }],
        },
      });
    // The message is not in a new fake's chat: the answer goes without quoting it.
    const answerIn = (api: FakeBotApi, chatId: number) =>
      pollFor(() => api.messages(chatId).find((m) => m.text?.startsWith('📨')), 'the answer to /submit');
    submit(first.bot.api, group);
    const answered = await answerIn(first.bot.api, group.id);
    expect(answered.text).toMatch(/^📨 100%/);
    await stop(first.bot);

    // Telegram delivers it again (its 200 never came): stored once, and answered again.
    const second = await start(dataDir);
    submit(second.bot.api, second.people.group);
    const again = await answerIn(second.bot.api, second.people.group.id);
    expect(again.text).toBe(answered.text);
  });

  it('goes on after a restart before its deadline: submissions, the private task and its perceptron kept', async () => {
    const dataDir = bots.folder();
    const first = await start(dataDir);
    const { group, teacher, ann, boris } = first.people;
    const code = await createOwnTask(first.bot, teacher, {
      title: 'Copy',
      statement: 'Copy the first input.',
      rows: '1 0 1 -> 1\n0 1 1 -> 0\n1 1 1 -> 1\n0 0 1 -> 0',
    });
    const announcement = await first.bot.say(teacher.user, group, `/exercise ${code} 4s`);
    const startedAt = Date.now();
    await first.bot.say(ann.user, group, '/example lesson');
    await first.bot.edited(await first.bot.say(ann.user, group, '/train'), trained);
    await first.bot.say(ann.user, group, '/submit');
    await first.bot.say(boris.user, boris.chat, `/start ${linkPayload(first.bot, announcement)}`);
    await first.bot.say(boris.user, boris.chat, '/example lesson');
    await first.bot.edited(await first.bot.say(boris.user, boris.chat, '/train 500'), (text) =>
      text.includes(textsFor('ru')('train.outputs')),
    );
    await stop(first.bot);

    const second = await start(dataDir);
    const again = second.people;
    const ru = textsFor('ru');
    const submitted = await second.bot.say(again.boris.user, again.boris.chat, '/submit');
    expect(submitted.text).toContain(ru('exercise.submit.left', { count: 9 }));
    // Both at 100% on four rows; Boris trained fewer epochs.
    expect(submitted.text).toContain('место 1 из 2');
    expect((await second.bot.say(again.teacher.user, again.teacher.chat, '/myexercises')).text).toContain(
      code,
    );
    const notice = await pollFor(
      () => second.bot.api.messages(again.group.id).find((m) => m.text?.startsWith('📄')),
      'the results notice at the deadline',
      10_000,
    );
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(4_000);
    expect(notice.text).toBe(en('exercise.end.csvSent', { name: 'Teacher' }));
    const lines = parseResultsCsv(documentsIn(second.bot, again.teacher.user.id)[0] ?? '');
    expect(lines.slice(1).map((l) => [l[1], l[8]])).toEqual([
      ['6002', '500'],
      ['6001', '20000'],
    ]);
  });
});
