/**
 * Every button the bot makes, by what it does. The codes are what chats already hold: changing one
 * would break every button of it sent before a deploy, so a new button gets a new code.
 */
export const BUTTON_CODES = {
  train: 'tr',
  stopTraining: 'st',
  showData: 'da',
  confirmClear: 'cc',
  cancel: 'cn',
  weights: 'wt',
  picture: 'pic',
  replay: 'rpl',
  language: 'lg',
  setting: 'se',
  stopComparison: 'sc',
  step: 'sp',
  stepEveryRow: 'spa',
  predict: 'pr',
  help: 'hl',
  lesson: 'ls',
  lessonEveryRow: 'lsr',
  example: 'ex',
  confirmExample: 'ce',
  confirmRestore: 'cr',
  copyShare: 'sg',
  confirmShare: 'sy',
  exerciseTask: 'xs',
  exerciseResults: 'xr',
  deleteTask: 'xd',
} as const;

export type ButtonCode = (typeof BUTTON_CODES)[keyof typeof BUTTON_CODES];

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(BUTTON_CODES));

/**
 * Button data is `code|owner|argument`, well under Telegram's 64 bytes. The owner is the member the
 * button was made for: presses by anyone else are refused, and a handler only ever acts on the presser.
 */
export interface ButtonPress {
  code: ButtonCode;
  owner: number;
  argument: string;
}

const MAX_BYTES = 64;

const isButtonCode = (code: string): code is ButtonCode => KNOWN_CODES.has(code);

/** The data of a button made for `owner`; a code outside BUTTON_CODES or data over 64 bytes is a bug. */
export function encodeButton(code: ButtonCode, owner: number, argument = ''): string {
  if (!isButtonCode(code)) throw new TypeError(`unknown button code: ${code}`);
  const data = `${code}|${owner}|${argument}`;
  if (Buffer.byteLength(data) > MAX_BYTES) throw new RangeError(`button data too long: ${data}`);
  return data;
}

/** Parses data from a press; anything malformed, or a code the bot does not make, gives undefined. */
export function decodeButton(data: string): ButtonPress | undefined {
  const match = /^([a-z]{1,4})\|(\d{1,20})\|([\w.:-]{0,40})$/.exec(data);
  const code = match?.[1];
  if (!match || code === undefined || !isButtonCode(code)) return undefined;
  return { code, owner: Number(match[2]), argument: match[3] as string };
}
