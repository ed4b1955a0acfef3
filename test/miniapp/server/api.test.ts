import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../../src/bot/kit/state/documents.js';
import { plainText } from '../../../src/miniapp/app-state.js';
import {
  appStateSchema,
  formatGroupStartParam,
  trainingProgressSchema,
} from '../../../src/miniapp-api/api-schema.js';
import { sendWideRows, trainUntilResult } from '../../helpers/datasets.js';
import { createClass, trainAnd } from '../../helpers/exercise-kit.js';
import type { Member } from '../../helpers/members.js';
import { startTestBot, type TestBot } from '../../helpers/test-bot.js';
import { appClient, makePageFixture, PAGE_SCRIPT, pollUntilTrained } from './app-client.js';

const LESSON_WEIGHTS = [10.38041, -0.20641, -4.98452];
// 100 rows × 32 inputs × 312,500 epochs = 10⁹ multiply-adds: seconds of work, long enough to stop.
const LONG_EPOCHS = 312_500;

let bot: TestBot;
let client: ReturnType<typeof appClient>;
let pageDir: string;
beforeAll(async () => {
  pageDir = makePageFixture();
  bot = await startTestBot({
    env: {
      PUBLIC_URL: 'https://bot.example.org',
      MINIAPP_SHORT_NAME: 'perceptron',
      PORT: '0',
      MAX_EPOCHS: '1000000',
      MAX_TRAINING_COST: '1000000000',
    },
    miniApp: { pageDir },
  });
  client = appClient(bot);
});
afterAll(async () => {
  await bot.stop();
  rmSync(pageDir, { recursive: true, force: true });
});

const round5 = (values: readonly number[]) => values.map((n) => Math.round(n * 1e5) / 1e5);
const storedRows = async (member: Member) =>
  (await bot.app.deps.perceptrons.read(perceptronKey(member.chat.id, member.user.id)))?.rows.length ?? 0;

