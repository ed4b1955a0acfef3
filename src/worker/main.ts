import { availableParallelism } from 'node:os';
import { config as loadDotenv } from 'dotenv';
import { ConfigError, parseConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { createQueueWorker } from '../queue/queue-worker.js';
import { createExecutor } from '../training/choose-executor.js';
import { createPoolRenderer } from '../training/picture-renderer.js';

/**
 * `npm run worker`: takes trainings, comparisons' trainings, pictures and replays from the queue in Redis
 * (REDIS_URL) and runs them on the same kernels and pool as the bot without Redis. Any number of them, on
 * any machine that reaches Redis; SIGTERM lets the jobs under way finish within SHUTDOWN_SECONDS, and a
 * job still running then (or on a worker killed outright) runs again on another worker.
 */
loadDotenv({ quiet: true });
try {
  const config = parseConfig(process.env, { requireToken: false });
  if (!config.queue) {
    throw new ConfigError(
      'REDIS_URL is missing: the worker takes its jobs from Redis; set REDIS_URL in .env (see .env.example).',
    );
  }
  const logger = createLogger({ level: config.logLevel, readable: process.stdout.isTTY }).child({
    process: 'worker',
  });
  const { trainingWorkers, workerNice } = config.limits;
  const threads = trainingWorkers === 0 ? Math.max(1, availableParallelism() - 1) : trainingWorkers;
  const executor = createExecutor({ threads, nice: workerNice });
  const worker = createQueueWorker({
    redisUrl: config.queue.redisUrl,
    prefix: config.queue.prefix,
    stalledSeconds: config.queue.stalledSeconds,
    concurrency: threads,
    executor,
    pictures: createPoolRenderer(executor.pool),
    connectMs: config.startupRetrySeconds * 1000,
    logger,
  });
  const budgetMs = config.timeouts.shutdownSeconds * 1000;
  const stop = (signal: string) => {
    logger.info({ signal, running: worker.size() }, 'stopping');
    setTimeout(() => process.exit(1), budgetMs + 1000).unref();
    void worker
      .close(budgetMs)
      .then(() => executor.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  await worker.ready();
  logger.info({ threads }, 'the worker takes jobs');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
