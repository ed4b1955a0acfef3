import { rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { startFakeBotApi } from '../src/dev/fake-bot-api.js';
import { freePort } from '../src/dev/free-port.js';
import { signInitData } from '../src/dev/sign-init-data.js';
import { launchBrowser, TELEGRAM_SCRIPT, telegramStandIn } from '../test/browser/browser-kit.js';
import { startBenchBot } from './bench-bot.js';
import {
  ask,
  copyDataDir,
  createRandom,
  createStudents,
  FAST_OUTGOING,
  INPUTS,
  MAX_COST,
  NO_FLOOD_LIMIT,
  STUDENTS,
  type Student,
  setUpClass,
  THINK_MS,
  trainAndWait,
} from './class-kit.js';
import { formatMs, formatTable, median, percentile, verdict } from './latency-stats.js';
import { createProbeTimes, runStorm } from './storm-phases.js';

// `npm run bench -- app`: the Mini App on the bot, in one run: how soon the page paints in Chromium with its
// CPU slowed 4x, how soon a weight slider's move shows, and the API's reply times while a class trains
// against the same API idle.

const ROWS = 300;
const LOADS = 7;
const MOVES = 30;
const API_PROBES = 12;
const STORM_WINDOW_MS = 15_000;
const CPU_SLOWDOWN = 4;
const PAINT_GOAL_MS = 1000;

// Run in the page before its own scripts: when the neuron's output is first in the document, the time of
// the frame that shows it.
const WATCH_FIRST_NEURON = `
  window.__neuronShown = new Promise((resolve) => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid=output]')) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    }).observe(document, { childList: true, subtree: true });
  });`;

// One move of the first weight's slider, as a finger makes it: the input event, until the frame that shows
// the new loss and accuracy (and the plane's line, drawn in the same render).
const MOVE_SLIDER = `new Promise((resolve) => {
  const slider = document.querySelector('[data-testid=slider-1]');
  const score = document.querySelector('[data-testid=score]');
  const before = score.textContent;
  const start = performance.now();
  const observer = new MutationObserver(() => {
    if (score.textContent === before) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now() - start));
  });
  observer.observe(score, { subtree: true, childList: true, characterData: true });
  slider.value = String(Number(slider.value) > 0 ? -3 - Math.random() : 3 + Math.random());
  slider.dispatchEvent(new Event('input', { bubbles: true }));
})`;

interface PageTimes {
  /** First contentful paint, from the start of navigation. */
  firstPaint: number[];
  /** The neuron drawn with the member's weights: the first meaningful paint. */
  neuron: number[];
}

/** Opens the page `loads` times with an empty cache and the CPU slowed, and times its paints. */
async function timeLoads(
  context: BrowserContext,
  url: string,
  initData: string,
  loads: number,
): Promise<PageTimes> {
  const times: PageTimes = { firstPaint: [], neuron: [] };
  for (let i = 0; i < loads; i++) {
    const page = await slowPage(context, initData);
    await page.addInitScript(WATCH_FIRST_NEURON);
    await page.goto(url);
    times.neuron.push(await page.evaluate<number>('window.__neuronShown'));
    times.firstPaint.push(
      await page.evaluate<number>(
        "performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN",
      ),
    );
    await page.close();
  }
  return times;
}

/** A new tab with Telegram's stand-in, no cache, and its CPU slowed CPU_SLOWDOWN times. */
async function slowPage(context: BrowserContext, initData: string): Promise<Page> {
  const page = await context.newPage();
  await page.route(TELEGRAM_SCRIPT, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: telegramStandIn(initData, 'light') }),
  );
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return page;
}

async function timeSliderMoves(context: BrowserContext, url: string, initData: string): Promise<number[]> {
  const page = await slowPage(context, initData);
  await page.goto(url);
  await page.locator('[data-tab=try]').click();
  await page.getByTestId('score').waitFor();
  const times: number[] = [];
  for (let i = 0; i < MOVES; i++) times.push(await page.evaluate<number>(MOVE_SLIDER));
  await page.close();
  return times;
}

/** Each student asks GET /app/api/state and GET /app/api/train in turn, with think time, timed. */
async function probeApi(
  base: string,
  signed: Map<number, string>,
  students: Student[],
  into: number[],
  keepGoing: () => boolean,
  count: number,
  random: () => number,
): Promise<void> {
  await Promise.all(
    students.map(async (student) => {
      for (let i = 0; i < count && keepGoing(); i++) {
        await sleep(THINK_MS[0] + random() * (THINK_MS[1] - THINK_MS[0]));
        const started = performance.now();
        const response = await fetch(`${base}/app/api/${i % 2 === 0 ? 'state' : 'train'}`, {
          headers: { authorization: `tma ${signed.get(student.user.id)}` },
        });
        await response.arrayBuffer();
        if (response.status === 200) into.push(performance.now() - started);
        else throw new Error(`GET answered ${response.status}`);
      }
    }),
  );
}

