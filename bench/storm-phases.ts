import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeBotApi } from '../src/dev/fake-bot-api.js';
import { ask, randomBits, type Student, trainAndWait } from './class-kit.js';

export type ProbeKind = 'predict' | 'add';

/** Reply times in milliseconds by command, and replies that were not the expected kind. */
export interface ProbeTimes {
  predict: number[];
  add: number[];
  unexpected: string[];
}

export const createProbeTimes = (): ProbeTimes => ({ predict: [], add: [], unexpected: [] });

const EXPECTED: Record<ProbeKind, RegExp> = { predict: /^🔮/u, add: /^✅ Added/u };

export interface ProbePlan {
  inputs: number;
  /** Think time between a reply and the next message, drawn uniformly from [min, max] ms. */
  thinkMs: [number, number];
  random: () => number;
}

/** One /predict or /add with one random row, timed from the send to the reply's arrival at the fake. */
async function probe(api: FakeBotApi, student: Student, kind: ProbeKind, plan: ProbePlan, into: ProbeTimes) {
  const bits = randomBits(plan.random, plan.inputs);
  const text = kind === 'predict' ? `/predict ${bits}` : `/add ${bits} -> ${plan.random() < 0.5 ? 0 : 1}`;
  const reply = await ask(api, student, text);
  if (EXPECTED[kind].test(reply.text)) into[kind].push(reply.ms);
  else into.unexpected.push(reply.text.slice(0, 80));
}

/** Alternates /predict and /add, with think time, while keepGoing() holds and at most `count` times. */
export async function probeLoop(
  api: FakeBotApi,
  student: Student,
  plan: ProbePlan,
  into: ProbeTimes,
  count: number,
  keepGoing: () => boolean = () => true,
): Promise<void> {
  for (let i = 0; i < count && keepGoing(); i++) {
    const [min, max] = plan.thinkMs;
    await sleep(min + plan.random() * (max - min));
    if (!keepGoing()) return;
    await probe(api, student, i % 2 === 0 ? 'predict' : 'add', plan, into);
  }
}

/**
 * Epochs of the largest training the limit allows; one row more than the student was last told, since an
 * /add sent just before the /train may land first.
 */
export function largestEpochs(student: Student, inputs: number, maxCost: number): number {
  return Math.floor(maxCost / ((student.rows + 1) * inputs));
}

export interface StormOutcome {
  /** Trainings that ended with their result, and how long each took from /train to the result (ms). */
  trainingMs: number[];
  /** Result texts that were not a finished training. */
  failures: string[];
  durationMs: number;
}

export interface StormPlan extends ProbePlan {
  maxCost: number;
  /** How long students keep starting trainings; each training begun is waited for. */
  windowMs: number;
  maxProbes: number;
}

/** Starts the largest allowed training again each time the last one's result arrives, while the window lasts. */
async function keepTraining(
  api: FakeBotApi,
  student: Student,
  plan: StormPlan,
  outcome: StormOutcome,
  inWindow: () => boolean,
) {
  while (inWindow()) {
    const startedAt = performance.now();
    const text = await trainAndWait(api, student, largestEpochs(student, plan.inputs, plan.maxCost));
    if (text.startsWith('✅ Trained')) outcome.trainingMs.push(performance.now() - startedAt);
    else outcome.failures.push(text.slice(0, 80));
  }
}

/**
 * For windowMs every student keeps the largest allowed training going (as a class pressing "Train more"
 * would) and alternates /predict and /add; probes sent in the window are timed to their replies.
 */
export async function runStorm(
  api: FakeBotApi,
  students: Student[],
  plan: StormPlan,
  into: ProbeTimes,
): Promise<StormOutcome> {
  const startedAt = performance.now();
  const inWindow = () => performance.now() - startedAt < plan.windowMs;
  const outcome: StormOutcome = { trainingMs: [], failures: [], durationMs: 0 };
  await Promise.all(
    students.map((student) =>
      Promise.all([
        keepTraining(api, student, plan, outcome, inWindow),
        probeLoop(api, student, plan, into, plan.maxProbes, inWindow),
      ]),
    ),
  );
  outcome.durationMs = performance.now() - startedAt;
  return outcome;
}
