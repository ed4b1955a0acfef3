import { Composer } from 'telegraf';
import { BUILTIN_TASKS } from '../../exercises/builtin-tasks.js';
import { ANONYMOUS_ADMIN_ID, type BotContext } from '../kit/bot-context.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import { button, onButton } from '../kit/buttons.js';
import { BUTTON_CODES } from '../kit/callback-data.js';
import { type Keyboard, reply } from '../kit/reply.js';
import { endExercise } from './exercise-end.js';
import { joinFromLink, leaveExercise } from './exercise-join.js';
import { readRunning, startExercise } from './exercise-start.js';
import { isTeacher, refuseNonTeacher } from './member-status.js';

/** /exercise: the task buttons, /exercise NAME [20m], /exercise end, /exercise leave; /start with a link. */
export function exerciseFeature(deps: BotDependencies): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.start(async (ctx, next) => {
    if (!(await joinFromLink(deps, ctx, ctx.payload))) return next();
  });
  composer.command('exercise', (ctx) => routeExercise(deps, ctx, ctx.payload.trim().split(/\s+/)));
  onButton(
    composer,
    BUTTON_CODES.exerciseTask,
    async (ctx, press) => {
      await routeExercise(deps, ctx, [press.argument]);
      return undefined;
    },
    // The menu of an admin who posted as the group: pressed by an admin, whom Telegram names.
    async (ctx, press) => press.owner === ANONYMOUS_ADMIN_ID && (await isTeacher(deps, ctx)),
  );
  return composer;
}

async function routeExercise(deps: BotDependencies, ctx: BotContext, words: string[]): Promise<void> {
  const [first = '', time] = words;
  if (first.toLowerCase() === 'leave') return leaveExercise(deps, ctx);
  const refusal = await refuseNonTeacher(deps, ctx);
  if (refusal) return void (await reply(ctx, refusal));
  if (first === '') return void (await reply(ctx, ctx.t('exercise.choose'), taskKeyboard(ctx)));
  if (first.toLowerCase() === 'end') return endRunning(deps, ctx);
  return startExercise(deps, ctx, first, time);
}

async function endRunning(deps: BotDependencies, ctx: BotContext): Promise<void> {
  const chatId = ctx.chat?.id as number;
  const run = await readRunning(deps, chatId);
  const ended = run && (await endExercise(deps, ctx.telegram, chatId, run.runId, 'teacher'));
  if (!ended) await reply(ctx, ctx.t('exercise.end.nothing'));
}

function taskKeyboard(ctx: BotContext): Keyboard {
  const buttons = BUILTIN_TASKS.map((task) => button(ctx, task.name, BUTTON_CODES.exerciseTask, task.name));
  const keyboard: Keyboard = [];
  for (let i = 0; i < buttons.length; i += 3) keyboard.push(buttons.slice(i, i + 3));
  return keyboard;
}
