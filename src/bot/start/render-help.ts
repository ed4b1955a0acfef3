import type { Language, Limits } from '../../config/config.js';
import type { Translate } from '../../i18n/i18n.js';
import {
  COMMAND_DESCRIPTIONS,
  type CommandName,
  HELP_SECTIONS,
  type HelpSection,
} from '../kit/command-list.js';
import { formatBytes } from '../kit/render/file-texts.js';
import { formatCount } from '../kit/render/numbers.js';

/**
 * One part of /help, short enough to read without scrolling: what a student needs first, what a
 * teacher needs, or every other command with the bot's limits.
 */
export function renderHelp(t: Translate, language: Language, limits: Limits, section: HelpSection): string {
  const count = (n: number) => formatCount(n, language);
  const commands = listCommands(t, HELP_SECTIONS[section]);
  switch (section) {
    case 'student':
      return [t('help.title'), commands, t('help.rowFormat')].join('\n\n');
    case 'teacher':
      return [
        t('help.teacherTitle'),
        commands,
        `${t('exercise.helpLimits', {
          submissions: count(limits.exerciseSubmissions),
          minutes: count(limits.exerciseMaxMinutes),
          tasks: count(limits.exerciseTasksPerTeacher),
        })} ${t('exercise.board.ranking')}`,
        `${t('help.groupNote')}\n${t('groupHelp.anonymous')}`,
      ].join('\n\n');
    case 'more':
      return [
        t('help.moreTitle'),
        commands,
        t('help.limits', {
          maxRows: count(limits.maxRows),
          maxInputs: count(limits.maxInputs),
          maxEpochs: count(limits.maxEpochs),
          maxCost: count(limits.maxTrainingCost),
          maxLength: count(limits.maxMessageLength),
          perMinute: count(limits.messagesPerMinute),
        }),
        t('methods.helpLimits', { maxPopulation: count(limits.maxPopulation) }),
        t('files.help', {
          maxSize: formatBytes(t, language, limits.maxFileBytes),
          count: limits.maxDataMessages,
        }),
      ].join('\n\n');
  }
}

const listCommands = (t: Translate, names: readonly CommandName[]): string =>
  names.map((name) => `/${name} — ${t(COMMAND_DESCRIPTIONS[name])}`).join('\n');
