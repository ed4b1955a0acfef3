import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perceptronKey } from '../../src/bot/kit/state/documents.js';
import { findBuiltinTask } from '../../src/exercises/builtin-tasks.js';
import {
  type AppState,
  formatGroupStartParam,
  type TrainingProgress,
} from '../../src/miniapp-api/api-schema.js';
import { sendWideRows, trainUntilResult } from '../helpers/datasets.js';
import { createClass } from '../helpers/exercise-kit.js';
import type { Member } from '../helpers/members.js';
import { startTestBot, type TestBot } from '../helpers/test-bot.js';
import { launchBrowser, openApp, type Scheme, signedInitData } from './browser-kit.js';

// The built page (dist/app/) served by the real bot, which long-polls the fake Bot API of src/dev/: what a
// student does in the page is what the chat shows, and the other way round.

const APP = join(new URL('../../', import.meta.url).pathname, 'dist', 'app');
// 100 rows × 32 inputs × 1,000,000 epochs = 3.2 × 10⁹ multiply-adds: about three seconds on a quiet
// machine, long enough to stop from the page, which asks for progress every 400 ms (10⁹ could be over
// before the page had shown an epoch and its Stop).
const LONG_EPOCHS = 1_000_000;

let bot: TestBot;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let base: string;
/** What the browser said against the page's Content-Security-Policy, or any script error. */
const complaints: string[] = [];

beforeAll(async () => {
  bot = await startTestBot({
    env: {
      PUBLIC_URL: 'https://bot.example.org',
      MINIAPP_SHORT_NAME: 'perceptron',
      PORT: '0',
      MAX_EPOCHS: String(LONG_EPOCHS),
      MAX_TRAINING_COST: String(100 * 32 * LONG_EPOCHS),
    },
    miniApp: { pageDir: APP },
  });
  browser = await launchBrowser();
  base = `http://127.0.0.1:${bot.app.miniAppPort()}/app/`;
});
afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

/** The page opened by `member` as Telegram would open it (a group's perceptron with `startParam`). */
async function open(
  member: Member,
  scheme: Scheme = 'light',
  options: { startParam?: string; authDate?: number; initData?: string } = {},
): Promise<Page> {
  const { user } = member;
  const initData =
    options.initData ??
    signedInitData(
      bot.api.token,
      {
        id: user.id,
        first_name: user.first_name,
        ...(user.language_code ? { language_code: user.language_code } : {}),
      },
      options,
    );
  const page = await openApp(browser.context, base, initData, scheme);
  page.on('console', (message) => {
    // The refusals of the last test are answers the page expects, and shows.
    const refusal = /^Failed to load resource: .* (401|403) /.test(message.text());
    if (message.type() === 'error' && !refusal) complaints.push(message.text());
  });
  page.on('pageerror', (error) => complaints.push(error.message));
  await page.locator('h1, [data-testid=error]').first().waitFor();
  return page;
}

/** How long a poll waits for what the page or the bot does: long enough for a busy machine. */
const SLOW = { timeout: 15_000 };
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';
/** The number after "=" in a line such as "w1 = 10.38041". */
const numberIn = (line: string) => line.split('= ')[1] ?? '';
const stored = async (member: Member, chatId = member.chat.id) =>
  bot.app.deps.perceptrons.read(perceptronKey(chatId, member.user.id));

