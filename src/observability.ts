import type { Logger } from './config/logger.js';
import { type HttpServer, startHttpServer } from './http/http-server.js';
import { createRouter } from './http/router.js';
import type { Metrics } from './metrics/metrics.js';
import { createMetricsRoute, METRICS_PATH } from './metrics/metrics-route.js';
import type { LimiterEvent } from './telegram/rate-limit.js';
import type { TrainingExecutor, TrainingOutcome } from './training/training-runner.js';

/**
 * What the outgoing limiter reports, into the metrics (each call's outcome, 429s, calls paced locally)
 * and the log (the shared limits in Redis lost and found again).
 */
export function observeLimiter(metrics: Metrics, logger: Logger) {
  return (event: LimiterEvent): void => {
    switch (event.type) {
      case 'call':
        metrics.outgoingCalls.inc({ method: event.method, result: event.outcome });
        return;
      case 'too-many-requests':
        metrics.tooManyRequests.inc({ method: event.method });
        return;
      case 'local-pacing':
        metrics.sharedLimitsFallbacks.inc();
        return;
      case 'shared-budget':
        if (event.available) logger.info('Redis answers again: the outgoing limits are shared again');
        else
          logger.warn(
            { err: event.error },
            'Redis does not answer: this instance paces its Bot API calls with its own limits until it does',
          );
        return;
      default:
        return;
    }
  };
}

/** Counts one training's time, by how it ended. */
export function observeTraining(metrics: Metrics, outcome: TrainingOutcome): void {
  metrics.trainingSeconds.observe(
    { ended: outcome.stopped ? 'stopped' : 'finished' },
    outcome.elapsedMs / 1000,
  );
}

/** The same executor, each training's time observed by how it ended. */
export function timeTrainings<E extends TrainingExecutor>(executor: E, metrics: Metrics): E {
  const timed: TrainingExecutor = async (job, options) => {
    const outcome = await executor(job, options);
    observeTraining(metrics, outcome);
    return outcome;
  };
  return Object.assign(timed, executor);
}

/** GET /metrics on a port of its own (METRICS_PORT); rejects with a sentence when the port is taken. */
export function serveMetrics(
  port: number,
  metrics: Metrics,
  logger: Logger,
  track: (task: Promise<unknown>) => void,
): Promise<HttpServer> {
  const router = createRouter();
  router.mount('GET', METRICS_PATH, createMetricsRoute(metrics));
  return startHttpServer({ port, router, logger, track }).catch((error: unknown) => {
    const taken = (error as Error).message.includes('another program uses it');
    throw new Error(
      `Cannot serve metrics on METRICS_PORT ${port}${taken ? ' (another program uses it)' : ''}: choose another METRICS_PORT.`,
    );
  });
}
