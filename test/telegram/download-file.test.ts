import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Telegram } from 'telegraf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeBotApi, startFakeBotApi } from '../../src/dev/fake-bot-api.js';
import type { GeneratedDocument } from '../../src/dev/fake-generated-file.js';
import { okAnswer } from '../../src/dev/fake-telegram-objects.js';
import { downloadFile } from '../../src/telegram/download-file.js';
import { createDataDir } from '../helpers/test-bot.js';

const MB = 1024 * 1024;
const LIMIT = MB;
/** What may be on its way when the bot hangs up: socket buffers of the loopback, both ends. */
const IN_FLIGHT = 16 * MB;

let api: FakeBotApi;
let telegram: Telegram;
beforeAll(async () => {
  api = await startFakeBotApi();
  telegram = new Telegram(api.token, { apiRoot: api.apiRoot });
});
afterAll(() => api.close());

/** Sends a generated document and downloads it, watching the process's memory every 5 ms meanwhile. */
async function downloadGenerated(document: GeneratedDocument, maxBytes = LIMIT) {
  const user = api.user(5);
  const message = api.uploadGeneratedDocument(api.privateChat(user), user, document);
  const before = process.memoryUsage().rss;
  let peak = before;
  const watch = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  try {
    const result = await downloadFile(telegram, message.document?.file_id ?? '', maxBytes);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, served: api.fileBytesServed(message), grew: peak - before };
  } finally {
    clearInterval(watch);
  }
}

describe('a download stops at the size limit, whatever getFile stated', () => {
  it.each([
    ['states 100 bytes', { statedSize: 100 }],
    ['states no size', {}],
  ])('a 600 MB file that %s is refused after the limit, not after 600 MB', async (_, stated) => {
    const { result, served, grew } = await downloadGenerated({
      file_name: 'huge.csv',
      length: 600 * MB,
      ...stated,
    });
    expect(result).toEqual({ ok: false, reason: 'too-big' });
    expect(served).toBeGreaterThan(LIMIT);
    expect(served).toBeLessThan(LIMIT + IN_FLIGHT);
    expect(grew).toBeLessThan(64 * MB);
  });

  it('a download that states a length above the limit is refused before its body is read', async () => {
    const { result, served, grew } = await downloadGenerated({
      file_name: 'huge.csv',
      length: 600 * MB,
      statedSize: 100,
      sendsLength: true,
    });
    expect(result).toEqual({ ok: false, reason: 'too-big', size: 600 * MB });
    expect(served).toBeLessThan(IN_FLIGHT);
    expect(grew).toBeLessThan(64 * MB);
  });

  it('a file of exactly the limit comes whole; one byte more is refused', async () => {
    const whole = await downloadGenerated({ file_name: 'a.csv', length: LIMIT });
    expect(whole.result.ok && whole.result.bytes.length).toBe(LIMIT);
    const over = await downloadGenerated({ file_name: 'b.csv', length: LIMIT + 1 });
    expect(over.result).toEqual({ ok: false, reason: 'too-big' });
  });

  it('getFile stating more than the limit refuses without downloading', async () => {
    const { result, served } = await downloadGenerated({
      file_name: 'c.csv',
      length: 10,
      statedSize: 5 * MB,
    });
    expect(result).toEqual({ ok: false, reason: 'too-big', size: 5 * MB });
    expect(served).toBe(0);
  });
});

describe('a local Bot API server (a path on its disk)', () => {
  it('reads a file within the limit, and refuses a larger one by its size on disk', async () => {
    const dir = createDataDir();
    const small = join(dir, 'small.csv');
    const large = join(dir, 'large.csv');
    writeFileSync(small, '0,1\n');
    writeFileSync(large, Buffer.alloc(LIMIT + 10, '0,1\n'));
    api.setResponder((call) =>
      call.method === 'getFile'
        ? okAnswer({
            file_id: call.payload.file_id,
            file_unique_id: 'u',
            file_size: 4,
            file_path: call.payload.file_id,
          })
        : undefined,
    );
    try {
      const read = await downloadFile(telegram, small, LIMIT);
      expect(read.ok && Buffer.from(read.bytes).toString()).toBe('0,1\n');
      expect(await downloadFile(telegram, large, LIMIT)).toEqual({
        ok: false,
        reason: 'too-big',
        size: LIMIT + 10,
      });
    } finally {
      api.setResponder(undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
