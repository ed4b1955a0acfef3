import type { IncomingMessage } from 'node:http';

type Payload = Record<string, unknown>;

async function readAll(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function parseMultipart(body: Buffer, contentType: string): Promise<Payload> {
  const form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  const payload: Payload = {};
  for (const [key, value] of form.entries()) {
    payload[key] =
      typeof value === 'string'
        ? value
        : {
            file_name: value.name,
            size: value.size,
            mime_type: value.type,
            bytes: Buffer.from(await value.arrayBuffer()),
          };
  }
  return payload;
}

/**
 * A Bot API call's parameters from the query string and a JSON, urlencoded or multipart body
 * (files become { file_name, size, mime_type, bytes }). Undefined when the body cannot be parsed.
 */
export async function readRequestPayload(request: IncomingMessage): Promise<Payload | undefined> {
  const query = Object.fromEntries(new URL(request.url ?? '/', 'http://localhost').searchParams);
  const body = await readAll(request);
  const contentType = request.headers['content-type'] ?? '';
  try {
    if (body.length === 0) return query;
    if (contentType.startsWith('multipart/form-data'))
      return { ...query, ...(await parseMultipart(body, contentType)) };
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      return { ...query, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) };
    }
    const parsed = JSON.parse(body.toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? { ...query, ...(parsed as Payload) } : undefined;
  } catch {
    return undefined;
  }
}
