import type { Entry } from '../../exercises/types.js';
import type { BotDependencies } from '../kit/bot-dependencies.js';
import type { ExerciseRun } from './exercise-documents.js';
import { entryKeyPrefix } from './exercise-state.js';

/**
 * A running run's entries by user id: read from the entry documents the first time, then kept in memory.
 * With several instances (a shared classroom) another instance may have stored an entry since: they are
 * read every time.
 */
function loadStandings(deps: BotDependencies, runId: string): Promise<Map<number, Entry>> {
  const cached = deps.classroom.standings.get(runId);
  if (cached) return cached;
  const loading = (async () => {
    const keys = await deps.exercises.entries.keys(entryKeyPrefix(runId));
    const docs = await Promise.all(keys.map((key) => deps.exercises.entries.read(key)));
    const entries = docs.flatMap((doc) => (doc?.entry ? [doc.entry] : []));
    return new Map(entries.map((entry) => [entry.userId, entry]));
  })();
  if (!deps.classroom.shared) deps.classroom.standings.set(runId, loading);
  return loading;
}

/** Notes a stored entry in the run's standings, if they are in memory (else they will be read with it). */
export async function rememberEntry(deps: BotDependencies, runId: string, entry: Entry): Promise<void> {
  const cached = deps.classroom.standings.get(runId);
  if (cached) (await cached).set(entry.userId, entry);
}

/** The run with its entries: a running run's come from their documents, an ended run has them itself. */
export async function withStandings(deps: BotDependencies, run: ExerciseRun): Promise<ExerciseRun> {
  if (run.endedAt !== undefined) return run;
  return { ...run, entries: [...(await loadStandings(deps, run.runId)).values()] };
}

/** The run is over and its entries are in the group's document: the memory can go. */
export function forgetStandings(deps: BotDependencies, runId: string): void {
  deps.classroom.standings.delete(runId);
}
