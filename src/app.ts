import { join } from 'node:path';
import type { Telegraf } from 'telegraf';
import { reportComparisonCutOff } from './bot/compare/compare-cut-off.js';
import { createBot } from './bot/create-bot.js';
import { clearTimers, createClassroom } from './bot/exercises/classroom.js';
import { endExercise, resumeDeadlines } from './bot/exercises/exercise-end.js';
import { createBackgroundTasks } from './bot/kit/background-tasks.js';
import type { BotContext } from './bot/kit/bot-context.js';
import type { BotDependencies } from './bot/kit/bot-dependencies.js';
import { createBotIntake } from './bot/kit/bot-intake.js';
import { publishCommandMenus } from './bot/kit/commands-menu.js';
import { reportInterruptedTrainings } from './bot/training/interrupted-trainings.js';
import { deliverHandedOver } from './bot/training/train-handover.js';
import { abandonedTrainings, readTrainingMessages } from './bot/training/training-messages.js';
import type { Config, QueueConfig } from './config/config.js';
import type { Logger } from './config/logger.js';
import { openDocumentStores } from './document-stores.js';
import { checkFolderWritable } from './http/folder-check.js';
import { type HttpServer, startHttpServer } from './http/http-server.js';
import { createRouter } from './http/router.js';
import { createWebhookReceiver } from './http/webhook-receiver.js';
import { createI18n } from './i18n/i18n.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { createMetricsRoute, METRICS_PATH } from './metrics/metrics-route.js';
import { withdrawMenuButton } from './miniapp/menu-button.js';
import { createMiniApp, type MiniAppOptions } from './miniapp/mini-app.js';
import { observeLimiter, observeTraining, serveMetrics, timeTrainings } from './observability.js';
import { createBoardGate } from './queue/board-gate.js';
import { createDeadlineJobs } from './queue/deadline-jobs.js';
import { WORK_QUEUE } from './queue/queue-keys.js';
import { createQueueRunner } from './queue/queue-runner.js';
import { openRedis } from './queue/redis-options.js';
import { openSharedLimits } from './shared-limits.js';
import { shutDown } from './shut-down.js';
import { createKeyedQueue } from './storage/keyed-queue.js';
import { createOutgoingLimiter, type OutgoingLimiterOptions } from './telegram/rate-limit.js';
import { createSharedUpdateJournal } from './telegram/shared-update-journal.js';
import { retryAtStart } from './telegram/startup-retry.js';
import { createUpdateJournal } from './telegram/update-journal.js';
import { type CallApi, createUpdatePoller } from './telegram/update-poller.js';
import { createExecutor } from './training/choose-executor.js';
import { createPoolRenderer } from './training/picture-renderer.js';
import { createTrainingRunner } from './training/training-runner.js';

export interface App {
  bot: Telegraf<BotContext>;
  deps: BotDependencies;
  /**
   * Connects, replays updates a crash cut off, starts long polling (or, with WEBHOOK_URL, serves the
   * webhook and sets it) and publishes the command menus.
   */
  start(): Promise<void>;
  /**
   * Stops polling (or takes no new webhook request and answers those in flight), stops trainings (saving
   * their weights and telling their owners) and flushes storage, within SHUTDOWN_SECONDS; what could not
   * be sent by then is logged.
   */
  stop(reason: string): Promise<void>;
  /**
   * Settles when polling ends (or the webhook's server, once stopped, has answered its last request);
   * rejects when polling fails (another instance polls with the token, the token was revoked).
   */
  done: Promise<void>;
  /** The port the webhook is served on once started; undefined when polling. */
  webhookPort(): number | undefined;
  /** The port the Mini App is served on once started (the webhook's, when there is one); undefined without it. */
  miniAppPort(): number | undefined;
  /** The port of METRICS_PORT's server once started; undefined without one. */
  metricsPort(): number | undefined;
  /** This process's metrics, served at GET /metrics. */
  metrics: Metrics;
}

