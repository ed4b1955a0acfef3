/**
 * Button data is `code|owner|argument`, well under Telegram's 64 bytes. The owner is the member the
 * button was made for: presses by anyone else are refused, and a handler only ever acts on the presser.
 */
export interface ButtonPress {
  code: string;
  owner: number;
  argument: string;
}

const MAX_BYTES = 64;

export function encodeButton(code: string, owner: number, argument = ''): string {
  const data = `${code}|${owner}|${argument}`;
  if (Buffer.byteLength(data) > MAX_BYTES) throw new RangeError(`button data too long: ${data}`);
  return data;
}

/** Parses data from a press; anything malformed gives undefined. */
export function decodeButton(data: string): ButtonPress | undefined {
  const match = /^([a-z]{1,4})\|(\d{1,20})\|([\w.:-]{0,40})$/.exec(data);
  if (!match) return undefined;
  return { code: match[1] as string, owner: Number(match[2]), argument: match[3] as string };
}
