import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, onTestFailed, onTestFinished } from 'vitest';
import type { FakeBotApi, FakeChat, FakeMessage } from '../../../src/dev/fake-bot-api.js';
import { freePort } from '../../../src/dev/free-port.js';
import { startWebhookDispatcher, type WebhookDispatcher } from '../../../src/dev/webhook-dispatcher.js';
import { createTestDatabase, type TestDatabase } from '../../helpers/test-database.js';
import { createTestRedis, type TestRedis } from '../../helpers/test-redis.js';
import { webhookEnv } from '../../helpers/webhook-delivery.js';
import { type BotProcess, botEnv, nextCall, spawnBot } from './bot-process.js';
import { jobsStarted, startWorker } from './worker-process.js';

/** The servers of a file's tests: a PostgreSQL database and a Redis prefix of each test's own. */
export interface ClusterServers {
  readonly database: TestDatabase;
  readonly redis: TestRedis;
  /**
   * What every instance and worker of the test gets: its database and Redis prefix, lost workers and
   * instances noticed within seconds, one pool thread, no reply pacing in the way, long trainings allowed.
   */
  env(extra?: Record<string, string>): Record<string, string>;
}

/** Makes each test of the file its own database and Redis prefix, and drops both after it. */
export function useClusterServers(): ClusterServers {
  let database: TestDatabase | undefined;
  let redis: TestRedis | undefined;
  beforeEach(async () => {
    redis = await createTestRedis();
    database = await createTestDatabase();
  });
  afterEach(async () => {
    await database?.drop();
    await redis?.drop();
  });
  const made = <T>(server: T | undefined): T => {
    if (!server) throw new Error('the servers are made before each test');
    return server;
  };
  return {
    get database() {
      return made(database);
    },
    get redis() {
      return made(redis);
    },
    env(extra = {}) {
      return {
        REDIS_URL: made(redis).url,
        REDIS_PREFIX: made(redis).prefix,
        QUEUE_STALLED_SECONDS: '2',
        QUEUE_HANDOVER_SECONDS: '1',
        DATABASE_URL: made(database).url,
        TRAINING_WORKERS: '1',
        MAX_EPOCHS: '1000000',
        MAX_TRAINING_COST: '1000000000',
        MESSAGES_PER_MINUTE: '10000',
        ...extra,
      };
    },
  };
}

/**
 * Starts dist/main.js in webhook mode with `env` (the webhook's variables and PORT included) and a data
 * folder `name` of its own; resolves once it set its webhook, throws what it printed if it exits first.
 */
export async function launchInstance(
  api: FakeBotApi,
  cwd: string,
  name: string,
  env: Record<string, string>,
): Promise<BotProcess> {
  const listening = nextCall(api, 'setWebhook');
  const child = spawnBot(botEnv(api, join(cwd, name), env), cwd);
  await Promise.race([
    listening,
    child.exited.then((exit) => {
      throw new Error(`${name} exited (${JSON.stringify(exit)}): ${child.stderr()}${child.stdout()}`);
    }),
  ]);
  return child;
}

/** Polls until `find` gives a value; `what` names it in the error (a function: read at the timeout). */
export async function pollFor<T>(
  find: () => T | undefined,
  what: string | (() => string),
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await sleep(25);
  }
}

export interface ClusterOptions {
  instances: number;
  workers: number;
  /** Environment every instance and worker gets (REDIS_URL, REDIS_PREFIX, DATABASE_URL, limits...). */
  shared: Record<string, string>;
}

/** A webhook instance on a port of its own, which keeps its port when started again. */
export interface ClusterInstance {
  readonly port: number;
  process: BotProcess;
}

/**
 * dist/main.js instances in webhook mode and dist/worker/main.js workers, with a round-robin dispatcher
 * delivering the fake Bot API's updates to the instances. Everything is stopped when the test ends.
 */
export interface Cluster {
  instances: ClusterInstance[];
  workers: BotProcess[];
  dispatcher: WebhookDispatcher;
  /** Every instance and worker started, the killed ones too, in start order. */
  everyProcess: BotProcess[];
  /** Starts instance i again on its port (after it was killed); resolves once it set its webhook. */
  restartInstance(i: number): Promise<void>;
  restartWorker(i: number): Promise<void>;
  /** Every line the processes printed that names the chat, for a failure's message. */
  logsAbout(chatId: number): string;
}

