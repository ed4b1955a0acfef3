import type { Config, Language } from '../../config/config.js';
import { formatCount } from '../../core/number-format.js';
import type { Translate } from '../../i18n/i18n.js';
import {
  COMMAND_DESCRIPTIONS,
  type CommandName,
  HELP_SECTIONS,
  type HelpSection,
} from '../kit/command-list.js';
import { formatBytes } from '../kit/render/file-texts.js';

/** The teacher's guide in docs/ (`teacher.md`, `teacher.ru.md`) under the address of the docs/ folder. */
export const teacherGuideUrl = (docsUrl: string, language: Language): string =>
  `${docsUrl}teacher${language === 'en' ? '' : `.${language}`}.md`;

/**
 * One part of /help, short enough to read without scrolling: what a student needs first, what a
 * teacher needs (with the teacher's guide when DOCS_URL says where it is), or every other command with
 * the bot's limits.
 */
export function renderHelp(
  t: Translate,
  language: Language,
  config: Pick<Config, 'limits' | 'docsUrl'>,
  section: HelpSection,
): string {
  const { limits, docsUrl } = config;
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
        ...(docsUrl ? [t('help.teacherGuide', { url: teacherGuideUrl(docsUrl, language) })] : []),
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