/** The updates the bot asks Telegram for, polling or by webhook. */
const ALLOWED_UPDATES = ['message', 'callback_query'];
/** The document GET /healthz reads to learn that the store answers; it is never written. */
const HEALTH_KEY = 'health-check';

export interface AppOptions {
  /** Pacing of outgoing calls; tests make the intervals tiny. */
  outgoing?: Partial<OutgoingLimiterOptions>;
  progressIntervalMs?: { private: number; group: number };
  /** Minimum time between two edits of one group's exercise board; 15 s by default. */
  exerciseBoardIntervalMs?: number;
  /** Told once, at the first failed call at start that will be tried again (no network, a 5xx). */
  onStartupRetry?: (error: unknown) => void;
  /** Where the Mini App's page is and how it is served, when PUBLIC_URL is set (or the terminal chat's mode). */
  miniApp?: MiniAppOptions;
}

/** Builds the bot and everything it needs from a validated config. Starts nothing. */
export function createApp(
  config: Config & { botToken: string },
  logger: Logger,
  options: AppOptions = {},
): App {
  const storeLogger = logger.child({ module: 'store' });
  const recovered = { perceptrons: new Set<string>(), profiles: new Set<string>() };
  const metrics = createMetrics({ instanceId: config.instanceId });
  const executor = createExecutor({ threads: config.limits.trainingWorkers, nice: config.limits.workerNice });
  const stores = openDocumentStores(config, storeLogger, recovered, metrics);
  const miniApp = config.miniApp && createMiniApp(config.miniApp, options.miniApp);
  const shared =
    config.queue && openSharedWork(config.queue, config.startupRetrySeconds * 1000, logger, metrics);
  const trainer = shared ? shared.runner : createTrainingRunner(timeTrainings(executor, metrics));
  const globalPerSecond = options.outgoing?.globalPerSecond ?? 30;
  const sharedLimits = config.redisUrl
    ? openSharedLimits(config.redisUrl, config.redisPrefix, config.botToken, globalPerSecond, logger)
    : undefined;
  const onLimiterEvent = observeLimiter(metrics, logger);
  const deps: BotDependencies = {
    config,
    logger,
    i18n: createI18n(config.defaultLanguage),
    perceptrons: stores.perceptrons,
    profiles: stores.profiles,
    shares: stores.shares,
    trainingMessages: stores.trainingMessages,
    trainer: miniApp ? miniApp.watchTrainings(trainer) : trainer,
    memberTurns: createKeyedQueue(),
    readDocument: executor.readDocument,
    pictures: shared ? shared.runner.pictures : createPoolRenderer(executor.pool),
    exercises: stores.exercises,
    classroom: createClassroom({
      ...(options.exerciseBoardIntervalMs === undefined
        ? {}
        : { boardIntervalMs: options.exerciseBoardIntervalMs }),
      ...(shared ? { shared: shared.classroom } : {}),
    }),
    outgoing: createOutgoingLimiter({
      callTimeoutMs: config.timeouts.apiSeconds * 1000,
      ...options.outgoing,
      ...(sharedLimits ? { shared: sharedLimits.budget } : {}),
      onEvent: (event) => {
        onLimiterEvent(event);
        options.outgoing?.onEvent?.(event);
      },
    }),
    metrics,
    ...(options.progressIntervalMs ? { progressIntervalMs: options.progressIntervalMs } : {}),
    background: createBackgroundTasks((error) => logger.error({ err: error }, 'a background task failed')),
    recovered,
  };
  const bot = createBot(
    { token: config.botToken, ...(config.telegramApiRoot ? { apiRoot: config.telegramApiRoot } : {}) },
    deps,
  );
  // Replies go as calls of their own, whose failures the bot sees, never inside a webhook's answer.
  bot.telegram.webhookReply = false;
  const inbox = join(config.dataDir, 'inbox');
  // With a database the journal is there, shared by every instance; else the inbox folder is this one's.
  const sharedJournal =
    stores.database &&
    createSharedUpdateJournal(
      stores.database.journal({
        holder: `${config.instanceId}-${process.pid}-${Date.now().toString(36)}`,
        leaseMs: config.journal.leaseSeconds * 1000,
        waitMs: config.journal.waitSeconds * 1000,
      }),
      { sweepMs: (config.journal.leaseSeconds * 1000) / 2, logger: storeLogger, sole: !config.webhook },
    );
  const journal = sharedJournal ?? createUpdateJournal(inbox, storeLogger);
  const intake = createBotIntake(bot, deps, journal);
  const callApi = bot.telegram.callApi.bind(bot.telegram) as CallApi;
  const poller = createUpdatePoller({
    callApi,
    allowedUpdates: ALLOWED_UPDATES,
    receive: (batch) => {
      metrics.updatesReceived.inc({ source: 'polling' }, batch.length);
      return intake.receive(batch);
    },
    logger,
  });
  let retrying = false;
  const atStart = {
    forMs: config.startupRetrySeconds * 1000,
    logger,
    onRetrying: (error: unknown) => {
      if (!retrying) options.onStartupRetry?.(error);
      retrying = true;
    },
  };
  const webhook =
    config.webhook &&
    createWebhookReceiver({
      webhook: config.webhook,
      allowedUpdates: ALLOWED_UPDATES,
      accept: (update) => {
        metrics.updatesReceived.inc({ source: 'webhook' });
        return intake.accept(update);
      },
      checks: {
        store: () => deps.perceptrons.read(HEALTH_KEY),
        queue: () =>
          Promise.all([
            sharedJournal ? sharedJournal.check() : checkFolderWritable(inbox),
            shared?.runner.ping(),
          ]),
      },
      setWebhook: (parameters) =>
        retryAtStart('setWebhook', () => callApi('setWebhook', parameters), atStart),
      logger,
      track: (task) => deps.background.track(task),
    });
  // With a webhook the app shares its server; with long polling it gets one of its own on PORT.
  const appRouter = miniApp ? (webhook?.router ?? createRouter()) : undefined;
  if (miniApp && appRouter) miniApp.mount(appRouter, deps, bot, config.botToken);
  let appServer: HttpServer | undefined;
  webhook?.router.mount('GET', METRICS_PATH, createMetricsRoute(metrics));
  const ownMetricsPort =
    config.metricsPort !== undefined && config.metricsPort !== config.webhook?.port
      ? config.metricsPort
      : undefined;
  let metricsServer: HttpServer | undefined;
  let polling: Promise<void> | undefined;
  let settle: { resolve: () => void; reject: (error: unknown) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });

  return {
    bot,
    deps,
    done,
    webhookPort: () => webhook?.port(),
    miniAppPort: () => (miniApp ? (webhook?.port() ?? appServer?.port) : undefined),
    metricsPort: () => metricsServer?.port,
    metrics,
    async start() {
      await stores.ready;
      await shared?.runner.ready();
      await sharedLimits?.ready();
      if (ownMetricsPort !== undefined) {
        metricsServer = await serveMetrics(ownMetricsPort, metrics, logger, (task) =>
          deps.background.track(task),
        );
        logger.info({ port: metricsServer.port }, 'GET /metrics is served');
      }
      bot.botInfo ??= await retryAtStart('getMe', () => bot.telegram.getMe(), atStart);
      if (!webhook) await retryAtStart('deleteWebhook', () => bot.telegram.deleteWebhook(), atStart);
      // Read before anything can start a training of this run; with workers, a training still queued,
      // running or waiting for its result to be delivered was not cut off.
      const noted = await readTrainingMessages(deps.trainingMessages);
      const cutOff = shared ? await abandonedTrainings(shared.runner, noted) : noted;
      deps.classroom.botUsername = bot.botInfo.username;
      if (shared) {
        const info = bot.botInfo;
        shared.runner.onHandover(async (handed) => {
          deps.background.track(deliverHandedOver(deps, bot.telegram, info, handed));
        });
        shared.runner.onComparisonCutOff(async (note) => {
          const reported = reportComparisonCutOff(deps, bot.telegram, note);
          deps.background.track(reported.catch(() => undefined));
          await reported;
        });
        await shared.deadlines.ready((chatId, runId) =>
          endExercise(deps, bot.telegram, chatId, runId, 'deadline'),
        );
      }
      const deadlines = await resumeDeadlines(deps, bot.telegram);
      if (deadlines > 0) logger.info({ count: deadlines }, 'exercise deadlines set again');
      sharedJournal?.start((updates) => intake.replay(updates));
      const unfinished = await journal.pending();
      if (unfinished.length > 0)
        logger.info({ count: unfinished.length }, 'handling updates a crash cut off');
      intake.replay(unfinished);
      if (webhook) await webhook.start();
      else if (miniApp && appRouter)
        appServer = await startHttpServer({
          port: miniApp.config.port,
          router: appRouter,
          logger,
          track: (task) => deps.background.track(task),
          ...(options.miniApp?.host ? { host: options.miniApp.host } : {}),
        });
      polling = webhook ? webhook.done : poller.run();
      polling.then(settle?.resolve, settle?.reject);
      deps.background.track(reportInterruptedTrainings(bot.telegram, deps, logger, cutOff));
      await publishCommandMenus(bot.telegram, deps, logger);
      if (!miniApp) await withdrawMenuButton(bot.telegram, deps);
      else {
        await miniApp.publishMenuButton(deps, bot);
        logger.info({ port: webhook?.port() ?? appServer?.port }, 'the Mini App is served at /app/');
      }
      if (webhook) logger.info({ port: webhook.port() }, 'the bot takes updates by webhook');
      else logger.info({ username: bot.botInfo.username }, 'the bot is polling for updates');
    },
    async stop(reason) {
      logger.info({ reason }, 'stopping');
      clearTimers(deps.classroom);
      sharedJournal?.stopSweeping();
      // A deadline that comes while this instance stops is another instance's, or the next start's.
      await shared?.deadlines.close();
      const parts = {
        deps,
        stopPolling: () => {
          void appServer?.stop();
          return webhook ? webhook.stop() : poller.stop();
        },
        polling,
        closeExecutor: () => executor.close(),
        flushStores: () => stores.flush(),
      };
      await shutDown(parts, logger, config.timeouts.shutdownSeconds * 1000);
      await sharedJournal?.close();
      await stores.close();
      await shared?.close();
      await sharedLimits?.close();
      const metricsClosed = metricsServer?.stop();
      metricsServer?.closeAll();
      await metricsClosed;
      webhook?.closeAll();
      appServer?.closeAll();
      logger.info('stopped; everything is saved');
    },
  };
}

