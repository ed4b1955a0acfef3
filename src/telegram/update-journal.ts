import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Update } from 'telegraf/types';
import { AtomicFile } from '../storage/atomic-file.js';
import { prepareDataFolderSync, removeStaleTempFiles } from '../storage/data-folder.js';
import type { StoreLogger } from '../storage/index.js';

/**
 * Updates the bot has received but not finished handling. Each is on disk before Telegram is told it
 * arrived, and removed once handled, so updates cut off by a crash are handled after the restart.
 */
export interface UpdateJournal {
  /**
   * Keeps the update before it is acknowledged; `key` is whose turn it waits for. A journal shared by
   * several instances resolves 'duplicate' for an update already recorded (by this or another instance):
   * it is acknowledged and not handled again.
   */
  record(update: Update, key?: string): Promise<unknown>;
  done(updateId: number): Promise<void>;
  /**
   * Removes an update recorded and then not taken (one before it in its batch could not be recorded), as
   * if it had never come: Telegram delivers it again. Without it, done() does that.
   */
  withdraw?(updateId: number): Promise<void>;
  /** What a previous run left unfinished, oldest first. */
  pending(): Promise<Update[]>;
  /**
   * A journal shared by several instances: the member's updates below this one still unfinished that must
   * be handled before it, in update_id order (waiting, for a while, for those another instance is
   * handling). Empty once there are none.
   */
  earlier?(update: Update, key: string): Promise<Update[]>;
}

const FILE = /^u(\d+)\.json$/;

/** True for an update_id that may name a file: a safe integer, not negative. */
export function isValidUpdateId(id: unknown): id is number {
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0;
}

function checkUpdateId(id: unknown): number {
  if (!isValidUpdateId(id)) throw new RangeError(`not an update_id: ${String(id).slice(0, 40)}`);
  return id;
}

export function createUpdateJournal(dir: string, logger: StoreLogger): UpdateJournal {
  prepareDataFolderSync(dir);
  const ready = removeStaleTempFiles(dir, logger);
  const fileOf = (id: number) => join(dir, `u${checkUpdateId(id)}.json`);
  return {
    async record(update) {
      await ready;
      await new AtomicFile(fileOf(update.update_id)).write(Buffer.from(JSON.stringify(update)));
    },
    async done(updateId) {
      await rm(fileOf(updateId), { force: true });
    },
    async pending() {
      await ready;
      const ids = (await readdir(dir)).flatMap((name) => {
        const match = FILE.exec(name);
        const id = Number(match?.[1]);
        return isValidUpdateId(id) ? [id] : [];
      });
      const updates: Update[] = [];
      for (const id of ids.sort((a, b) => a - b)) {
        try {
          updates.push(JSON.parse(await readFile(fileOf(id), 'utf8')) as Update);
        } catch (error) {
          logger.warn(
            { file: fileOf(id), err: error },
            'An unfinished update could not be read; it is skipped',
          );
          await rm(fileOf(id), { force: true });
        }
      }
      return updates;
    },
  };
}
