/** Every command, in the order /help and the command menu show them; descriptions are `commands.<name>`. */
export const COMMANDS = [
  'start',
  'help',
  'add',
  'data',
  'del',
  'clear',
  'export',
  'share',
  'example',
  'train',
  'stop',
  'compare',
  'predict',
  'weights',
  'settings',
  'set',
  'reset',
  'lang',
] as const;

export type CommandName = (typeof COMMANDS)[number];
