import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { onTestFinished } from 'vitest';
import type { BotProcess, Exit } from './bot-process.js';

/** `npm run worker`'s entry point, after `npm run build`. */
export const WORKER_MAIN = fileURLToPath(new URL('../../../dist/worker/main.js', import.meta.url));

/**
 * Runs dist/worker/main.js with exactly `env` (plus PATH), and resolves once it takes jobs (it logs so at
 * info). Killed with SIGKILL when the test ends, if still running.
 */
export async function startWorker(env: Record<string, string>, cwd: string): Promise<BotProcess> {
  if (!existsSync(WORKER_MAIN)) throw new Error(`${WORKER_MAIN} is missing: run npm run build first`);
  const child = spawn(process.execPath, [WORKER_MAIN], {
    cwd,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let onOutput = (): void => {};
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onOutput();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<Exit>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  );
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const taking = new Promise<void>((resolve) => {
    onOutput = () => {
      if (stdout.includes('the worker takes jobs')) resolve();
    };
  });
  await Promise.race([
    taking,
    exited.then((exit) => {
      throw new Error(`the worker exited (${JSON.stringify(exit)}): ${stderr}${stdout}`);
    }),
  ]);
  return { child, exited, stdout: () => stdout, stderr: () => stderr };
}

/** The ids of the jobs a worker started, from its log. */
export function jobsStarted(worker: BotProcess): string[] {
  return worker
    .stdout()
    .split('\n')
    .filter((line) => line.includes('"a job started"'))
    .map((line) => String((JSON.parse(line) as { jobId?: string }).jobId));
}
