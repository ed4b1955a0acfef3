import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type FakeBotApi, startFakeBotApi } from '../src/dev/fake-bot-api.js';
import { readDocument } from '../src/files/read-document.js';
import { encodeWindows1251, randomRows, toCsv } from '../test/helpers/files.js';
import { type BotSample, startBenchBot } from './bench-bot.js';
import {
  ask,
  createRandom,
  createStudents,
  FAST_OUTGOING,
  NO_FLOOD_LIMIT,
  type Student,
  trainAndWait,
} from './class-kit.js';
import { formatMs, formatTable, median, percentile, verdict } from './latency-stats.js';

const PREDICTORS = 10;
const PROBES = 30;
const THINK_MS: [number, number] = [50, 150];
/** Members sending files back to back at once, one phase each. */
const IMPORTER_PHASES = [1, 3];
const GOAL_RATIO = 3;
/** Idle and importing phases take turns, so that a change in the machine's load falls on all of them. */
const ROUNDS = 3;
const ADDED = /^✅ Added 1000 rows/u;

/** The heaviest file path: Windows-1251, a Cyrillic header, semicolons, decimal commas, CRLF. */
function makeFile(): Uint8Array {
  const header = [...Array.from({ length: 32 }, (_, i) => `признак${i + 1}`), 'ответ'];
  const csv = toCsv(randomRows(1000, 32, 2026), {
    separator: ';',
    decimalComma: true,
    lineEnd: '\r\n',
    header,
  });
  return encodeWindows1251(csv);
}

/** Each predictor asks /predict PROBES times with think time; reply times in ms. */
async function probePredictions(api: FakeBotApi, students: Student[], seed: number): Promise<number[]> {
  const random = createRandom(seed);
  const times: number[] = [];
  await Promise.all(
    students.map(async (student) => {
      for (let i = 0; i < PROBES; i++) {
        await sleep(THINK_MS[0] + random() * (THINK_MS[1] - THINK_MS[0]));
        const reply = await ask(api, student, '/predict 1 1 0');
        if (!reply.text.startsWith('🔮')) throw new Error(`unexpected reply ${JSON.stringify(reply.text)}`);
        times.push(reply.ms);
      }
    }),
  );
  return times;
}

/** New members send the file one after another while keepGoing holds; time from upload to "Added". */
async function importWhile(
  api: FakeBotApi,
  file: Uint8Array,
  lanes: { count: number; firstId: number },
  keepGoing: () => boolean,
) {
  const times: number[] = [];
  const { count, firstId } = lanes;
  await Promise.all(
    Array.from({ length: count }, async (_, lane) => {
      for (let i = 0; keepGoing(); i++) {
        const [member] = createStudents(api, 1, firstId + lane * 10_000 + i);
        if (!member) return;
        const sentAt = performance.now();
        api.uploadDocument(member.chat, member.user, {
          file_name: 'class.csv',
          bytes: file,
          mime_type: 'text/csv',
        });
        const reply = await api.waitForMessage(member.chat.id, undefined, 60_000);
        if (!ADDED.test(reply.text ?? '')) throw new Error(`unexpected reply ${JSON.stringify(reply.text)}`);
        times.push(performance.now() - sentAt);
      }
    }),
  );
  return times;
}

