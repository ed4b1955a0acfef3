import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FakeBotApi, FakeUpdate } from '../../src/dev/fake-bot-api.js';
import { SECRET_HEADER } from './webhook-delivery.js';

/**
 * A small reverse proxy on 127.0.0.1 that hands each request to the next of its targets in turn, and to
 * the one after when a target does not answer (its process is gone); 502 when none answers.
 */
export interface RoundRobinDispatcher {
  port: number;
  setTargets(ports: number[]): void;
  /** Requests answered, by target port. */
  answered: Map<number, number>;
  /** Times a target did not answer and the next one was tried. */
  refused(): number;
  close(): Promise<void>;
}

export async function startRoundRobin(webhookPath: string): Promise<RoundRobinDispatcher> {
  let targets: number[] = [];
  let next = 0;
  const answered = new Map<number, number>();
  let refused = 0;
  const forward = (port: number, body: Buffer, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: webhookPath, method: 'POST', headers, agent: false },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const headers = {
        'content-type': 'application/json',
        [SECRET_HEADER]: String(req.headers[SECRET_HEADER.toLowerCase()] ?? ''),
      };
      for (let tried = 0; tried < targets.length; tried++) {
        const port = targets[next++ % targets.length] as number;
        try {
          const answer = await forward(port, body, headers);
          answered.set(port, (answered.get(port) ?? 0) + 1);
          res.writeHead(answer.status).end(answer.body);
          return;
        } catch {
          // That instance is gone: the next one takes it.
          refused += 1;
        }
      }
      res.writeHead(502).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    setTargets(ports) {
      targets = [...ports];
    },
    answered,
    refused: () => refused,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The chat an update belongs to: Telegram delivers one chat's updates in sequence. */
function chatOf(update: FakeUpdate): number {
  const message = update.message as { chat?: { id?: number } } | undefined;
  const query = update.callback_query as { message?: { chat?: { id?: number } } } | undefined;
  return message?.chat?.id ?? query?.message?.chat?.id ?? 0;
}

/**
 * Delivers the fake's updates to a URL as Telegram does: one chat's in order, one at a time, different
 * chats at once, each again and again until it is answered 200.
 */
export function deliverLikeTelegram(api: FakeBotApi, url: string, secret: string) {
  const chains = new Map<number, Promise<void>>();
  let stopped = false;
  let failures = 0;
  const history: string[] = [];
  const post = async (update: FakeUpdate): Promise<void> => {
    history.push(`${Date.now()} ${update.update_id} chat ${chatOf(update)} sent`);
    while (!stopped) {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
          body: JSON.stringify(update),
        });
        await response.text();
        history.push(`${Date.now()} ${update.update_id} chat ${chatOf(update)} ${response.status}`);
        if (response.status === 200) return;
      } catch {
        // Nothing answered: tried again.
      }
      failures += 1;
      await sleep(100);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      for (const update of api.takeUpdates() as FakeUpdate[]) {
        const chat = chatOf(update);
        const chain = (chains.get(chat) ?? Promise.resolve()).then(() => post(update));
        chains.set(chat, chain);
      }
      await sleep(10);
    }
  })();
  return {
    /** Deliveries that were not answered 200 and went again. */
    failures: () => failures,
    /** Each delivery and its answer, for a test that failed to tell. */
    history: () => history,
    async stop() {
      stopped = true;
      await loop;
      await Promise.allSettled(chains.values());
    },
  };
}