const describe = (values: number[]) => [
  String(values.length),
  formatMs(median(values)),
  formatMs(percentile(values, 99)),
  formatMs(Math.max(...values)),
];

export async function runAppBenchmark(): Promise<void> {
  const api = await startFakeBotApi();
  const browser = await launchBrowser();
  let stopBot: (() => Promise<unknown>) | undefined;
  try {
    const { students, prepared, setupMs } = await setUpClass(api, 7_000_001, ROWS, 20_261_207);
    const [learner] = createStudents(api, 1, 7_100_001) as [Student];
    const port = await freePort();
    const dataDir = await copyDataDir(prepared);
    const bot = await startBenchBot({
      api,
      dataDir,
      outgoing: FAST_OUTGOING,
      env: { ...NO_FLOOD_LIMIT, PUBLIC_URL: 'https://bot.example.org', PORT: String(port) },
    });
    stopBot = () => bot.stop();
    const base = `http://127.0.0.1:${port}`;
    const url = `${base}/app/`;
    const sign = (student: Student) =>
      signInitData(api.token, { user: { id: student.user.id, first_name: student.user.first_name } });
    await ask(api, learner, '/example lesson');
    await trainAndWait(api, learner, 20_000);
    await api.waitForIdle(30_000);
    const lessonData = sign(learner);
    const wideData = sign(students[0] as Student);

    const { context } = browser;
    await timeLoads(context, url, lessonData, 1);
    const lesson = await timeLoads(context, url, lessonData, LOADS);
    const wide = await timeLoads(context, url, wideData, LOADS);
    const moves = await timeSliderMoves(context, url, lessonData);

    const signed = new Map(students.map((student) => [student.user.id, sign(student)]));
    const random = createRandom(7);
    await probeApi(base, signed, students, [], () => true, 2, random);
    const idle: number[] = [];
    await probeApi(base, signed, students, idle, () => true, API_PROBES, random);
    const storm: number[] = [];
    const stormStart = performance.now();
    const inWindow = () => performance.now() - stormStart < STORM_WINDOW_MS;
    const plan = {
      inputs: INPUTS,
      thinkMs: THINK_MS,
      random,
      maxCost: MAX_COST,
      windowMs: STORM_WINDOW_MS,
      maxProbes: 0,
    };
    const [outcome, stormLoad] = await Promise.all([
      runStorm(api, students, plan, createProbeTimes()),
      (async () => {
        await sleep(3000);
        return timeLoads(context, url, lessonData, 3);
      })(),
      probeApi(base, signed, students, storm, inWindow, 1000, random),
    ]);
    await api.waitForIdle(60_000);
    stopBot = undefined;
    await bot.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(prepared, { recursive: true, force: true });

    console.log(
      `\nMini App: the page built in dist/app/, served by the bot (its own process) on 127.0.0.1; Chromium headless` +
        ` (${CPU_SLOWDOWN}x CPU slowdown by Emulation.setCPUThrottlingRate, cache off, 390x844 at 2x);` +
        ` ${STUDENTS} students with ${ROWS} rows x ${INPUTS} inputs (setup ${formatMs(setupMs)}).`,
    );
    console.log(
      formatTable(
        ['page (CPU slowed 4x)', 'loads', 'p50', 'p99', 'max'],
        [
          ['first contentful paint, the lesson (4 rows x 3)', ...describe(lesson.firstPaint)],
          ['the neuron drawn (first meaningful paint), the lesson', ...describe(lesson.neuron)],
          [`the neuron drawn, ${ROWS} rows x ${INPUTS} inputs`, ...describe(wide.neuron)],
          ['the neuron drawn, the lesson, during the storm', ...describe(stormLoad.neuron)],
          ['a weight slider moved to its loss, accuracy and line shown', ...describe(moves)],
        ],
      ),
    );
    const worst = Math.max(...lesson.neuron, ...wide.neuron);
    console.log(
      `first meaningful paint <= ${PAINT_GOAL_MS} ms with the CPU slowed 4x, bot idle: ${verdict(worst <= PAINT_GOAL_MS)}` +
        ` (worst ${formatMs(worst)})`,
    );
    console.log(
      formatTable(
        ['API phase', 'GET state / train', 'p50', 'p99', 'max'],
        [
          ['idle', ...describe(idle)],
          [
            `storm (${outcome.trainingMs.length} trainings in ${formatMs(outcome.durationMs)})`,
            ...describe(storm),
          ],
        ],
      ),
    );
    console.log(
      `API p99 storm / idle: ${(percentile(storm, 99) / percentile(idle, 99)).toFixed(2)}; a GET of state carries` +
        ` the member's ${ROWS} rows; ${outcome.failures.length} trainings failed`,
    );
  } finally {
    await stopBot?.().catch(() => undefined);
    await browser.close();
    await api.close();
  }
}
