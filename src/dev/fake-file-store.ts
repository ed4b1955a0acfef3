import type { Readable } from 'node:stream';
import type { FakeAnswer, FakeFile, FakeMessage, FakePhotoSize } from './fake-bot-types.js';
import { type GeneratedDocument, generateBody } from './fake-generated-file.js';
import { badRequest, okAnswer } from './fake-telegram-objects.js';

/** A file part of a multipart upload, as read-request-payload hands it over. */
export interface UploadedPart {
  file_name: string;
  size: number;
  mime_type: string;
  bytes: Buffer;
}

interface StoredFile {
  file: FakeFile;
  bytes: Buffer;
  path: string;
  /** For a generated document: how it is made, and how many of its bytes were served so far. */
  generated?: { spec: GeneratedDocument; served: number };
}

/** What the file route answers: bytes at hand, or a body made while it is sent. */
export type FileBody = { bytes: Buffer } | { stream: Readable; length?: number };

/** What a media method puts on the message it creates. */
export type MediaFields = Pick<FakeMessage, 'photo' | 'document' | 'animation'>;

/** Telegram's limits: photos up to 10 MB, other uploads up to 50 MB, getFile up to 20 MB. */
const UPLOAD_LIMITS: Record<string, number> = { photo: 10 << 20, document: 50 << 20, animation: 50 << 20 };
const GET_FILE_LIMIT = 20 << 20;
const MEDIA_FIELD: Record<string, keyof MediaFields> = {
  sendPhoto: 'photo',
  sendDocument: 'document',
  sendAnimation: 'animation',
};

/** Files the fake knows: uploaded by the bot, or sent by simulated users; served by getFile and the file route. */
export interface FileStore {
  /** Keeps bytes and returns the file object Telegram would attach to a message. */
  add(bytes: Buffer, meta: { file_name?: string; mime_type?: string }): FakeFile;
  /** Keeps a generated document (its bytes are made when downloaded) and returns its file object. */
  addGenerated(spec: GeneratedDocument): FakeFile;
  /** Bytes of a generated document the file route has made so far. */
  served(fileId: string): number;
  /** The bytes of a file id, if known. */
  bytes(fileId: string): Buffer | undefined;
  /** The media fields a send method's message gets, or the answer refusing it. */
  mediaFor(method: string, value: unknown): MediaFields | FakeAnswer | undefined;
  getFile(payload: Record<string, unknown>): FakeAnswer;
  /** What `/file/bot<token>/<path>` serves. */
  download(path: string): FileBody | undefined;
}

export const isUploadedPart = (value: unknown): value is UploadedPart =>
  typeof value === 'object' && value !== null && Buffer.isBuffer((value as UploadedPart).bytes);

/** Width and height from a PNG's IHDR chunk; undefined for anything else. */
function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

export function createFileStore(): FileStore {
  const files = new Map<string, StoredFile>();
  const byPath = new Map<string, StoredFile>();
  let count = 0;

  const keep = (
    bytes: Buffer,
    meta: { file_name?: string; mime_type?: string },
    size: number | undefined,
    generated?: StoredFile['generated'],
  ): FakeFile => {
    count += 1;
    const file: FakeFile = { file_id: `file-${count}`, file_unique_id: `unique-${count}` };
    if (size !== undefined) file.file_size = size;
    if (meta.file_name !== undefined) file.file_name = meta.file_name;
    if (meta.mime_type !== undefined) file.mime_type = meta.mime_type;
    const extension = /\.[A-Za-z0-9]{1,8}$/.exec(meta.file_name ?? '')?.[0] ?? '';
    const stored: StoredFile = { file, bytes, path: `documents/file_${count}${extension}` };
    if (generated) stored.generated = generated;
    files.set(file.file_id, stored);
    byPath.set(stored.path, stored);
    return file;
  };
  const add: FileStore['add'] = (bytes, meta) => keep(bytes, meta, bytes.length);

  const download = (path: string): FileBody | undefined => {
    const stored = byPath.get(path);
    const generated = stored?.generated;
    if (!generated) return stored && { bytes: stored.bytes };
    const stream = generateBody(generated.spec.length, (bytes) => {
      generated.served += bytes;
    });
    return generated.spec.sendsLength ? { stream, length: generated.spec.length } : { stream };
  };

  const photoSizes = (file: FakeFile, bytes: Buffer): FakePhotoSize[] | FakeAnswer => {
    const size = pngSize(bytes);
    if (
      size &&
      (size.width + size.height > 10_000 ||
        Math.max(size.width, size.height) > 20 * Math.min(size.width, size.height))
    )
      return badRequest('PHOTO_INVALID_DIMENSIONS');
    const { file_id, file_unique_id } = file;
    const [width, height] = [size?.width ?? 0, size?.height ?? 0];
    return [{ file_id, file_unique_id, file_size: bytes.length, width, height }];
  };

  return {
    add,
    addGenerated: (spec) => keep(Buffer.alloc(0), spec, spec.statedSize, { spec: { ...spec }, served: 0 }),
    served: (fileId) => files.get(fileId)?.generated?.served ?? 0,
    bytes: (fileId) => files.get(fileId)?.bytes,
    mediaFor(method, value) {
      const field = MEDIA_FIELD[method];
      if (!field) return undefined;
      let file: FakeFile;
      let bytes: Buffer;
      if (isUploadedPart(value)) {
        if (value.size === 0) return badRequest('file must be non-empty');
        if (value.size > (UPLOAD_LIMITS[field] ?? 0)) return errorTooBig();
        bytes = value.bytes;
        file = add(bytes, { file_name: value.file_name, mime_type: value.mime_type });
      } else {
        const known = typeof value === 'string' ? files.get(value) : undefined;
        if (!known) return badRequest('wrong file identifier/HTTP URL specified');
        ({ file, bytes } = known);
      }
      if (field !== 'photo') return { [field]: file };
      const sizes = photoSizes(file, bytes);
      return Array.isArray(sizes) ? { photo: sizes } : sizes;
    },
    getFile(payload) {
      const stored = files.get(String(payload.file_id));
      if (!stored) return badRequest('invalid file_id');
      // Telegram goes by the size it knows, which a generated document may state wrong.
      if ((stored.file.file_size ?? 0) > GET_FILE_LIMIT) return badRequest('file is too big');
      const { file_id, file_unique_id, file_size } = stored.file;
      // An undefined file_size is left out of the JSON, as Telegram leaves out a size it does not know.
      return okAnswer({ file_id, file_unique_id, file_size, file_path: stored.path });
    },
    download,
  };
}

function errorTooBig(): FakeAnswer {
  return { ok: false, error_code: 413, description: 'Request Entity Too Large' };
}
