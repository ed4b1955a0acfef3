import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** What a Bot API call came to, as `perceptron_outgoing_calls_total{result}` counts it. */
export type CallResult = 'ok' | 'error' | 'too_many_requests' | 'timeout' | 'dropped' | 'not_sent';

/**
 * Every metric of one process, in a registry of its own (two bots in one test process do not mix).
 * Names follow Prometheus' conventions: `_total` for counters, base units (seconds) in the name.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Updates that reached the bot (polled or posted to the webhook), counted once each, before handling. */
  readonly updatesReceived: Counter<'source'>;
  /** Updates whose handling ended, failed or not. */
  readonly updatesApplied: Counter;
  /** Updates whose handler threw (the member got the apology). */
  readonly handlerErrors: Counter;
  /** Jobs waiting in a queue, by queue name: read at each scrape from what sampleQueueDepth was given. */
  readonly queueDepth: Gauge<'queue'>;
  /** How long a job waited in a queue before it started, by queue name. */
  readonly queueWaitSeconds: Histogram<'queue'>;
  /** How long each training ran, by how it ended (`finished`, `stopped`). */
  readonly trainingSeconds: Histogram<'ended'>;
  /** Bot API calls by method and what they came to. */
  readonly outgoingCalls: Counter<'method' | 'result'>;
  /** 429 Too Many Requests answers, by method. */
  readonly tooManyRequests: Counter<'method'>;
  /** Times the shared outgoing limits in Redis could not be reached and this process's own were used. */
  readonly sharedLimitsFallbacks: Counter;
  /** One document store call, by store and operation (`read`, `load`, `update`, `append`, `keys`). */
  readonly storeSeconds: Histogram<'store' | 'operation'>;
  /**
   * Has `sample` read the jobs waiting in each queue (by name) at every scrape. A sample that fails or
   * takes longer than a second leaves the depths it would have set as they were.
   */
  sampleQueueDepth(sample: () => Promise<Record<string, number>>): void;
  /** The text GET /metrics answers. */
  text(): Promise<string>;
}

/** Prometheus' content type for the text format prom-client writes. */
export const METRICS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

const FAST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
const SLOW_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
/** How long a scrape waits for a queue's depth (Redis may be away). */
const SAMPLE_WAIT_MS = 1000;

/** The sample's depths, or undefined when it failed or did not answer in time. */
async function sampled(sample: () => Promise<Record<string, number>>) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), SAMPLE_WAIT_MS);
  });
  try {
    return await Promise.race([sample().catch(() => undefined), late]);
  } finally {
    clearTimeout(timer);
  }
}

let processRegistry: Registry | undefined;

/** Node's own metrics (memory, CPU, event loop lag, garbage collections): collected once per process. */
function processMetrics(instanceId: string): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    processRegistry.setDefaultLabels({ instance_id: instanceId });
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/**
 * Creates the bot's metrics; every series carries `instance_id` (INSTANCE_ID). text() adds Node's own
 * process metrics.
 */
export function createMetrics(options: { instanceId: string }): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ instance_id: options.instanceId });
  const node = processMetrics(options.instanceId);
  const registers = [registry];
  const depthSamples: Array<() => Promise<Record<string, number>>> = [];
  return {
    registry,
    updatesReceived: new Counter({
      name: 'perceptron_updates_received_total',
      help: 'Updates that reached the bot, by how they came (polling, webhook).',
      labelNames: ['source'],
      registers,
    }),
    updatesApplied: new Counter({
      name: 'perceptron_updates_applied_total',
      help: 'Updates whose handling ended, failed or not.',
      registers,
    }),
    handlerErrors: new Counter({
      name: 'perceptron_handler_errors_total',
      help: 'Updates whose handler failed.',
      registers,
    }),
    queueDepth: new Gauge({
      name: 'perceptron_queue_depth',
      help: 'Jobs waiting in a queue, by queue.',
      labelNames: ['queue'],
      registers,
      async collect() {
        for (const depths of await Promise.all(depthSamples.map(sampled)))
          for (const [queue, depth] of Object.entries(depths ?? {})) this.set({ queue }, depth);
      },
    }),
    queueWaitSeconds: new Histogram({
      name: 'perceptron_queue_wait_seconds',
      help: 'Time a job waited in its queue before it started, by queue.',
      labelNames: ['queue'],
      buckets: SLOW_BUCKETS,
      registers,
    }),
    trainingSeconds: new Histogram({
      name: 'perceptron_training_seconds',
      help: 'Time each training ran, by how it ended.',
      labelNames: ['ended'],
      buckets: SLOW_BUCKETS,
      registers,
    }),
    outgoingCalls: new Counter({
      name: 'perceptron_outgoing_calls_total',
      help: 'Bot API calls, by method and result.',
      labelNames: ['method', 'result'],
      registers,
    }),
    tooManyRequests: new Counter({
      name: 'perceptron_outgoing_429_total',
      help: 'Bot API answers 429 Too Many Requests, by method.',
      labelNames: ['method'],
      registers,
    }),
    sharedLimitsFallbacks: new Counter({
      name: 'perceptron_shared_limits_fallbacks_total',
      help: "Calls paced by this process's own limits because Redis did not answer.",
      registers,
    }),
    storeSeconds: new Histogram({
      name: 'perceptron_store_seconds',
      help: 'Time of one document store call, by store and operation.',
      labelNames: ['store', 'operation'],
      buckets: FAST_BUCKETS,
      registers,
    }),
    sampleQueueDepth(sample) {
      depthSamples.push(sample);
    },
    text: async () => `${await registry.metrics()}\n${await node.metrics()}`,
  };
}