export async function startCluster(api: FakeBotApi, cwd: string, options: ClusterOptions): Promise<Cluster> {
  const hook = webhookEnv();
  const ports = await Promise.all(Array.from({ length: options.instances }, () => freePort()));
  const everyProcess: BotProcess[] = [];
  const launch = async (i: number): Promise<BotProcess> => {
    const env = { LOG_LEVEL: 'info', ...options.shared, ...hook, PORT: String(ports[i]) };
    const child = await launchInstance(api, cwd, `instance-${i}`, env);
    everyProcess.push(child);
    return child;
  };
  const instances: ClusterInstance[] = [];
  for (const [i, port] of ports.entries()) instances.push({ port, process: await launch(i) });
  const workers: BotProcess[] = [];
  const spawnWorker = async () => {
    const worker = await startWorker({ BOT_TOKEN: api.token, ...options.shared }, cwd);
    everyProcess.push(worker);
    return worker;
  };
  for (let i = 0; i < options.workers; i++) workers.push(await spawnWorker());
  const path = new URL(hook.WEBHOOK_URL).pathname;
  const dispatcher = startWebhookDispatcher(api, {
    targets: ports.map((port) => `http://127.0.0.1:${port}${path}`),
    secret: hook.WEBHOOK_SECRET,
  });
  onTestFinished(() => dispatcher.close());
  // What the processes wrote says why a wait timed out: kept whole in a file of each, outside the test's
  // folder (removed with the test).
  onTestFailed(() => {
    const tail = (text: string) => text.split('\n').slice(-15).join('\n');
    const logs = mkdtempSync(join(tmpdir(), 'perceptron-cluster-logs-'));
    for (const [i, child] of everyProcess.entries()) {
      writeFileSync(join(logs, `process-${i}.log`), `${child.stdout()}${child.stderr()}`);
      console.error(`process ${i} (pid ${child.child.pid}) stderr:\n${tail(child.stderr())}`);
    }
    console.error(`dispatcher: ${JSON.stringify(dispatcher.stats)}; every process's output is in ${logs}`);
  });
  return {
    instances,
    workers,
    dispatcher,
    everyProcess,
    async restartInstance(i) {
      (instances[i] as ClusterInstance).process = await launch(i);
    },
    async restartWorker(i) {
      workers[i] = await spawnWorker();
    },
    logsAbout: (chatId) =>
      everyProcess
        .flatMap((p) => `${p.stdout()}${p.stderr()}`.split('\n'))
        .filter((line) => line.includes(String(chatId)))
        .join('\n'),
  };
}

/** What killAndRestart did: which worker it killed, and what had happened by then. */
export interface Kill {
  worker: number;
  /** Updates instance 0 had answered 2xx when it was killed. */
  deliveredAtKill: number;
  /** Jobs the killed worker had started. */
  killedJobs: string[];
}

/**
 * Once `ready` says so, kills instance 0 and a worker that started a job (the first, when none has) with
 * SIGKILL; three seconds later starts both again.
 */
export async function killAndRestart(cluster: Cluster, ready: () => boolean, waitMs = 60_000): Promise<Kill> {
  await pollFor(() => (ready() ? true : undefined), 'the class under way', waitMs);
  const busy = cluster.workers.findIndex((w) => jobsStarted(w).length > 0);
  const w = busy === -1 ? 0 : busy;
  const killedWorker = cluster.workers[w];
  const killedInstance = cluster.instances[0]?.process;
  killedInstance?.child.kill('SIGKILL');
  killedWorker?.child.kill('SIGKILL');
  await Promise.all([killedInstance?.exited, killedWorker?.exited]);
  const deliveredAtKill = cluster.dispatcher.stats.byTarget[0] ?? 0;
  await sleep(3000);
  await cluster.restartInstance(0);
  await cluster.restartWorker(w);
  return { worker: w, deliveredAtKill, killedJobs: killedWorker ? jobsStarted(killedWorker) : [] };
}

/** A training's end, as the progress message becomes it (or a new message says it). */
export const isResultText = (text: string) => /^(✅ Trained|⏹ Stopped)/u.test(text);

/** Every text the bot turned into a training's result in a chat (sent or edited), with its message id. */
export function resultCalls(api: FakeBotApi, chat: FakeChat): Array<{ messageId: number; text: string }> {
  return api.calls
    .filter(
      (call) =>
        (call.method === 'editMessageText' || call.method === 'sendMessage') &&
        call.answer?.ok === true &&
        Number(call.payload.chat_id) === chat.id &&
        isResultText(String(call.payload.text)),
    )
    .map((call) => ({
      messageId: Number(
        call.payload.message_id ??
          (call.answer?.ok ? (call.answer.result as { message_id?: number }).message_id : undefined),
      ),
      text: String(call.payload.text),
    }));
}

/** The bot's messages in a chat after `after` (a message id) that match. */
export const botMessages = (
  api: FakeBotApi,
  chat: FakeChat,
  after: number,
  match: (text: string) => boolean,
) =>
  api
    .messages(chat.id)
    .filter((m: FakeMessage) => m.message_id > after && m.from?.is_bot === true && match(m.text ?? ''));
