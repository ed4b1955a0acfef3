import type { IncomingMessage } from 'node:http';

/**
 * The request's body, or 'too-large' as soon as it (or its declared length) passes maxBytes: nothing more
 * is kept, and the rest is read and dropped so that an answer can still be sent. Rejects when the client
 * goes away mid-body.
 */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (outcome: Buffer | 'too-large' | Error) => {
      request.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
      if (outcome === 'too-large') request.resume();
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish('too-large');
      else chunks.push(chunk);
    };
    const onEnd = () => finish(Buffer.concat(chunks, size));
    const onError = (error: Error) => finish(error);
    const onClose = () => finish(new Error('the client closed the connection before the body ended'));
    if (Number(request.headers['content-length'] ?? 0) > maxBytes) return finish('too-large');
    request.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}
