import type { ExerciseRun } from '../bot/exercises/exercise-documents.js';
import type { FakeBotApi, FakeChat } from '../dev/fake-bot-api.js';
import {
  type ClassRehearsal,
  formatRows,
  planClasswork,
  type SimulatedStudent,
  type StudentPlan,
} from './class-rehearsal.js';

export interface ClassworkDeps {
  api: FakeBotApi;
  rehearsal: ClassRehearsal;
  /** Sends a text as the student, and shows it in the terminal. */
  say(student: SimulatedStudent, chat: FakeChat, text: string): void;
  /** Resolves when the bot has answered everything so far. */
  settle(): Promise<void>;
}

interface Desk {
  student: SimulatedStudent;
  plan: StudentPlan;
  /** Where they work: their private chat (joined through the announcement's link) or the group. */
  chat: FakeChat;
}

/** The `start` parameter of the announcement's [Work in private] link, if the announcement is there. */
function linkPayload(
  api: FakeBotApi,
  group: FakeChat,
  announcementId: number | undefined,
): string | undefined {
  const announcement = api.messages(group.id).find((m) => m.message_id === announcementId);
  const url = announcement && api.buttons(announcement).find((b) => b.url)?.url;
  return url ? (new URL(url).searchParams.get('start') ?? undefined) : undefined;
}

/**
 * The students work on the running exercise the way a class does, all at once and step by step: join,
 * send their rows, train, submit; each step waits for the bot's answers to the one before.
 */
export async function doClasswork(deps: ClassworkDeps, run: ExerciseRun): Promise<void> {
  const { group, students } = deps.rehearsal;
  const plans = planClasswork(run.task.hidden);
  const link = linkPayload(deps.api, group, run.announcementId);
  const desks: Desk[] = students.flatMap((student, i) => {
    const plan = plans[i];
    if (!plan) return [];
    const chat = plan.inPrivate && link && student.chat ? student.chat : group;
    return [{ student, plan, chat }];
  });
  const inGroup = (desk: Desk) => desk.chat.id === group.id;
  const steps: ((desk: Desk) => string | undefined)[] = [
    (desk) => (inGroup(desk) ? undefined : `/start ${link}`),
    (desk) => `${inGroup(desk) ? '/add ' : ''}${formatRows(desk.plan.rows)}`,
    (desk) => `/train ${desk.plan.epochs}`,
    () => '/submit',
  ];
  for (const step of steps) {
    for (const desk of desks) {
      const text = step(desk);
      if (text) deps.say(desk.student, desk.chat, text);
    }
    await deps.settle();
  }
}
