// The bot with REDIS_URL, its trainings, comparisons and pictures run by a queue worker on the test's
// own Redis prefix, reads exactly as the bot without Redis; exercise deadlines fire once as delayed jobs.
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/config/logger.js';
import type { FakeBotApi, FakeMessage } from '../../src/dev/fake-bot-api.js';
import { createQueueWorker, type QueueWorker } from '../../src/queue/queue-worker.js';
import { createExecutor } from '../../src/training/choose-executor.js';
import { createPoolRenderer } from '../../src/training/picture-renderer.js';
import type { ClosableExecutor } from '../../src/training/pool-executor.js';
import { isTrainingResult, nextPicture } from '../helpers/datasets.js';
import { documentsIn, pollFor } from '../helpers/exercise-kit.js';
import { readSamples, sampleTotal } from '../helpers/prometheus-text.js';
import { useRestartingBots } from '../helpers/restarting-bots.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { createTestRedis, type TestRedis } from '../helpers/test-redis.js';
import { textsFor } from '../helpers/texts.js';

const en = textsFor('en');
let redis: TestRedis;
let executor: ClosableExecutor;
let worker: QueueWorker;
let plain: TestBot;
let queued: TestBot;
const queueEnv = () => ({ REDIS_URL: redis.url, REDIS_PREFIX: redis.prefix, QUEUE_HANDOVER_SECONDS: '1' });
/** The fake Bot API's token unless told otherwise. */
const FAKE_TOKEN = '7000000001:fake-token';
/**
 * The queue's prefix a bot derives from REDIS_PREFIX and its token: the worker must take jobs from the same
 * queue.
 */
const queuePrefix = (prefix: string, token = FAKE_TOKEN) =>
  parseConfig({ BOT_TOKEN: token, REDIS_URL: redis.url, REDIS_PREFIX: prefix }, { requireToken: true }).queue
    ?.prefix ?? '';

/** A queue worker of one thread on the shared executor, closed when the test ends. */
async function startQueueWorker(redisUrl: string, prefix: string): Promise<QueueWorker> {
  const started = createQueueWorker({
    redisUrl,
    prefix,
    stalledSeconds: 5,
    concurrency: 1,
    executor,
    pictures: createPoolRenderer(executor.pool),
    connectMs: 5000,
    logger: createLogger({ level: 'silent' }),
  });
  await started.ready();
  return started;
}

beforeAll(async () => {
  redis = await createTestRedis();
  executor = createExecutor({ threads: 1 });
  worker = await startQueueWorker(redis.url, queuePrefix(redis.prefix));
  plain = await startTestBot();
  queued = await startTestBot({ env: queueEnv() });
});

afterAll(async () => {
  await plain?.stop();
  await queued?.stop();
  await worker?.close(1000);
  await executor?.close();
  await redis?.drop();
});

/** Timings differ from run to run: `12 ms` reads `N ms`. */
const withoutTimings = (text: string) => text.replace(/[\d.,]+\s?ms/g, 'N ms');

/** The same member's session on a bot: every text it ends with, photos' captions included. */
async function session(bot: TestBot): Promise<string[]> {
  const member = bot.member('en');
  const { user, chat } = member;
  const texts: string[] = [];
  texts.push((await bot.say(user, chat, '/example lesson')).text ?? '');
  const progress = await bot.say(user, chat, '/train');
  texts.push((await bot.edited(progress, isTrainingResult(member))).text ?? '');
  const picture = await nextPicture(bot, chat);
  texts.push(picture.caption ?? '');
  const comparing = await bot.say(user, chat, '/compare 2000');
  const table = await bot.edited(comparing, (text) => text.includes('</pre>'), 30_000);
  texts.push(withoutTimings(table.text ?? ''));
  texts.push((await bot.say(user, chat, '/stop')).text ?? '');
  return texts;
}

const photosIn = (api: FakeBotApi, chatId: number) =>
  api.calls.filter((call) => call.method === 'sendPhoto' && Number(call.payload.chat_id) === chatId);

