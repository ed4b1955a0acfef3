import { open } from 'node:fs/promises';
import type { Telegram } from 'telegraf';

export type DownloadResult =
  | { ok: true; bytes: Uint8Array }
  /** `size` when known: stated by getFile, by the download's Content-Length, or by the local file. */
  | { ok: false; reason: 'too-big'; size?: number }
  | { ok: false; reason: 'failed' };

/**
 * A file's bytes through getFile and `<apiRoot>/file/bot<token>/<file_path>` (a local Bot API server in
 * --local mode answers with a path on its disk, read from there). Refuses files over maxBytes by the
 * size getFile states, and, whatever it stated, stops reading once maxBytes + 1 bytes have come: a local
 * Bot API server has no 20 MB cap, and a stated size may be wrong or missing. The link holds the token:
 * it is never logged.
 */
export async function downloadFile(
  telegram: Telegram,
  fileId: string,
  maxBytes: number,
  timeoutMs = 30_000,
): Promise<DownloadResult> {
  try {
    const file = await telegram.getFile(fileId);
    if ((file.file_size ?? 0) > maxBytes) return tooBig(file.file_size);
    const link = await telegram.getFileLink(file);
    return link.protocol === 'file:'
      ? await readLocalFile(link, maxBytes)
      : await fetchFile(link, maxBytes, timeoutMs);
  } catch {
    return { ok: false, reason: 'failed' };
  }
}

async function fetchFile(link: URL, maxBytes: number, timeoutMs: number): Promise<DownloadResult> {
  const hangUp = new AbortController();
  const signal = AbortSignal.any([hangUp.signal, AbortSignal.timeout(timeoutMs)]);
  try {
    const response = await fetch(link, { signal });
    if (!response.ok || !response.body) return { ok: false, reason: 'failed' };
    const stated = Number(response.headers.get('content-length') ?? Number.NaN);
    if (stated > maxBytes) return tooBig(stated);
    const bytes = await readUpTo(response.body, maxBytes);
    return bytes ? { ok: true, bytes } : tooBig(undefined);
  } finally {
    // Closes the connection when the body was not read to its end, so the server sends nothing more.
    hangUp.abort();
  }
}

async function readLocalFile(link: URL, maxBytes: number): Promise<DownloadResult> {
  // telegraf's link keeps the API's host (file://127.0.0.1/…), which Node refuses as a file URL: the path is what counts.
  const file = await open(decodeURIComponent(link.pathname), 'r');
  try {
    const { size } = await file.stat();
    if (size > maxBytes) return tooBig(size);
    // `end` is inclusive: at most maxBytes + 1 bytes, in case the file grew since.
    const bytes = await readUpTo(
      file.createReadStream({ start: 0, end: maxBytes, autoClose: false }),
      maxBytes,
    );
    return bytes ? { ok: true, bytes } : tooBig(undefined);
  } finally {
    await file.close();
  }
}

/** The chunks' bytes, or undefined as soon as they pass maxBytes: leaving the loop cancels the rest. */
async function readUpTo(
  chunks: AsyncIterable<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > maxBytes) return undefined;
    parts.push(chunk);
  }
  return new Uint8Array(Buffer.concat(parts, total));
}

function tooBig(size: number | undefined): DownloadResult {
  return size === undefined ? { ok: false, reason: 'too-big' } : { ok: false, reason: 'too-big', size };
}
