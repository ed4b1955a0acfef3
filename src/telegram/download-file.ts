import { readFile } from 'node:fs/promises';
import type { Telegram } from 'telegraf';

export type DownloadResult =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too-big'; size: number }
  | { ok: false; reason: 'failed' };

/**
 * A file's bytes through getFile and `<apiRoot>/file/bot<token>/<file_path>` (a local Bot API server in
 * --local mode answers with a path on its disk, read from there). Refuses files over maxBytes by the
 * size getFile states, and again by the bytes received. The link holds the token: it is never logged.
 */
export async function downloadFile(
  telegram: Telegram,
  fileId: string,
  maxBytes: number,
  timeoutMs = 30_000,
): Promise<DownloadResult> {
  try {
    const file = await telegram.getFile(fileId);
    if ((file.file_size ?? 0) > maxBytes) return { ok: false, reason: 'too-big', size: file.file_size ?? 0 };
    const link = await telegram.getFileLink(file);
    const bytes =
      link.protocol === 'file:' ? new Uint8Array(await readFile(link)) : await fetchBytes(link, timeoutMs);
    if (!bytes) return { ok: false, reason: 'failed' };
    return bytes.length > maxBytes
      ? { ok: false, reason: 'too-big', size: bytes.length }
      : { ok: true, bytes };
  } catch {
    return { ok: false, reason: 'failed' };
  }
}

async function fetchBytes(link: URL, timeoutMs: number): Promise<Uint8Array | undefined> {
  const response = await fetch(link, { signal: AbortSignal.timeout(timeoutMs) });
  return response.ok ? new Uint8Array(await response.arrayBuffer()) : undefined;
}