describe('the bot with REDIS_URL', () => {
  it('trains, compares and draws through the queue exactly as without it', async () => {
    const [withQueue, without] = [await session(queued), await session(plain)];
    expect(withQueue).toEqual(without);
    expect(withQueue[1]).toContain('<pre>w1 10.38041\nw2 -0.20641\nw3 -4.98452</pre>');
    expect(withQueue[4]).toBe(en('train.nothingToStop'));
  });

  it('a Stop button stops a training the worker runs', async () => {
    const member = queued.member('en');
    const { user, chat, t } = member;
    for (const start of [0, 50]) {
      const rows = Array.from({ length: 50 }, (_, i) =>
        Array.from({ length: 32 }, (_, j) => ((start + i + j) % 3 === 0 ? 1 : 0)).join(' '),
      ).map((inputs, i) => `${inputs} -> ${i % 2}`);
      await queued.say(user, chat, rows.join('\n'));
    }
    const progress: FakeMessage = await queued.say(user, chat, '/train 48000');
    expect(await queued.press(progress, t('buttons.stop'), user)).toBe(t('train.stopping'));
    const result = await queued.edited(progress, isTrainingResult(member), 20_000);
    expect(result.text).toMatch(/^⏹ Stopped after [\d,]+ of 48,000 epochs/);
    await nextPicture(queued, chat);
    expect(photosIn(queued.api, chat.id)).toHaveLength(1);
  });
});

describe('exercise deadlines with REDIS_URL', () => {
  const bots = useRestartingBots();

  it('fire once as delayed jobs, also for a bot that was down when the deadline came', async () => {
    // A prefix of this test's own: the bots above are other bots, with other stores.
    const own = await createTestRedis();
    const ownWorker = await startQueueWorker(own.url, queuePrefix(own.prefix));
    onTestFinished(async () => {
      await ownWorker.close(1000);
      await own.drop();
    });
    const env = { REDIS_URL: own.url, REDIS_PREFIX: own.prefix };
    const dataDir = bots.folder();
    const people = (api: FakeBotApi) => {
      const group = api.group(-7070, 'Night class', 'supergroup');
      const teacher = api.user(7000, { first_name: 'Teacher', language_code: 'en' });
      const ann = api.user(7001, { first_name: 'Ann', language_code: 'en' });
      api.setChatMember(group.id, teacher, 'administrator');
      api.privateChat(teacher);
      return { group, teacher, ann };
    };
    let known: ReturnType<typeof people> | undefined;
    const first = await bots.start(dataDir, {
      env,
      beforeStart: (api) => {
        known = people(api);
      },
    });
    const { group, teacher, ann } = known as ReturnType<typeof people>;
    await first.say(teacher, group, '/exercise and 2s');
    await first.say(ann, group, '/example and');
    await first.edited(await first.say(ann, group, '/train'), (text) => text.includes(en('train.outputs')));
    expect((await first.say(ann, group, '/submit')).text).toMatch(/^📨 100%/);
    await bots.stop(first);
    await new Promise((resolve) => setTimeout(resolve, 2_100));

    let again: ReturnType<typeof people> | undefined;
    const second = await bots.start(dataDir, {
      env,
      beforeStart: (api) => {
        again = people(api);
      },
    });
    const notice = await pollFor(
      () => second.api.messages(again?.group.id ?? 0).find((m) => m.text?.startsWith('📄')),
      'the results notice',
    );
    expect(notice.text).toBe(en('exercise.end.csvSent', { name: 'Teacher' }));
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(second.api.messages(again?.group.id ?? 0).filter((m) => m.text?.startsWith('📄'))).toHaveLength(1);
    expect(documentsIn(second, again?.teacher.id ?? 0)).toHaveLength(1);
    const deadlineJobs = (await own.keys()).filter((key) => /:deadlines:deadline_-7070_/.test(key));
    expect(deadlineJobs).toHaveLength(1);
  });
});