describe('the page under /app/', () => {
  it('serves index.html at /app/ with a strict policy, no caching and nosniff', async () => {
    const response = await fetch(`${client.base()}/app/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("script-src 'self' https://telegram.org/js/telegram-web-app.js;");
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain('frame-ancestors https://web.telegram.org https://webk.telegram.org');
    expect(policy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/);
    expect(await response.text()).toContain('https://telegram.org/js/telegram-web-app.js');
  });

  it('serves the hashed files as immutable, /app as a redirect, and nothing else', async () => {
    const script = await fetch(`${client.base()}/app/${PAGE_SCRIPT}`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    const bare = await fetch(`${client.base()}/app`, { redirect: 'manual' });
    expect([bare.status, bare.headers.get('location')]).toEqual([301, '/app/']);
    expect((await client.rawGet('/favicon.ico')).status).toBe(204);
    for (const path of ['/app/other.js', '/app/../package.json', '/app/%2e%2e/package.json', '/package.json'])
      expect((await client.rawGet(path)).status).toBe(404);
  });
});

describe('the state', () => {
  it.each(['en', 'ru'] as const)('equals what /weights and /data show (%s)', async (language) => {
    const member = bot.member(language);
    const { user, chat } = member;
    await bot.say(user, chat, '/example lesson');
    await trainUntilResult(bot, member);
    const answer = await client.call(user, 'GET', 'state');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    const state = appStateSchema.parse(answer.body);
    expect(state.language).toBe(language);
    expect(state.scope).toEqual({ kind: 'private' });
    expect(round5(state.model.weights)).toEqual(LESSON_WEIGHTS);
    expect(state.model.epochsTrained).toBe(20_000);
    const doc = await bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));
    expect(state.rows).toEqual(doc?.rows);
    // The chat's training is the one the page shows as the last.
    expect(state.training?.running).toBe(false);
    expect(state.training?.result?.weights).toEqual(state.model.weights);
    expect(state.exercise).toBeNull();
  });
});

describe('rows', () => {
  it('a row added in the app is in the chat’s /data, and one added in the chat is in the app', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    const added = await client.call(user, 'POST', 'rows', { text: '1 0 1 -> 1' });
    expect(added.status).toBe(200);
    expect(appStateSchema.parse(added.body).rows).toEqual([{ inputs: [1, 0, 1], output: 1 }]);
    const data = await bot.say(user, chat, '/data');
    expect(data.text).toContain('1 0 1 → 1');
    expect((await bot.say(user, chat, '0 1 1 -> 0')).text).toBe(t('rows.added', { count: 1, total: 2 }));
    const asNumbers = await client.call(user, 'POST', 'rows', { inputs: [1, 1, 0.5], output: 0 });
    expect(appStateSchema.parse(asNumbers.body).rows).toEqual([
      { inputs: [1, 0, 1], output: 1 },
      { inputs: [0, 1, 1], output: 0 },
      { inputs: [1, 1, 0.5], output: 0 },
    ]);
    const deleted = await client.call(user, 'POST', 'rows/delete', { index: 2 });
    expect(appStateSchema.parse(deleted.body).rows).toHaveLength(2);
    expect((await bot.say(user, chat, '/data')).text).not.toContain('0 1 1 → 0');
  });

  it('the app’s changes and the chat’s take the same per-member turns, in the order they came', async () => {
    const member = bot.member('en');
    const { user, chat } = member;
    const turns = bot.app.deps.memberTurns;
    if (!turns) throw new Error('the app has no per-member turns');
    let release = (): void => {};
    const held = turns.run(perceptronKey(chat.id, user.id), () => new Promise<void>((r) => (release = r)));
    const fromApp = client.call(user, 'POST', 'rows', { text: '1 1 -> 1' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    bot.api.sendText(chat, user, '0 0 -> 0');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Neither went past the turn held before them.
    expect(await storedRows(member)).toBe(0);
    release();
    await held;
    expect((await fromApp).status).toBe(200);
    await bot.settle();
    const doc = await bot.app.deps.perceptrons.read(perceptronKey(chat.id, user.id));
    expect(doc?.rows).toEqual([
      { inputs: [1, 1], output: 1 },
      { inputs: [0, 0], output: 0 },
    ]);
  });

  it.each(['en', 'ru'] as const)(
    'bad rows get a 400 in the member’s language and change nothing (%s)',
    async (language) => {
      const member = bot.member(language);
      const { user, t } = member;
      await client.call(user, 'POST', 'rows', { text: '1 0 -> 1' });
      const bad = await client.call(user, 'POST', 'rows', { text: '1 x -> 1\n1 1 -> 0' });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toContain(plainText(t('rows.rejected', { count: 1 })));
      expect(bad.body.error).not.toMatch(/<\/?[a-z]+>/);
      const wide = await client.call(user, 'POST', 'rows', { inputs: [1, 0, 1], output: 1 });
      expect(wide.status).toBe(400);
      for (const body of [{ text: 5 }, { inputs: [], output: 1 }, { text: '1 -> 1', extra: true }, null]) {
        const refused = await client.call(user, 'POST', 'rows', body);
        expect([refused.status, refused.body]).toEqual([400, { error: t('app.api.badRequest') }]);
      }
      const notJson = await client.call(user, 'POST', 'rows', undefined, { rawBody: '{"text": ' });
      expect(notJson.status).toBe(400);
      const missing = await client.call(user, 'POST', 'rows/delete', { index: 9 });
      expect([missing.status, missing.body]).toEqual([
        400,
        { error: t('app.api.noRow', { index: 9, total: 1 }) },
      ]);
      expect(await storedRows(member)).toBe(1);
    },
  );

  it('a body over 64 KB is refused with 413 and stores nothing', async () => {
    const member = bot.member('en');
    const text = '1 0 -> 1\n'.repeat(8000);
    const answer = await client.call(member.user, 'POST', 'rows', { text });
    expect([answer.status, answer.body]).toEqual([413, { error: member.t('app.api.tooLarge') }]);
    expect(await storedRows(member)).toBe(0);
  });
});

describe('weights and settings', () => {
  it('"Keep these weights" stores them as /weights shows them; a wrong count is a 400', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const kept = await client.call(user, 'POST', 'weights', { weights: [1.5, -2, 0.25] });
    expect(appStateSchema.parse(kept.body).model.weights).toEqual([1.5, -2, 0.25]);
    expect((await bot.say(user, chat, '/weights')).text).toContain('w1  1.50000\nw2 -2.00000\nw3  0.25000');
    const wrong = await client.call(user, 'POST', 'weights', { weights: [1, 2] });
    expect([wrong.status, wrong.body]).toEqual([400, { error: t('app.api.badWeights', { count: 3 }) }]);
    const withBias = await client.call(user, 'POST', 'weights', { weights: [1, 2, 3], bias: 1 });
    expect([withBias.status, withBias.body]).toEqual([400, { error: t('app.api.badBias') }]);
    const huge = await client.call(user, 'POST', 'weights', { weights: [1, 2, 1e9] });
    expect(huge.status).toBe(400);
  });

  it('settings change by the rules of /set, all or nothing', async () => {
    const member = bot.member('ru');
    const { user } = member;
    const changed = await client.call(user, 'POST', 'settings', {
      epochs: 500,
      learningRate: 0.5,
      method: 'rprop',
    });
    const { settings } = appStateSchema.parse(changed.body);
    expect([settings.epochs, settings.learningRate, settings.method]).toEqual([500, 0.5, 'rprop']);
    const refused = await client.call(user, 'POST', 'settings', { epochs: 900, learningRate: 1000 });
    expect(refused.status).toBe(400);
    expect(String(refused.body.error)).toMatch(/100/);
    const after = appStateSchema.parse((await client.call(user, 'GET', 'state')).body);
    expect([after.settings.epochs, after.settings.learningRate]).toEqual([500, 0.5]);
    const tooMany = await client.call(user, 'POST', 'settings', { epochs: 2_000_000 });
    expect(tooMany.status).toBe(400);
  });
});

describe('training from the app', () => {
  it('ends with numpy’s weights for the lesson, and the chat gets the result with [Open]', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const started = await client.call(user, 'POST', 'train', {});
    expect(started.status).toBe(200);
    expect(trainingProgressSchema.parse(started.body).epochs).toBe(20_000);
    const done = trainingProgressSchema.parse((await pollUntilTrained(client, user)).body);
    expect(done.epoch).toBe(20_000);
    expect(round5(done.result?.weights ?? [])).toEqual(LESSON_WEIGHTS);
    expect(done.result?.accuracy).toBe(1);
    // The loss falls along the curve the page draws.
    expect(done.losses.length).toBeGreaterThan(10);
    expect(done.losses.at(-1)?.loss).toBeLessThan(done.losses[0]?.loss ?? 0);
    const state = appStateSchema.parse((await client.call(user, 'GET', 'state')).body);
    expect(round5(state.model.weights)).toEqual(LESSON_WEIGHTS);
    const result = await bot.next(chat, t('train.outputs'));
    expect(bot.api.buttons(result)).toContainEqual({
      text: t('buttons.openApp'),
      web_app: { url: 'https://bot.example.org/app/' },
    });
    await bot.settle();
  });

  it('one training per member whichever side starts it; Stop keeps the weights reached', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await sendWideRows(bot, member);
    const progress = await bot.say(user, chat, `/train ${LONG_EPOCHS}`);
    const second = await client.call(user, 'POST', 'train', {});
    expect([second.status, second.body]).toEqual([409, { error: t('app.api.trainingRuns') }]);
    const busy = await client.call(user, 'POST', 'rows/delete', { index: 1 });
    expect([busy.status, busy.body]).toEqual([409, { error: t('app.api.busy') }]);
    for (;;) {
      const polled = trainingProgressSchema.parse((await client.call(user, 'GET', 'train')).body);
      expect(polled.running).toBe(true);
      expect(polled.epochs).toBe(LONG_EPOCHS);
      if (polled.epoch > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const stopped = trainingProgressSchema.parse((await client.call(user, 'POST', 'train/stop', {})).body);
    expect(stopped.running).toBe(false);
    expect(stopped.epoch).toBeGreaterThan(0);
    expect(stopped.epoch).toBeLessThan(LONG_EPOCHS);
    const state = appStateSchema.parse((await client.call(user, 'GET', 'state')).body);
    expect(state.model.weights).toEqual(stopped.result?.weights);
    expect(state.model.epochsTrained).toBe(stopped.epoch);
    const result = await bot.edited(progress, (text) => text.includes(t('train.weights')));
    expect(result.text).toMatch(/^⏹ Stopped after/);
    const nothing = await client.call(user, 'POST', 'train/stop', {});
    expect([nothing.status, nothing.body]).toEqual([409, { error: t('app.api.nothingToStop') }]);
    await bot.settle();
  });

  it('a training the chat cannot start is a 400 in the member’s language', async () => {
    const member = bot.member('ru');
    const answer = await client.call(member.user, 'POST', 'train', {});
    expect([answer.status, answer.body]).toEqual([400, { error: plainText(member.t('train.noData')) }]);
  });
});

describe('who may ask', () => {
  it('missing, forged, re-addressed, foreign and expired initData get 401 and change nothing', async () => {
    const member = bot.member('en');
    const other = bot.member('en');
    const { user } = member;
    const body = { text: '1 1 -> 1' };
    const signed = client.initDataFor(user);
    const forged = signed.replace(/hash=([0-9a-f])/, (_, c: string) => `hash=${c === '0' ? '1' : '0'}`);
    const readdressed = signed.replace(
      encodeURIComponent(`"id":${user.id}`),
      encodeURIComponent(`"id":${other.user.id}`),
    );
    expect(readdressed).not.toBe(signed);
    const old = Math.floor(Date.now() / 1000) - 2 * 24 * 3600;
    const attempts: Array<string | null> = [
      null,
      'tma ',
      `Bearer ${signed}`,
      `tma ${forged}`,
      `tma ${readdressed}`,
      `tma ${client.initDataFor(user, { auth_date: old })}`,
      `tma ${signed.replace('user=', 'user2=')}`,
    ];
    for (const authorization of attempts) {
      const answer = await client.call(user, 'POST', 'rows', body, { authorization });
      expect([answer.status, answer.body]).toEqual([401, { error: member.t('app.api.unauthorized') }]);
    }
    expect(await storedRows(member)).toBe(0);
    expect(await storedRows(other)).toBe(0);
  });

  it('a group’s perceptron opens to its members only; a failed check lets nobody in', async () => {
    const group = bot.api.group(-1001234567890, 'Class 7B', 'supergroup');
    const inside = bot.member('en');
    const outside = bot.member('ru');
    const unknown = bot.member('en');
    bot.api.setChatMember(group.id, outside.user, 'left');
    const fields = { start_param: formatGroupStartParam(group.id) };
    const body = { text: '1 0 -> 1' };
    const refused = await client.call(outside.user, 'POST', 'rows', body, { fields });
    expect([refused.status, refused.body]).toEqual([403, { error: outside.t('app.api.notInGroup') }]);
    bot.api.failWith('getChatMember', (p) => Number(p.user_id) === unknown.user.id, { error_code: 500 });
    const failed = await client.call(unknown.user, 'POST', 'rows', body, { fields });
    expect([failed.status, failed.body]).toEqual([403, { error: unknown.t('app.api.checkFailed') }]);
    for (const who of [outside, unknown])
      expect(await bot.app.deps.perceptrons.read(perceptronKey(group.id, who.user.id))).toBeUndefined();
    const added = await client.call(inside.user, 'POST', 'rows', body, { fields });
    expect(added.status).toBe(200);
    expect(appStateSchema.parse(added.body).scope.kind).toBe('group');
    const stored = await bot.app.deps.perceptrons.read(perceptronKey(group.id, inside.user.id));
    expect(stored?.rows).toEqual([{ inputs: [1, 0], output: 1 }]);
    // The member's own perceptron in private is another one.
    expect(await storedRows(inside)).toBe(0);
    await client.call(inside.user, 'POST', 'weights', { weights: [0.5, -0.5] }, { fields });
    const shown = await bot.say(inside.user, group, '/weights');
    expect(bot.api.buttons(shown)).toEqual([
      {
        text: inside.t('buttons.openApp'),
        url: `https://t.me/${bot.api.bot.username}/perceptron?startapp=gm1001234567890`,
      },
    ]);
  });
});

