import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';

let probes = 0;

/** Resolves when a file can be created, written and removed in dir (not full, not read-only); rejects with why not. */
export async function checkFolderWritable(dir: string): Promise<void> {
  probes += 1;
  const file = join(dir, `.health-${process.pid}-${probes}`);
  const handle = await open(file, 'wx', 0o600);
  try {
    await handle.writeFile('ok');
  } finally {
    await handle.close();
    await rm(file, { force: true });
  }
}
