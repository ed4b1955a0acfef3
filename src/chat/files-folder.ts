import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A new folder for one run's pictures and files, `<root>/perceptron-chat/<date>-<time>-<random>`: the next
 * run gets its own, so nothing saved before is overwritten, and the names sort by when they were made.
 */
export function createFilesFolder(root: string, now = new Date()): string {
  const parent = join(root, 'perceptron-chat');
  mkdirSync(parent, { recursive: true });
  const stamp = now.toISOString().slice(0, 19).replace('T', '-').replaceAll(':', '');
  return mkdtempSync(join(parent, `${stamp}-`));
}
