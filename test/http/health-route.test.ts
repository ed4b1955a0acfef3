import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { checkFolderWritable } from '../../src/http/folder-check.js';
import { createHealthRoute, type HealthCheck } from '../../src/http/health-route.js';
import { serveRoutes } from './serve-routes.js';

async function serveHealth(checks: Record<string, HealthCheck>) {
  const served = await serveRoutes((router, logger) =>
    router.mount('GET', '/healthz', createHealthRoute({ checks, logger, timeoutMs: 100 })),
  );
  const ask = async () => {
    const response = await fetch(`${served.origin}/healthz`);
    return { status: response.status, body: await response.json() };
  };
  return { ...served, ask };
}

const fails: HealthCheck = () => Promise.reject(new Error('/srv/data: EIO'));

describe('GET /healthz', () => {
  it('answers 200 with every check when all answer', async () => {
    const { ask } = await serveHealth({ store: async () => undefined, queue: async () => undefined });
    expect(await ask()).toEqual({ status: 200, body: { ok: true, checks: { store: 'ok', queue: 'ok' } } });
  });

  it('answers 503 naming the failing check, with its reason in the log and not in the answer', async () => {
    const { ask, logs } = await serveHealth({ store: fails, queue: async () => undefined });
    const answer = await ask();
    expect(answer).toEqual({ status: 503, body: { ok: false, checks: { store: 'failing', queue: 'ok' } } });
    expect(JSON.stringify(answer.body)).not.toContain('EIO');
    expect(logs).toContainEqual(expect.objectContaining({ level: 'error', msg: 'a health check fails' }));
  });

  it('counts a check that does not answer in time as failing', async () => {
    const { ask } = await serveHealth({ store: () => new Promise(() => {}) });
    const started = Date.now();
    expect(await ask()).toEqual({ status: 503, body: { ok: false, checks: { store: 'failing' } } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('logs when a check starts failing and when it answers again, not at every request', async () => {
    let healthy = false;
    const { ask, logs } = await serveHealth({ store: () => (healthy ? Promise.resolve() : fails()) });
    await ask();
    await ask();
    healthy = true;
    expect((await ask()).status).toBe(200);
    expect(logs.map((line) => line.msg)).toEqual(['a health check fails', 'a health check answers again']);
  });
});

describe('checkFolderWritable', () => {
  it('resolves for a folder it can write in, and leaves nothing behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'perceptron-health-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await Promise.all([checkFolderWritable(dir), checkFolderWritable(dir)]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects where a file stands instead of the folder, or nothing is', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'perceptron-health-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'inbox'), 'not a folder');
    await expect(checkFolderWritable(join(dir, 'inbox'))).rejects.toThrow(/ENOTDIR/);
    await expect(checkFolderWritable(join(dir, 'missing'))).rejects.toThrow(/ENOENT/);
  });
});