describe('two bots on one Redis and one REDIS_PREFIX', () => {
  it('share no job: the same update ids and the same member train each on their own rows', async () => {
    const own = await createTestRedis();
    const tokens = ['7000000011:first-secret', '7000000022:second-secret'];
    const workers = await Promise.all(
      tokens.map((token) => startQueueWorker(own.url, queuePrefix(own.prefix, token))),
    );
    const bots = await Promise.all(
      tokens.map((token) => startTestBot({ token, env: { REDIS_URL: own.url, REDIS_PREFIX: own.prefix } })),
    );
    const alone = await startTestBot();
    onTestFinished(async () => {
      for (const bot of [...bots, alone]) await bot.stop();
      for (const started of workers) await started.close(1000);
      await own.drop();
    });
    /** A new member's rows and training; each fake counts update ids from 1 and hands out the same member. */
    const train = async (bot: TestBot, example: string) => {
      const member = bot.member('en');
      await bot.say(member.user, member.chat, example);
      const progress = await bot.say(member.user, member.chat, '/train');
      return withoutTimings((await bot.edited(progress, isTrainingResult(member), 20_000)).text ?? '');
    };
    const [first, second] = bots as [TestBot, TestBot];
    const [lesson, and] = await Promise.all([train(first, '/example lesson'), train(second, '/example and')]);
    expect(lesson).toContain('<pre>w1 10.38041\nw2 -0.20641\nw3 -4.98452</pre>');
    expect(and).toBe(await train(alone, '/example and'));
    const keys = await own.keys();
    for (const token of tokens) {
      const id = token.split(':')[0];
      expect(
        keys.filter((key) => key.includes(`:${id}:queue:work:u2`)),
        `bot ${id}'s /train`,
      ).toHaveLength(1);
    }
    expect(keys.filter((key) => key.includes('secret'))).toEqual([]);
  });
});

describe('GET /metrics with REDIS_URL', () => {
  it('shows the jobs waiting for a worker, how long each waited once one took it, and the training time', async () => {
    const own = await createTestRedis();
    const env = { REDIS_URL: own.url, REDIS_PREFIX: own.prefix, METRICS_PORT: '0', INSTANCE_ID: 'queue-1' };
    const bot = await startTestBot({ env });
    let late: QueueWorker | undefined;
    onTestFinished(async () => {
      await bot.stop();
      await late?.close(1000);
      await own.drop();
    });
    const scrape = async () =>
      readSamples(await (await fetch(`http://127.0.0.1:${bot.app.metricsPort()}/metrics`)).text());
    const work = { queue: 'work', instance_id: 'queue-1' };
    const depth = async () => sampleTotal(await scrape(), 'perceptron_queue_depth', work);
    expect(await depth()).toBe(0);

    // No worker yet: the training waits in the queue.
    const member = bot.member('en');
    await bot.say(member.user, member.chat, '/example lesson');
    const progress = await bot.say(member.user, member.chat, '/train');
    expect(await depth()).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(sampleTotal(await scrape(), 'perceptron_queue_wait_seconds_count', work)).toBe(0);

    late = await startQueueWorker(own.url, queuePrefix(own.prefix));
    await bot.edited(progress, isTrainingResult(member), 20_000);
    await nextPicture(bot, member.chat);
    // The training's wait and the picture's are each told once the worker took them.
    const waits = async () => sampleTotal(await scrape(), 'perceptron_queue_wait_seconds_count', work);
    for (const until = Date.now() + 5000; (await waits()) < 2 && Date.now() < until; )
      await new Promise((resolve) => setTimeout(resolve, 50));
    const all = await scrape();
    expect(sampleTotal(all, 'perceptron_queue_wait_seconds_count', work)).toBe(2);
    expect(sampleTotal(all, 'perceptron_queue_wait_seconds_sum', work)).toBeGreaterThanOrEqual(0.5);
    expect(sampleTotal(all, 'perceptron_queue_wait_seconds_bucket', { ...work, le: '0.1' })).toBeLessThan(2);
    expect(await depth()).toBe(0);
    expect(sampleTotal(all, 'perceptron_training_seconds_count', { ended: 'finished' })).toBe(1);
  });
});
