import { Readable } from 'node:stream';

/**
 * A document whose bytes are made while the file route serves them, so that a test can send a file of
 * hundreds of megabytes without holding it, and whose stated size may be wrong, as a server in front of
 * the Bot API could make it.
 */
export interface GeneratedDocument {
  file_name: string;
  mime_type?: string;
  caption?: string;
  /** Bytes the file route serves: CSV rows, over and over. */
  length: number;
  /** The file_size that the message and getFile state, true or not; none at all when absent. */
  statedSize?: number;
  /** Whether the download answer says its length (Content-Length); it comes in chunks otherwise. */
  sendsLength?: boolean;
}

const CHUNK = Buffer.alloc(64 * 1024, '0,1,0\n');

/** The bytes of a generated document, made as the reader takes them; `onServed` counts each chunk made. */
export function generateBody(length: number, onServed: (bytes: number) => void): Readable {
  let left = length;
  return new Readable({
    read() {
      if (left === 0) return void this.push(null);
      const size = Math.min(left, CHUNK.length);
      left -= size;
      onServed(size);
      this.push(CHUNK.subarray(0, size));
    },
  });
}
