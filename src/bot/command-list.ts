import type { LocaleKey } from '../i18n/locale-keys.js';

/** Every command, in the order /help and the command menu show them. */
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
  'plot',
  'replay',
  'settings',
  'set',
  'reset',
  'lang',
  'exercise',
  'submit',
  'leaderboard',
  'results',
  'quiet',
  'newexercise',
  'myexercises',
] as const;

export type CommandName = (typeof COMMANDS)[number];

/** The locale key of each command's one-line description. */
export const COMMAND_DESCRIPTIONS: Readonly<Record<CommandName, LocaleKey>> = {
  start: 'commands.start',
  help: 'commands.help',
  add: 'commands.add',
  data: 'commands.data',
  del: 'commands.del',
  clear: 'commands.clear',
  export: 'commands.export',
  share: 'commands.share',
  example: 'commands.example',
  train: 'commands.train',
  stop: 'commands.stop',
  compare: 'commands.compare',
  predict: 'commands.predict',
  weights: 'commands.weights',
  plot: 'commands.plot',
  replay: 'commands.replay',
  settings: 'commands.settings',
  set: 'commands.set',
  reset: 'commands.reset',
  lang: 'commands.lang',
};
