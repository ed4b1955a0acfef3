import type { LocaleKey } from '../../i18n/locale-keys.js';

/** Every command, in the order /help and the command menu show them. */
export const COMMANDS = [
  'start',
  'help',
  'lesson',
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
  'step',
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
  'timezone',
  'newexercise',
  'myexercises',
] as const;

export type CommandName = (typeof COMMANDS)[number];

/** The locale key of each command's one-line description. */
export const COMMAND_DESCRIPTIONS: Readonly<Record<CommandName, LocaleKey>> = {
  start: 'commands.start',
  help: 'commands.help',
  lesson: 'commands.lesson',
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
  step: 'commands.step',
  predict: 'commands.predict',
  weights: 'commands.weights',
  plot: 'commands.plot',
  replay: 'commands.replay',
  settings: 'commands.settings',
  set: 'commands.set',
  reset: 'commands.reset',
  lang: 'commands.lang',
  exercise: 'commands.exercise',
  submit: 'commands.submit',
  leaderboard: 'commands.leaderboard',
  results: 'commands.results',
  quiet: 'commands.quiet',
  timezone: 'commands.timezone',
  newexercise: 'commands.newexercise',
  myexercises: 'commands.myexercises',
};

export type HelpSection = 'student' | 'teacher' | 'more';

const STUDENT_COMMANDS: readonly CommandName[] = [
  'lesson',
  'example',
  'add',
  'data',
  'train',
  'step',
  'predict',
  'weights',
  'plot',
  'settings',
  'submit',
];
const TEACHER_COMMANDS: readonly CommandName[] = [
  'exercise',
  'leaderboard',
  'results',
  'quiet',
  'newexercise',
  'myexercises',
];

/**
 * The parts of /help: what a student needs first, what a teacher needs, and every other command, so
 * that a new command is in /help even before it is given a part.
 */
export const HELP_SECTIONS: Readonly<Record<HelpSection, readonly CommandName[]>> = {
  student: STUDENT_COMMANDS,
  teacher: TEACHER_COMMANDS,
  more: COMMANDS.filter((name) => !STUDENT_COMMANDS.includes(name) && !TEACHER_COMMANDS.includes(name)),
};
