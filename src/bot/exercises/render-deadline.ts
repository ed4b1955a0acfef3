import { minutesLeft } from '../../exercises/deadline.js';
import { wallTime } from '../../exercises/time-zone.js';
import type { Translate } from '../../i18n/i18n.js';

/** "2 hours 5 minutes left" / "ещё 2 часа 5 минут". */
function renderTimeLeft(t: Translate, minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [
    ...(hours > 0 ? [t('exercise.clock.hours', { count: hours })] : []),
    ...(rest > 0 || hours === 0 ? [t('exercise.clock.minutes', { count: rest })] : []),
  ];
  return t('exercise.clock.left', { time: parts.join(' ') });
}

/** The end on the group's clock (`15:38`, with the date when it is not today there) and the time left. */
export function renderDeadline(t: Translate, deadline: number, now: number, zone: string): string {
  const end = wallTime(deadline, zone);
  const today = wallTime(now, zone);
  const sameDay = end.year === today.year && end.month === today.month && end.day === today.day;
  const clock = `${end.hour}:${end.minute}`;
  const time = sameDay ? clock : `${end.year}-${end.month}-${end.day} ${clock}`;
  return t('exercise.announce.deadline', { time, zone, left: renderTimeLeft(t, minutesLeft(deadline, now)) });
}
