import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { parseRows } from '../../src/core/dataset-parse.js';
import { evaluateModel } from '../../src/core/evaluate.js';
import { createModel } from '../../src/core/model.js';
import { trainModel } from '../../src/core/train.js';
import { DEFAULT_SETTINGS, type ModelState, type Row } from '../../src/core/types.js';
import { checkInitData } from '../../src/miniapp/init-data.js';
import type { AppState, ExerciseView, TrainingProgress } from '../../src/miniapp-api/api-schema.js';

/**
 * A stand-in for the bot's Mini App server, for the page's browser tests until they run against the bot
 * itself: dist/app/ at /app/, and the API of src/miniapp-api/api-schema.ts over members kept in memory,
 * trained by core/ in chunks so that a training takes a while and can be polled and stopped.
 */

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
const CHUNK_EPOCHS = 1000;
const CHUNK_PAUSE_MS = 100;

export interface FakeMember {
  language: 'en' | 'ru';
  firstName: string;
  rows: Row[];
  model: ModelState | undefined;
  settings: typeof DEFAULT_SETTINGS & { method: 'gd' | 'rprop' | 'genetic' };
  training: (TrainingProgress & { cancel?: () => void }) | null;
  exercise: ExerciseView | null;
  /** Every request that changed something, as the path it came to. */
  changes: string[];
}

export interface FakeAppServer {
  url: string;
  members: Map<number, FakeMember>;
  member(userId: number): FakeMember;
  close(): Promise<void>;
}

const SENTENCES = {
  en: {
    unauthorized:
      'This page was not opened from Telegram, or its link is too old: open it again from the bot.',
    badRows: 'These rows do not read: type them as 0 1 -> 1.',
    busy: 'A training is already running: wait for it or stop it.',
  },
  ru: {
    unauthorized: 'Страница открыта не из Telegram или ссылка устарела: откройте её снова из бота.',
    badRows: 'Эти строки не читаются: наберите их как 0 1 -> 1.',
    busy: 'Обучение уже идёт: дождитесь его или остановите.',
  },
};

export async function startFakeAppServer(botToken: string, appFolder: string): Promise<FakeAppServer> {
  const members = new Map<number, FakeMember>();
  const member = (userId: number): FakeMember => {
    let found = members.get(userId);
    if (!found) {
      found = {
        language: 'en',
        firstName: 'Ann',
        rows: [],
        model: undefined,
        settings: { ...DEFAULT_SETTINGS, method: 'gd' },
        training: null,
        exercise: null,
        changes: [],
      };
      members.set(userId, found);
    }
    return found;
  };

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      send(response, 500, { error: String(error) });
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/app/api/')) return serveFile(url.pathname, response);
    const auth = request.headers.authorization ?? '';
    const check = checkInitData(auth.replace(/^tma /, ''), botToken, Math.floor(Date.now() / 1000));
    if (!auth.startsWith('tma ') || !check.ok) {
      return send(response, 401, { error: SENTENCES.en.unauthorized });
    }
    const one = member(check.data.userId);
    const words = SENTENCES[one.language];
    const path = url.pathname.slice('/app/api/'.length);
    const body = request.method === 'POST' ? await readJson(request) : undefined;
    if (request.method === 'POST') one.changes.push(path);
    if (request.method === 'GET' && path === 'state') return send(response, 200, stateOf(one));
    if (request.method === 'GET' && path === 'train') return send(response, 200, progressOf(one));
    if (path === 'rows') {
      const text =
        typeof body?.text === 'string'
          ? body.text
          : `${(body?.inputs as number[] | undefined)?.join(' ')} -> ${body?.output}`;
      const parsed = parseRows(text, { existingRows: one.rows.length });
      if (!parsed.ok) return send(response, 400, { error: words.badRows });
      one.rows.push(...parsed.rows);
      return send(response, 200, stateOf(one));
    }
    if (path === 'rows/delete') {
      one.rows.splice((body?.index as number) - 1, 1);
      return send(response, 200, stateOf(one));
    }
    if (path === 'weights' && one.model) {
      one.model = { ...one.model, weights: body?.weights as number[] };
      return send(response, 200, stateOf(one));
    }
    if (path === 'settings') {
      Object.assign(one.settings, body);
      if (one.model) one.model = { ...one.model, settings: { ...one.model.settings, ...settingsOf(one) } };
      return send(response, 200, stateOf(one));
    }
    if (path === 'train') {
      if (one.training?.running) return send(response, 409, { error: words.busy });
      startTraining(one, (body?.epochs as number | undefined) ?? one.settings.epochs);
      return send(response, 200, progressOf(one));
    }
    if (path === 'train/stop') {
      one.training?.cancel?.();
      return send(response, 200, progressOf(one));
    }
    send(response, 404, { error: 'no such path' });
  }

  const settingsOf = (one: FakeMember) => {
    const { method, ...rest } = one.settings;
    return method === 'gd' ? rest : { ...rest, method };
  };

  function startTraining(one: FakeMember, epochs: number): void {
    const inputs = one.rows[0]?.inputs.length ?? 1;
    let model = one.model?.inputs === inputs ? one.model : createModel(settingsOf(one), inputs);
    let done = 0;
    let stopped = false;
    const losses: { epoch: number; loss: number }[] = [];
    const progress: FakeMember['training'] = { running: true, epoch: 0, epochs, losses };
    progress.cancel = () => {
      stopped = true;
      finish();
    };
    const finish = () => {
      const evaluation = evaluateModel(model, one.rows);
      one.model = model;
      progress.running = false;
      progress.result = { weights: [...model.weights], loss: evaluation.loss, accuracy: evaluation.accuracy };
    };
    const step = () => {
      if (stopped) return;
      const chunk = Math.min(CHUNK_EPOCHS, epochs - done);
      const run = trainModel(model, one.rows, { epochs: chunk, stop: false });
      model = run.model;
      done += chunk;
      progress.epoch = done;
      losses.push({ epoch: done, loss: run.loss });
      if (done >= epochs) finish();
      else setTimeout(step, CHUNK_PAUSE_MS);
    };
    one.training = progress;
    setTimeout(step, CHUNK_PAUSE_MS);
  }

  function stateOf(one: FakeMember): AppState {
    const inputs = one.rows[0]?.inputs.length ?? one.model?.inputs ?? 0;
    return {
      language: one.language,
      scope: { kind: 'private' },
      user: { firstName: one.firstName },
      settings: { ...one.settings },
      limits: { maxRows: 1000, maxInputs: 32, maxEpochs: 100_000 },
      model: one.model
        ? {
            inputs: one.model.inputs,
            weights: [...one.model.weights],
            epochsTrained: one.model.epochsTrained,
          }
        : { inputs, weights: [], epochsTrained: 0 },
      rows: one.rows.map((row) => ({ inputs: [...row.inputs], output: row.output })),
      training: one.training ? progressOf(one) : null,
      exercise: one.exercise,
    };
  }

  function progressOf(one: FakeMember): TrainingProgress {
    const { cancel: _, ...progress } = one.training ?? { running: false, epoch: 0, epochs: 0, losses: [] };
    return { ...progress, losses: [...progress.losses] };
  }

  function serveFile(pathname: string, response: ServerResponse): void {
    const name = pathname === '/app/' ? 'index.html' : pathname.replace(/^\/app\//, '');
    const file = normalize(join(appFolder, name));
    if (!pathname.startsWith('/app/') || !file.startsWith(appFolder)) {
      send(response, 404, {});
      return;
    }
    try {
      const content = readFileSync(file);
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(content);
    } catch {
      send(response, 404, {});
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    members,
    member,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
