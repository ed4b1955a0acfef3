import { Composer } from 'telegraf';
import { type BotContext, isGroupChat } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import type { HelpSection } from '../kit/command-list.js';
import { type Keyboard, reply } from '../kit/reply.js';
import { renderHelp } from './render-help.js';

/** /start and /help; /help's parts for teachers and the rest come with its buttons. */
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
  composer.help((ctx) => showHelp(deps, ctx, 'student'));
  onButton(composer, BUTTON_CODES.help, async (ctx, press) => {
    const section = HELP_BUTTONS.find((choice) => choice.argument === press.argument)?.section;
    if (!section) return ctx.t('press.unknown');
    await showHelp(deps, ctx, section);
    return undefined;
  });
  return composer;
}

/** Each part of /help, the argument of the button that shows it, and the button's label. */
const HELP_BUTTONS = [
  { section: 'student', argument: '', label: 'help.buttons.student' },
  { section: 'teacher', argument: 'teacher', label: 'help.buttons.teacher' },
  { section: 'more', argument: 'more', label: 'help.buttons.more' },
] as const;

async function showHelp(deps: BotDependencies, ctx: BotContext, section: HelpSection): Promise<void> {
  const others: Keyboard = [
    HELP_BUTTONS.filter((choice) => choice.section !== section).map((choice) =>
      button(ctx, ctx.t(choice.label), BUTTON_CODES.help, choice.argument),
    ),
  ];
  await reply(ctx, renderHelp(ctx.t, ctx.language, deps.config, section), others);
}
