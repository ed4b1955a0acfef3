import { Composer } from 'telegraf';
import { type BotContext, isGroupChat } from '../bot-context.js';
import type { BotDependencies } from '../bot-dependencies.js';
import { button, onButtonRun } from '../buttons.js';
import { BUTTON_CODES } from '../callback-data.js';
import { COMMAND_DESCRIPTIONS, COMMANDS } from '../command-list.js';
import { formatBytes } from '../render/file-texts.js';
import { formatCount } from '../render/numbers.js';
import { reply } from '../reply.js';

/** /start and /help. */
export function startFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.start(async (ctx) => {
    const text = isGroupChat(ctx) ? `${ctx.t('start.text')}\n\n${ctx.t('start.group')}` : ctx.t('start.text');
    await reply(ctx, text, [
      [button(ctx, ctx.t('lesson.buttons.open'), BUTTON_CODES.lesson, '0')],
      [
        button(ctx, ctx.t('buttons.loadLesson'), BUTTON_CODES.example, 'lesson'),
        button(ctx, ctx.t('buttons.help'), BUTTON_CODES.help),
      ],
    ]);
  });
  composer.help((ctx) => reply(ctx, renderHelp(ctx, deps)));
  onButtonRun(composer, BUTTON_CODES.help, (ctx) => reply(ctx, renderHelp(ctx, deps)));
  return composer;
}

function renderHelp(ctx: BotContext, deps: BotDependencies): string {
  const limits = deps.config.limits;
  const count = (n: number) => formatCount(n, ctx.language);
  const commands = COMMANDS.map((name) => `/${name} — ${ctx.t(COMMAND_DESCRIPTIONS[name])}`).join('\n');
  return [
    ctx.t('help.title'),
    commands,
    ctx.t('help.rowFormat'),
    `${ctx.t('help.groupNote')}\n${ctx.t('groupHelp.anonymous')}`,
    ctx.t('help.limits', {
      maxRows: count(limits.maxRows),
      maxInputs: count(limits.maxInputs),
      maxEpochs: count(limits.maxEpochs),
      maxCost: count(limits.maxTrainingCost),
      maxLength: count(limits.maxMessageLength),
      perMinute: count(limits.messagesPerMinute),
    }),
    ctx.t('methods.helpLimits', { maxPopulation: count(limits.maxPopulation) }),
    ctx.t('files.help', {
      maxSize: formatBytes(ctx.t, ctx.language, limits.maxFileBytes),
      count: limits.maxDataMessages,
    }),
    ctx.t('exercise.helpLimits', {
      submissions: count(limits.exerciseSubmissions),
      minutes: count(limits.exerciseMaxMinutes),
      tasks: count(limits.exerciseTasksPerTeacher),
    }),
  ].join('\n\n');
}
