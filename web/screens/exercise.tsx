import { useEffect, useState } from 'preact/hooks';
import type { ScreenProps } from '../context.js';

/** Minutes and seconds from now until `endsAt`; none when it has passed. */
function timeLeft(endsAt: string, now: number): { minutes: number; seconds: number } | undefined {
  const left = Math.floor((Date.parse(endsAt) - now) / 1000);
  return left > 0 ? { minutes: Math.floor(left / 60), seconds: left % 60 } : undefined;
}

/** The group's class exercise: its statement, time left, the member's best and the standings. */
export function ExerciseScreen({ state, t, numbers }: ScreenProps) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const exercise = state.exercise;
  if (!exercise) return null;
  const left = exercise.endsAt ? timeLeft(exercise.endsAt, now) : undefined;
  return (
    <section>
      <h2>{exercise.title}</h2>
      <p class="statement" data-testid="statement">
        {exercise.statement}
      </p>
      <p data-testid="time-left">
        {exercise.endsAt === null
          ? t('exercise.noLimit')
          : left
            ? t('exercise.left', { minutes: left.minutes, seconds: String(left.seconds).padStart(2, '0') })
            : t('exercise.ended')}
      </p>
      <p data-testid="best">
        {exercise.best
          ? t('exercise.best', {
              accuracy: numbers.percent(exercise.best.accuracy),
              loss: numbers.loss(exercise.best.loss),
            })
          : t('exercise.noBest')}
      </p>
      <h3>{t('exercise.standings')}</h3>
      {exercise.standings.length === 0 ? (
        <p class="notice">{t('exercise.noStandings')}</p>
      ) : (
        <table class="rows" data-testid="standings">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('exercise.name')}</th>
              <th>{t('exercise.accuracy')}</th>
              <th>{t('exercise.loss')}</th>
            </tr>
          </thead>
          <tbody>
            {exercise.standings.map((entry) => (
              <tr key={`${entry.place}-${entry.name}`}>
                <td>{entry.place}</td>
                <td>{entry.name}</td>
                <td class="numbers">{numbers.percent(entry.accuracy)}%</td>
                <td class="numbers">{numbers.loss(entry.loss)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
