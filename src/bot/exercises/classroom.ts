import type { Entry } from '../../exercises/types.js';
import type { Standing } from './member-status.js';

declare module '../kit/bot-dependencies.js' {
  interface BotDependencies {
    /** What exercises keep in memory: admin answers, deadline and board timers. */
    classroom: Classroom;
  }
}

/** What exercises keep in memory between updates: admin answers, timers, when each board was last edited. */
export interface Classroom {
  /** `chatId:userId` -> where the user stands in the group and when Telegram said so. */
  members: Map<string, { standing: Standing; at: number }>;
  /** Deadline and board timers by key; cleared on shutdown. */
  timers: Map<string, NodeJS.Timeout>;
  /** chatId -> when its announcement was last edited. */
  boardEdits: Map<number, number>;
  /** Minimum time between two edits of one group's board; 15 s by default. */
  boardIntervalMs: number;
  /** How long a getChatMember answer is trusted. */
  memberTtlMs: number;
  /** The bot's username, for deep links; set once the bot knows it (getMe at start). */
  botUsername: string;
  /** Running runs' entries by user id, read from their documents once per run and kept up to date. */
  standings: Map<string, Promise<Map<number, Entry>>>;
  /** With several instances (REDIS_URL): deadlines and the boards' edit interval kept in Redis. */
  shared?: SharedClassroom;
}

/** What exercises keep in Redis when several instances run the bot. */
export interface SharedClassroom {
  /** Ends the run at `at`, once, on whichever instance is up then. */
  scheduleDeadline(chatId: number, runId: string, at: number): void;
  /** Takes the group's board for `intervalMs`: 0 when taken, else the milliseconds until it can be. */
  takeBoard(chatId: number, intervalMs: number): Promise<number>;
}

export function createClassroom(
  options: { boardIntervalMs?: number; shared?: SharedClassroom } = {},
): Classroom {
  return {
    ...(options.shared ? { shared: options.shared } : {}),
    members: new Map(),
    timers: new Map(),
    boardEdits: new Map(),
    boardIntervalMs: options.boardIntervalMs ?? 15_000,
    memberTtlMs: 60_000,
    botUsername: '',
    standings: new Map(),
  };
}

/** Runs fn at `at` (now if past) under `key`, replacing a timer already set under it. */
export function setTimer(classroom: Classroom, key: string, at: number, fn: () => void): void {
  clearTimer(classroom, key);
  const timer = setTimeout(
    () => {
      classroom.timers.delete(key);
      fn();
    },
    Math.max(0, at - Date.now()),
  );
  timer.unref();
  classroom.timers.set(key, timer);
}

export function clearTimer(classroom: Classroom, key: string): void {
  clearTimeout(classroom.timers.get(key));
  classroom.timers.delete(key);
}

/** Stops every timer: at shutdown, the deadlines are rebuilt from storage at the next start. */
export function clearTimers(classroom: Classroom): void {
  for (const timer of classroom.timers.values()) clearTimeout(timer);
  classroom.timers.clear();
}