describe('the page on the bot', () => {
  it.each([
    ['en', 'light'],
    ['ru', 'dark'],
  ] as const)(
    '%s, %s: the neuron shows /weights, and tapping inputs gives /predict',
    async (language, scheme) => {
      const member = bot.member(language);
      const { user, chat } = member;
      await bot.say(user, chat, '/example lesson');
      await trainUntilResult(bot, member);
      const weights = (await bot.say(user, chat, '/weights')).text ?? '';
      const page = await open(member, scheme);
      const shown = await Promise.all([1, 2, 3].map(async (i) => numberIn(await text(page, `weight-${i}`))));
      expect(shown).toEqual(
        language === 'ru' ? ['10,38041', '-0,20641', '-4,98452'] : ['10.38041', '-0.20641', '-4.98452'],
      );
      for (const value of shown) expect(weights).toContain(value);
      // The page starts at the first row, 0 0 1; tapping x1 and x2 makes it 1 1 1, then x2 again 1 0 1.
      for (const [taps, inputs] of [
        [['input-1', 'input-2'], '1 1 1'],
        [['input-2'], '1 0 1'],
      ] as const) {
        for (const tap of taps) await page.getByTestId(tap).click();
        const predicted = ((await bot.say(user, chat, `/predict ${inputs}`)).text ?? '').replace(
          /<[^>]+>/g,
          '',
        );
        const output = await text(page, 'output');
        expect(predicted).toContain(`→ ${output}`);
        expect(predicted).toContain(numberIn(`= ${(await text(page, 'sum')).split(': ')[1]}`));
      }
      await page.close();
      expect(complaints).toEqual([]);
    },
  );

  it('a row added in the page is in the chat’s /data, and one added in the chat is in the page', async () => {
    const member = bot.member('en');
    const { user, chat } = member;
    const page = await open(member);
    await page.locator('[data-tab=rows]').click();
    await page.getByTestId('typed-rows').fill('1 0 1 -> 1');
    await page.getByTestId('add-typed').click();
    await page.locator('[data-testid=rows] tbody tr').first().waitFor();
    expect((await bot.say(user, chat, '/data')).text).toContain('1 0 1 → 1');
    await page.getByTestId('new-input-2').click();
    await page.getByTestId('add-row').click();
    await expect.poll(() => page.locator('[data-testid=rows] tbody tr').count(), SLOW).toBe(2);
    expect((await bot.say(user, chat, '/data')).text).toContain('0 1 0 → 0');
    await bot.say(user, chat, '1 1 1 -> 1');
    await page.reload();
    await page.locator('[data-tab=rows]').click();
    expect(await page.locator('[data-testid=rows] tbody tr').allTextContents()).toEqual([
      '11 0 11×',
      '20 1 00×',
      '31 1 11×',
    ]);
    await page.getByTestId('delete-2').click();
    await expect.poll(() => page.locator('[data-testid=rows] tbody tr').count(), SLOW).toBe(2);
    expect((await bot.say(user, chat, '/data')).text).not.toContain('0 1 0 → 0');
    await page.close();
  });

  it('Train shows the loss falling and ends with numpy’s weights for the lesson; the chat gets the result', async () => {
    const member = bot.member('en');
    const { user, chat, t } = member;
    await bot.say(user, chat, '/example lesson');
    const page = await open(member);
    const answers: TrainingProgress[] = [];
    page.on('response', async (response) => {
      if (response.url().endsWith('/app/api/train'))
        answers.push((await response.json()) as TrainingProgress);
    });
    await page.locator('[data-tab=train]').click();
    await page.getByTestId('train').click();
    await page.getByTestId('result').waitFor({ timeout: 20_000 });
    const curve = answers.at(-1)?.losses ?? [];
    expect(curve.length).toBeGreaterThan(10);
    expect(curve.at(-1)?.loss).toBeLessThan((curve[0]?.loss ?? 0) / 10);
    expect(await page.locator('[data-testid=loss-curve] svg polyline').count()).toBe(1);
    expect(await text(page, 'epoch')).toBe('Epoch 20,000 of 20,000');
    const weights = await Promise.all(
      [1, 2, 3].map(async (i) => numberIn(await text(page, `result-weight-${i}`))),
    );
    expect(weights).toEqual(['10.38041', '-0.20641', '-4.98452']);
    expect((await bot.next(chat, t('train.outputs'))).text).toContain('10.38041');
    await page.locator('[data-tab=neuron]').click();
    expect(await text(page, 'weight-3')).toBe('w3 = -4.98452');
    await bot.settle();
    await page.close();
  });

  it('Stop keeps the weights reached, as /weights shows them', async () => {
    const member = bot.member('en');
    const { user, chat } = member;
    await sendWideRows(bot, member);
    const page = await open(member);
    await page.locator('[data-tab=train]').click();
    await page.getByTestId('epochs').fill(String(LONG_EPOCHS));
    await page.getByTestId('save-settings').click();
    await expect.poll(async () => (await stored(member))?.settings.epochs, SLOW).toBe(LONG_EPOCHS);
    await page.getByTestId('train').click();
    const epochShown = () =>
      page
        .getByTestId('epoch')
        .textContent({ timeout: 1000 })
        .catch(() => '');
    await expect.poll(async () => /^Epoch [1-9]/.test((await epochShown()) ?? ''), SLOW).toBe(true);
    await page.getByTestId('stop').click();
    await page.getByTestId('result').waitFor({ timeout: 20_000 });
    const model = (await stored(member))?.model;
    expect(model?.epochsTrained).toBeGreaterThan(0);
    expect(model?.epochsTrained).toBeLessThan(LONG_EPOCHS);
    const first = numberIn(await text(page, 'result-weight-1'));
    expect(first).toBe(model?.weights[0]?.toFixed(5));
    await bot.settle();
    expect((await bot.say(user, chat, '/weights')).text).toContain(first);
    await page.close();
  });

  it('"Try it yourself" moves the plane’s line; "Keep these weights" is what /weights shows', async () => {
    const member = bot.member('en');
    const { user, chat } = member;
    await bot.say(user, chat, '/example lesson');
    await trainUntilResult(bot, member);
    const page = await open(member, 'dark');
    await page.locator('[data-tab=try]').click();
    const line = page.locator('[data-testid=plane] line[stroke-dasharray]');
    const ends = async () =>
      (await Promise.all(['x1', 'y1', 'x2', 'y2'].map((a) => line.getAttribute(a)))).join();
    const before = await ends();
    await page.getByTestId('slider-3').fill('-2');
    expect(await ends()).not.toBe(before);
    await page.getByTestId('keep').click();
    await page.getByTestId('kept').waitFor();
    expect((await bot.say(user, chat, '/weights')).text).toContain('-2.00000');
    await page.close();
  });

  it('a class exercise shows its statement, the member’s best and the standings, never its hidden rows', async () => {
    const { group, teacher } = createClass(bot, -1007001, 'en');
    const student = bot.member('en');
    await bot.say(teacher.user, group, '/exercise smileys');
    await bot.say(student.user, group, '/example smileys');
    await bot.edited(await bot.say(student.user, group, '/train 3000'), (t) =>
      t.includes(student.t('train.outputs')),
    );
    await bot.say(student.user, group, '/submit');
    const states: string[] = [];
    const page = await open(student, 'light', { startParam: formatGroupStartParam(group.id) });
    page.on('response', async (response) => {
      if (response.url().endsWith('/app/api/state')) states.push(await response.text());
    });
    await page.reload();
    await page.locator('[data-tab=exercise]').click();
    expect(await text(page, 'statement')).not.toBe('');
    expect(await text(page, 'best')).toMatch(/^Your best: accuracy \d+(\.\d)?%, loss /);
    const standings = await page.locator('[data-testid=standings] tbody tr').allTextContents();
    expect(standings).toHaveLength(1);
    expect(standings[0]).toContain(student.user.first_name);
    const state = JSON.parse(states.at(-1) ?? '{}') as AppState;
    expect(state.scope.kind).toBe('group');
    const hidden = findBuiltinTask('smileys')?.hidden ?? [];
    expect(hidden.length).toBeGreaterThan(0);
    const sent = JSON.stringify(state);
    for (const row of hidden) expect(sent).not.toContain(JSON.stringify(row.inputs));
    await page.close();
  });

  it('forged, re-addressed or expired initData, or a group the user is not in: the refusal shown, nothing stored', async () => {
    const member = bot.member('en');
    const other = bot.member('en');
    const { user } = member;
    const signed = signedInitData(bot.api.token, { id: user.id, first_name: user.first_name });
    const forged = signed.replace(/hash=([0-9a-f])/, (_, c: string) => `hash=${c === '0' ? '1' : '0'}`);
    const readdressed = signed.replace(
      encodeURIComponent(`"id":${user.id}`),
      encodeURIComponent(`"id":${other.user.id}`),
    );
    const expired = signedInitData(
      bot.api.token,
      { id: user.id, first_name: user.first_name },
      { authDate: Math.floor(Date.now() / 1000) - 2 * 24 * 3600 },
    );
    for (const initData of [forged, readdressed, expired]) {
      const page = await open(member, 'light', { initData });
      expect(await text(page, 'error')).toBe(member.t('app.api.unauthorized'));
      expect(await page.locator('nav').count()).toBe(0);
      await page.close();
    }
    const group = bot.api.group(-1007002, 'Class 9A', 'supergroup');
    bot.api.setChatMember(group.id, user, 'left');
    const page = await open(member, 'dark', { startParam: formatGroupStartParam(group.id) });
    expect(await text(page, 'error')).toBe(member.t('app.api.notInGroup'));
    await page.close();
    expect(await stored(member)).toBeUndefined();
    expect(await stored(other)).toBeUndefined();
    expect(await stored(member, group.id)).toBeUndefined();
  });

  it('broke no rule of the server’s Content-Security-Policy and threw no error, on any page above', () => {
    expect(complaints).toEqual([]);
  });
});
