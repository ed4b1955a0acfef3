import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExample } from '../../src/core/examples.js';
import { createModel } from '../../src/core/model.js';
import { numberFormatFor } from '../../src/core/number-format.js';
import { predict } from '../../src/core/predict.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS } from '../../src/core/types.js';
import type { TrainingProgress } from '../../src/miniapp-api/api-schema.js';
import { launchBrowser, openApp, type Scheme, signedInitData, THEMES } from './browser-kit.js';
import { type FakeAppServer, type FakeMember, startFakeAppServer } from './fake-app-server.js';

// The page against a stand-in of the bot's API (test/browser/fake-app-server.ts), which keeps members in
// memory and trains them with core/: what the page shows and sends, in both languages and both schemes.

const TOKEN = '123456:page-test-token';
const APP = join(new URL('../../', import.meta.url).pathname, 'dist', 'app');
const LESSON = findExample('lesson')?.rows ?? [];

let server: FakeAppServer;
let browser: Awaited<ReturnType<typeof launchBrowser>>;
let context: BrowserContext;
let nextUser = 1000;

beforeAll(async () => {
  server = await startFakeAppServer(TOKEN, APP);
  browser = await launchBrowser();
  context = browser.context;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A new member with these rows (trained `epochs` on them when given), and the page opened for them. */
async function openFor(
  options: { rows?: typeof LESSON; epochs?: number; language?: 'en' | 'ru'; scheme?: Scheme } = {},
): Promise<{ page: Page; member: FakeMember; userId: number }> {
  const userId = nextUser++;
  const member = server.member(userId);
  member.language = options.language ?? 'en';
  member.rows = [...(options.rows ?? [])];
  if (options.epochs) {
    const model = createModel(DEFAULT_SETTINGS, 3);
    member.model = trainModel(model, member.rows, { epochs: options.epochs, stop: false }).model;
  }
  const initData = signedInitData(TOKEN, { id: userId, first_name: 'Ann', language_code: member.language });
  const page = await openApp(context, `${server.url}/app/`, initData, options.scheme ?? 'light');
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { page, member, userId };
}

/**
 * Run in the page: what a thumb or an eye would miss there, described: a control under 44 px high, text of
 * its own under 16 px (the chat's pictures aside), a page wider than the phone.
 */
const FIND_SMALL_THINGS = `(() => {
  const found = [];
  for (const element of document.querySelectorAll('button, input, textarea')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0 && box.height < 44) found.push(element.outerHTML.slice(0, 60) + ' is ' + box.height + ' px high');
  }
  for (const element of document.querySelectorAll('.app *:not(svg, svg *)')) {
    const own = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    const size = Number.parseFloat(getComputedStyle(element).fontSize);
    if (own && size < 16) found.push('"' + element.textContent.slice(0, 30) + '" is ' + size + ' px');
  }
  if (document.documentElement.scrollWidth > window.innerWidth) found.push('the page scrolls sideways');
  return found;
})()`;

/** How long a poll waits for what the page or the bot does: long enough for a busy machine. */
const SLOW = { timeout: 15_000 };
const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';
/** Where a line of an SVG starts and ends. */
const ends = async (line: Locator) =>
  (await Promise.all(['x1', 'y1', 'x2', 'y2'].map((name) => line.getAttribute(name)))).join();

describe('the page, in a phone-sized Chromium', () => {
  it('opens with signed initData and shows the neuron with the weights /weights shows', async () => {
    const { page, member } = await openFor({ rows: LESSON, epochs: 20_000 });
    const numbers = numberFormatFor('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Perceptron of Ann');
    for (const [i, weight] of (member.model?.weights ?? []).entries()) {
      expect(await text(page, `weight-${i + 1}`)).toBe(`w${i + 1} = ${numbers.fixed(weight)}`);
    }
    expect(await text(page, 'weight-1')).toBe('w1 = 10.38041');
    expect(await page.locator('[data-testid=neuron-picture] svg').count()).toBe(1);
    await page.close();
  });

  it("moving an input gives /predict's output and sum, to the digits shown", async () => {
    const { page, member } = await openFor({ rows: LESSON, epochs: 20_000 });
    const model = member.model as NonNullable<FakeMember['model']>;
    const numbers = numberFormatFor('en');
    // The first row, 0 0 1, is shown first; tapping x1 makes it 1 0 1.
    expect(await text(page, 'output')).toBe(numbers.fixed(predict(model, [0, 0, 1]).output));
    await page.getByTestId('input-1').click();
    const { sum, output } = predict(model, [1, 0, 1]);
    expect(await text(page, 'output')).toBe(numbers.fixed(output));
    expect(await text(page, 'sum')).toBe(`Weighted sum: ${numbers.fixed(sum)}`);
    expect(await text(page, 'label')).toBe('Class 1');
    expect(await page.getByTestId('input-1').getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });

  it('a row added in the page is stored, and one stored meanwhile shows after a reload', async () => {
    const { page, member } = await openFor({ rows: LESSON.slice(0, 2) });
    await page
      .getByTestId('rows')
      .waitFor({ state: 'detached', timeout: 100 })
      .catch(() => undefined);
    await page.locator('[data-tab=rows]').click();
    await page.getByTestId('new-input-1').click();
    await page.getByTestId('new-input-3').click();
    await page.getByTestId('new-output').click();
    await page.getByTestId('add-row').click();
    await expect.poll(() => member.rows.length, SLOW).toBe(3);
    expect(member.rows[2]).toEqual({ inputs: [1, 0, 1], output: 1 });
    await page.getByTestId('typed-rows').fill('0 1 1 -> 0');
    await page.getByTestId('add-typed').click();
    await expect.poll(() => member.rows.length, SLOW).toBe(4);
    await expect.poll(() => page.locator('[data-testid=rows] tbody tr').count(), SLOW).toBe(4);
    member.rows.push({ inputs: [1, 1, 0], output: 1 });
    await page.reload();
    await page.locator('[data-tab=rows]').click();
    expect(await page.locator('[data-testid=rows] tbody tr').count()).toBe(5);
    await page.getByTestId('delete-1').click();
    await expect.poll(() => member.rows.length, SLOW).toBe(4);
    expect(member.rows[0]).toEqual({ inputs: [1, 1, 1], output: 1 });
    await page.close();
  });

  it("a typed row the parser refuses shows the API's sentence and stores nothing", async () => {
    const { page, member } = await openFor({ rows: LESSON });
    await page.locator('[data-tab=rows]').click();
    await page.getByTestId('typed-rows').fill('zero one -> 1');
    await page.getByTestId('add-typed').click();
    expect(await text(page, 'error')).toBe('These rows do not read: type them as 0 1 -> 1.');
    expect(member.rows).toEqual(LESSON);
    await page.close();
  });

  it("Train shows the loss falling and ends with numpy's weights for the lesson", async () => {
    const { page, member } = await openFor({ rows: LESSON });
    await page.locator('[data-tab=train]').click();
    const polls: TrainingProgress[] = [];
    page.on('response', async (response) => {
      if (response.url().endsWith('/app/api/train') && response.request().method() === 'GET')
        polls.push((await response.json()) as TrainingProgress);
    });
    await page.getByTestId('train').click();
    await page.getByTestId('result').waitFor({ timeout: 20_000 });
    // The page polled while it ran, and drew each answer's curve: longer each time, and falling.
    expect(polls.length).toBeGreaterThan(2);
    const lengths = polls.map((progress) => progress.losses.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    const curve = polls.at(-1)?.losses ?? [];
    expect(curve.at(-1)?.loss).toBeLessThan((curve[0]?.loss ?? 0) / 10);
    expect(await text(page, 'loss')).toBe(`Loss now: ${numberFormatFor('en').loss(curve.at(-1)?.loss ?? 0)}`);
    expect(await page.locator('[data-testid=loss-curve] svg polyline').count()).toBeGreaterThan(0);
    expect(await text(page, 'epoch')).toBe('Epoch 20,000 of 20,000');
    expect(await text(page, 'result-weight-1')).toBe('w1 = 10.38041');
    expect(await text(page, 'result-weight-2')).toBe('w2 = -0.20641');
    expect(await text(page, 'result-weight-3')).toBe('w3 = -4.98452');
    expect(member.model?.epochsTrained).toBe(20_000);
    await page.locator('[data-tab=neuron]').click();
    expect(await text(page, 'weight-3')).toBe('w3 = -4.98452');
    await page.close();
  });

  it('Stop keeps the weights reached', async () => {
    const { page, member } = await openFor({ rows: LESSON });
    member.settings.epochs = 100_000;
    await page.reload();
    await page.locator('[data-tab=train]').click();
    await page.getByTestId('train').click();
    await page.getByTestId('loss').waitFor();
    await page.getByTestId('stop').click();
    await page.getByTestId('result').waitFor();
    const reached = member.model?.epochsTrained ?? 0;
    expect(reached).toBeGreaterThan(0);
    expect(reached).toBeLessThan(100_000);
    const numbers = numberFormatFor('en');
    const weights = member.model?.weights ?? [];
    expect(await text(page, 'result-weight-1')).toBe(`w1 = ${numbers.fixed(weights[0] as number)}`);
    await page.locator('[data-tab=neuron]').click();
    expect(await text(page, 'weight-1')).toBe(`w1 = ${numbers.fixed(weights[0] as number)}`);
    await page.close();
  });

  it('"Try it yourself" moves the plane\'s line, keeps the weights on request, and Back restores', async () => {
    const { page, member } = await openFor({ rows: LESSON, epochs: 20_000 });
    await page.locator('[data-tab=try]').click();
    const line = page.locator('[data-testid=plane] line[stroke-dasharray]');
    const before = await ends(line);
    const score = await text(page, 'score');
    await page.getByTestId('slider-3').fill('-2');
    const after = await ends(line);
    expect(after).not.toBe(before);
    expect(await text(page, 'score')).not.toBe(score);
    expect(await text(page, 'tried-3')).toBe('-2.00');
    await page.getByTestId('back').click();
    expect(await line.evaluate((l) => ['x1', 'y1', 'x2', 'y2'].map((a) => l.getAttribute(a)).join())).toBe(
      before,
    );
    await page.getByTestId('slider-3').fill('-2');
    await page.getByTestId('keep').click();
    await page.getByTestId('kept').waitFor();
    expect(member.model?.weights[2]).toBe(-2);
    await page.close();
  });

  it("a class exercise shows its statement, the member's best and the standings", async () => {
    const userId = nextUser;
    const member = server.member(userId);
    member.exercise = {
      title: 'AND gate',
      statement: 'Teach the neuron AND.',
      endsAt: new Date(Date.now() + 5 * 60_000).toISOString(),
      best: { accuracy: 0.75, loss: 0.1234 },
      standings: [
        { place: 1, name: 'Bea', accuracy: 1, loss: 0.01 },
        { place: 2, name: 'Ann', accuracy: 0.75, loss: 0.1234 },
      ],
    };
    const { page } = await openFor({ rows: LESSON, language: 'ru' });
    await page.locator('[data-tab=exercise]').click();
    expect(await text(page, 'statement')).toBe('Teach the neuron AND.');
    expect(await text(page, 'best')).toBe('Ваш лучший результат: точность 75%, потери 0,1234.');
    expect(await text(page, 'time-left')).toMatch(/^Осталось: [45]:\d\d$/);
    expect(await page.locator('[data-testid=standings] tbody tr').allTextContents()).toEqual([
      '1Bea100%0,0100',
      '2Ann75%0,1234',
    ]);
    await page.close();
  });

  it('a forged hash shows the refusal and changes nothing', async () => {
    const userId = nextUser++;
    const good = signedInitData(TOKEN, { id: userId, first_name: 'Eve' });
    const forged = good.replace(/hash=[0-9a-f]{4}/, 'hash=0000');
    const page = await openApp(context, `${server.url}/app/`, forged, 'light');
    await page.getByTestId('error').waitFor();
    expect(await text(page, 'error')).toMatch(/not opened from Telegram/);
    expect(server.members.get(userId)).toBeUndefined();
    await page.close();
  });

  for (const [language, scheme] of [
    ['en', 'light'],
    ['ru', 'dark'],
  ] as const) {
    it(`${language}, ${scheme}: Telegram's colours, the language's numbers, thumb-sized targets and readable text`, async () => {
      const { page } = await openFor({ rows: LESSON, epochs: 20_000, language, scheme });
      const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
      const hex = THEMES[scheme].bg_color;
      const rgb = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ');
      expect(background).toBe(`rgb(${rgb})`);
      expect(await text(page, 'weight-2')).toBe(language === 'ru' ? 'w2 = -0,20641' : 'w2 = -0.20641');
      for (const tab of ['neuron', 'try', 'rows', 'train']) {
        await page.locator(`[data-tab=${tab}]`).click();
        const small = await page.evaluate<string[]>(FIND_SMALL_THINGS);
        expect(small, tab).toEqual([]);
      }
      await page.close();
    });
  }
});

describe("the page's bundle", () => {
  it('weighs at most 100 KB of JavaScript after gzip, and index.html names its hashed files', () => {
    const files = readdirSync(APP);
    const scripts = files.filter((name) => name.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    const gzipped = scripts.reduce(
      (total, name) => total + gzipSync(readFileSync(join(APP, name))).length,
      0,
    );
    expect(gzipped).toBeLessThanOrEqual(100 * 1024);
    const index = readFileSync(join(APP, 'index.html'), 'utf8');
    for (const name of files.filter((f) => f !== 'index.html')) {
      expect(name).toMatch(/^[\w-]+-[A-Z0-9]{8}\.(js|css)$/);
      expect(index).toContain(`"${name}"`);
    }
    expect(index).toContain('src="https://telegram.org/js/telegram-web-app.js"');
  });
});
