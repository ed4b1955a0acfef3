import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeBotApi } from '../src/dev/fake-bot-api.js';
import { ask, type Student, trainAndWait } from './class-kit.js';

const BURST_MS = 1_000;

/** Reply times in milliseconds by command, and replies that were not the expected kind. */
export interface Times {
  submit: number[];
  predict: number[];
  unexpected: string[];
}

export const newTimes = (): Times => ({ submit: [], predict: [], unexpected: [] });

async function timed(
  api: FakeBotApi,
  student: Student,
  text: string,
  kind: 'submit' | 'predict',
  into: Times,
) {
  const reply = await ask(api, student, text);
  if ((kind === 'submit' ? /^📨 /u : /^🔮/u).test(reply.text)) into[kind].push(reply.ms);
  else into.unexpected.push(reply.text.slice(0, 80));
}

/** Each burst: every submitter sends /submit at a random moment within one second. */
export async function submitBursts(
  api: FakeBotApi,
  submitters: Student[],
  random: () => number,
  into: Times,
  bursts = 1,
) {
  for (let burst = 0; burst < bursts; burst++) {
    await Promise.all(
      submitters.map(async (student) => {
        await sleep(random() * BURST_MS);
        await timed(api, student, '/submit', 'submit', into);
      }),
    );
  }
}

/**
 * Other users ask /predict until `done`: the first at a random moment of the burst's second, then each
 * `thinkMs` (from, to) after the last reply.
 */
export async function predictUntil(
  api: FakeBotApi,
  predictors: Student[],
  random: () => number,
  into: Times,
  done: Promise<void>,
  thinkMs: [number, number],
) {
  let over = false;
  void done.then(() => {
    over = true;
  });
  await Promise.all(
    predictors.map(async (student) => {
      await sleep(random() * BURST_MS);
      while (!over) {
        await timed(api, student, '/predict 1 1 0', 'predict', into);
        await sleep(thinkMs[0] + random() * (thinkMs[1] - thinkMs[0]));
      }
    }),
  );
}

/** A group exercise on `and`; every submitter joins it in private through the link and trains. */
export async function setUpExercise(api: FakeBotApi, submitters: Student[], predictors: Student[]) {
  const group = api.group(-4_000_001, 'Bench class', 'supergroup');
  const teacher = api.user(4_000_001, { language_code: 'en' });
  api.setChatMember(group.id, teacher, 'administrator');
  api.sendText(group, teacher, '/exercise and');
  const announcement = await api.waitForMessage(
    group.id,
    (m) => m.text?.includes('Exercise') ?? false,
    60_000,
  );
  const url = api.buttons(announcement).find((b) => b.url)?.url ?? '';
  const payload = new URL(url).searchParams.get('start') ?? '';
  await Promise.all([
    ...submitters.map(async (student) => {
      await ask(api, student, `/start ${payload}`);
      await ask(api, student, '/example and');
      await trainAndWait(api, student, 2000);
    }),
    ...predictors.map(async (student) => {
      await ask(api, student, '/example lesson');
      await trainAndWait(api, student, 20_000);
    }),
  ]);
}