describe('a class exercise', () => {
  it('shows the statement, the time left, the member’s best and the standings, never the hidden rows', async () => {
    const { group, teacher } = createClass(bot, -1009000000001);
    const student = bot.member('en');
    await bot.say(teacher.user, group, '/exercise and 30m');
    await trainAnd(bot, student, group);
    await bot.say(student.user, group, '/submit');
    const fields = { start_param: formatGroupStartParam(group.id) };
    const answer = await client.call(student.user, 'GET', 'state', undefined, { fields });
    const { exercise } = appStateSchema.parse(answer.body);
    expect(exercise?.title).toBe(plainText(student.t('exercise.tasks.and.title')));
    expect(exercise?.statement).toBe(plainText(student.t('exercise.tasks.and.statement')));
    const left = Date.parse(exercise?.endsAt ?? '') - Date.now();
    expect(left).toBeGreaterThan(25 * 60_000);
    expect(left).toBeLessThanOrEqual(30 * 60_000);
    expect(exercise?.best?.accuracy).toBe(1);
    expect(exercise?.standings).toEqual([
      { place: 1, name: student.user.first_name, accuracy: 1, loss: exercise?.best?.loss },
    ]);
    // Only these fields, and in standings only places, names and scores: nothing of the hidden rows.
    const raw = answer.body.exercise as Record<string, unknown>;
    expect(Object.keys(raw).sort()).toEqual(['best', 'endsAt', 'standings', 'statement', 'title']);
    expect(Object.keys((raw.standings as object[])[0] ?? {}).sort()).toEqual([
      'accuracy',
      'loss',
      'name',
      'place',
    ]);
    expect(Object.keys(raw.best as object).sort()).toEqual(['accuracy', 'loss']);
    const own = appStateSchema.parse((await client.call(student.user, 'GET', 'state')).body);
    expect(own.exercise).toBeNull();
  });
});

describe('opening it', () => {
  it('the menu button of private chats opens the app; /weights and /plot carry [Open]', async () => {
    const menu = bot.api.calls.find((call) => call.method === 'setChatMenuButton');
    expect(menu?.payload.menu_button).toEqual({
      type: 'web_app',
      text: 'Perceptron',
      web_app: { url: 'https://bot.example.org/app/' },
    });
    const member = bot.member('ru');
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    await trainUntilResult(bot, member);
    const open = { text: t('buttons.openApp'), web_app: { url: 'https://bot.example.org/app/' } };
    expect(bot.api.buttons(await bot.say(user, chat, '/weights'))).toEqual([open]);
    bot.api.sendText(chat, user, '/plot');
    const picture = await bot.api.waitForMessage(chat.id, (m) => m.photo !== undefined);
    expect(bot.api.buttons(picture)).toContainEqual(open);
  });
});
