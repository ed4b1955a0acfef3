import type { IncomingMessage, ServerResponse } from 'node:http';
import { METRICS_CONTENT_TYPE, type Metrics } from './metrics.js';

/** Where Prometheus scrapes, on the webhook's server and on METRICS_PORT. */
export const METRICS_PATH = '/metrics';

/** GET /metrics: the metrics in Prometheus' text format. */
export function createMetricsRoute(metrics: Metrics) {
  return async (_request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const text = await metrics.text();
    response.writeHead(200, { 'content-type': METRICS_CONTENT_TYPE, 'cache-control': 'no-store' });
    response.end(text);
  };
}