/** Members /predict while others import 1,000 x 32 CSV documents; the same members' /predict idle first. */
export async function runImportBenchmark(): Promise<void> {
  const api = await startFakeBotApi();
  const dataDir = await mkdtemp(join(tmpdir(), 'perceptron-bench-import-'));
  try {
    const file = makeFile();
    const limits = {
      maxRows: 1000,
      maxInputs: 32,
      maxEpochs: 100_000,
      maxLearningRate: 100,
      maxPopulation: 200,
    };
    const parse: number[] = [];
    for (let i = 0; i < 15; i++) {
      const start = performance.now();
      readDocument(file, { existingRows: 0 }, limits);
      parse.push(performance.now() - start);
    }
    const bot = await startBenchBot({ api, dataDir, outgoing: FAST_OUTGOING, env: NO_FLOOD_LIMIT });
    const students = createStudents(api, PREDICTORS, 7_000_001);
    for (const student of students) {
      // No picture after the setup's training: its rendering and upload would land in the first idle phase.
      await ask(api, student, '/set pictures off');
      await ask(api, student, '/example lesson');
      const result = await trainAndWait(api, student, 2000);
      if (!result.startsWith('✅ Trained')) throw new Error(`setup: /train ended ${JSON.stringify(result)}`);
    }
    await probePredictions(api, students.slice(0, 2), 1);
    await bot.sample();
    const idle: number[] = [];
    const idleSamples: BotSample[] = [];
    const phases: Phase[] = IMPORTER_PHASES.map((importers) => ({
      importers,
      predict: [],
      importTimes: [],
      samples: [],
    }));
    for (let round = 0; round < ROUNDS; round++) {
      idle.push(...(await probePredictions(api, students, 2 + round * 10)));
      idleSamples.push(await bot.sample());
      for (const [i, phase] of phases.entries()) {
        let importing = true;
        const firstId = 8_000_001 + (round * phases.length + i) * 100_000;
        const imports = importWhile(api, file, { count: phase.importers, firstId }, () => importing);
        phase.predict.push(...(await probePredictions(api, students, 3 + i + round * 10)));
        importing = false;
        phase.importTimes.push(...(await imports));
        phase.samples.push(await bot.sample());
      }
    }
    await bot.stop();
    print({ file, parse, idle, idleSamples, phases });
  } finally {
    await api.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

interface Phase {
  importers: number;
  predict: number[];
  importTimes: number[];
  /** The bot's own measures, one per round. */
  samples: BotSample[];
}

interface Measured {
  file: Uint8Array;
  parse: number[];
  idle: number[];
  idleSamples: BotSample[];
  phases: Phase[];
}

/** The worst round's event-loop delay, and the main thread's collection pauses over all rounds. */
function botColumns(samples: BotSample[]): string[] {
  const worst = (pick: (s: BotSample) => number) => Math.max(...samples.map(pick));
  const pauses = (kind: 'minor' | 'major') => {
    const count = samples.reduce((sum, s) => sum + s.gc[kind].count, 0);
    const total = samples.reduce((sum, s) => sum + s.gc[kind].totalMs, 0);
    return `${count}, ${formatMs(total)} / ${formatMs(worst((s) => s.gc[kind].maxMs))}`;
  };
  return [
    `${formatMs(worst((s) => s.eventLoop.p99))} / ${formatMs(worst((s) => s.eventLoop.max))}`,
    pauses('minor'),
    pauses('major'),
  ];
}

function print(m: Measured): void {
  console.log(
    `\nImport: ${PREDICTORS} members each send /predict ${PROBES} times (think ${THINK_MS[0]}-${THINK_MS[1]} ms),` +
      ` idle, then while other members send a 1,000 x 32 CSV (${Math.round(m.file.length / 1024)} KB,` +
      ' Windows-1251, header, semicolons, decimal commas, CRLF) back to back, each file to a new member: one' +
      ` such member, then three at once; the three phases take turns, ${ROUNDS} rounds. The bot runs in its own` +
      ' process with message pacing taken out (20 ms per chat); files are read on its worker pool.' +
      ' Event-loop delay: the worst round; collection pauses of its main thread: how many, their total / the longest.',
  );
  const row = (phase: string, times: number[], samples: BotSample[]) => [
    phase,
    String(times.length),
    formatMs(percentile(times, 50)),
    formatMs(percentile(times, 99)),
    formatMs(Math.max(...times)),
    ...botColumns(samples),
  ];
  const header = [
    'phase',
    '/predict replies',
    'p50',
    'p99',
    'max',
    'bot event-loop delay p99 / max',
    'scavenges',
    'full collections',
  ];
  const busy = m.phases.map((p) => row(`${p.importers} importing`, p.predict, p.samples));
  console.log(formatTable(header, [row('idle', m.idle, m.idleSamples), ...busy]));
  for (const phase of m.phases) {
    const ratio = percentile(phase.predict, 99) / percentile(m.idle, 99);
    console.log(
      `${phase.importers} importing: p99 / idle p99, /predict: ${ratio.toFixed(2)} (goal <= ${GOAL_RATIO}:` +
        ` ${verdict(ratio <= GOAL_RATIO)}); import time from the upload to "Added 1000 rows": ` +
        `${phase.importTimes.length} imports, p50 ${formatMs(median(phase.importTimes))}, max ${formatMs(Math.max(...phase.importTimes))}`,
    );
  }
  console.log(
    `reading the file alone (decode and parse, in this process): median ${formatMs(median(m.parse))}`,
  );
}