/**
 * With REDIS_URL: trainings, comparisons and pictures go to the workers' queue, exercise deadlines are
 * delayed jobs, and the boards' edit interval is kept in Redis, so that any number of instances share them.
 */
function openSharedWork(queue: QueueConfig, connectMs: number, logger: Logger, metrics: Metrics) {
  const connection = { redisUrl: queue.redisUrl, prefix: queue.prefix, logger };
  const runner = createQueueRunner({
    ...connection,
    handoverSeconds: queue.handoverSeconds,
    connectMs,
    onWaited: (seconds) => metrics.queueWaitSeconds.observe({ queue: WORK_QUEUE }, seconds),
    onTrained: (outcome) => observeTraining(metrics, outcome),
  });
  metrics.sampleQueueDepth(async () => ({ [WORK_QUEUE]: await runner.waitingJobs() }));
  const deadlines = createDeadlineJobs(connection);
  const redis = openRedis(queue.redisUrl);
  redis.on('error', (error) => logger.warn({ err: error }, 'the Redis connection failed'));
  const takeBoard = createBoardGate(redis, queue.prefix);
  return {
    runner,
    deadlines,
    classroom: { scheduleDeadline: deadlines.schedule, takeBoard },
    async close() {
      await Promise.allSettled([runner.close(), deadlines.close()]);
      redis.disconnect();
    },
  };
}
