import { useCallback, useEffect, useState } from 'preact/hooks';
import { numberFormatFor } from '../src/core/number-format.js';
import type { AppState } from '../src/miniapp-api/api-schema.js';
import { type Api, ApiRefusal } from './api.js';
import type { ScreenProps } from './context.js';
import { ExerciseScreen } from './screens/exercise.js';
import { NeuronScreen } from './screens/neuron.js';
import { RowsScreen } from './screens/rows.js';
import { TrainScreen } from './screens/train.js';
import { TryScreen } from './screens/try-it.js';
import { type Language, translator } from './texts.js';

const TABS = ['neuron', 'try', 'rows', 'train', 'exercise'] as const;
type Tab = (typeof TABS)[number];

export interface AppProps {
  api: Api | undefined;
  /** The member's state, asked for as soon as the script runs, before the first render. */
  first: Promise<AppState> | undefined;
  /** The language to speak until the state says the member's own. */
  guessed: Language;
}

/** The whole page: a heading, the screen chosen, and the tabs under the thumb. */
export function App({ api, first, guessed }: AppProps) {
  const [state, setState] = useState<AppState | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('neuron');
  const language = state?.language ?? guessed;
  const t = translator(language);

  const run = useCallback(
    async <T,>(call: () => Promise<T>): Promise<T | undefined> => {
      try {
        const answer = await call();
        setError(undefined);
        return answer;
      } catch (refusal) {
        setError(
          refusal instanceof ApiRefusal ? refusal.message : translator(language)('errors.unreachable'),
        );
        return undefined;
      }
    },
    [language],
  );

  useEffect(() => {
    if (!first) return;
    void run(() => first).then((answer) => answer && setState(answer));
  }, [first]);

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  if (!api) return <Notice text={t('errors.outsideTelegram')} />;
  if (!state) return error ? <Notice text={error} alert /> : <Notice text={t('loading')} />;

  const props: ScreenProps = {
    state,
    api,
    t,
    numbers: numberFormatFor(language),
    language,
    run,
    update: setState,
  };
  const tabs = TABS.filter((name) => name !== 'exercise' || state.exercise !== null);
  const shown = tabs.includes(tab) ? tab : 'neuron';
  const title = state.scope.kind === 'group' && state.scope.title ? state.scope.title : state.user.firstName;
  return (
    <div class="app">
      <header class="heading">
        <h1>{t('title', { name: title })}</h1>
      </header>
      {error && (
        <p class="error" role="alert" data-testid="error">
          {error}
        </p>
      )}
      <main class="screen" data-screen={shown}>
        {shown === 'neuron' && <NeuronScreen {...props} />}
        {shown === 'try' && <TryScreen {...props} />}
        {shown === 'rows' && <RowsScreen {...props} />}
        {shown === 'train' && <TrainScreen {...props} />}
        {shown === 'exercise' && <ExerciseScreen {...props} />}
      </main>
      <nav class="tabs">
        {tabs.map((name) => (
          <button
            type="button"
            key={name}
            class={name === shown ? 'tab current' : 'tab'}
            aria-current={name === shown ? 'page' : undefined}
            data-tab={name}
            onClick={() => setTab(name)}
          >
            {t(`tabs.${name}`)}
          </button>
        ))}
      </nav>
    </div>
  );
}

function Notice({ text, alert = false }: { text: string; alert?: boolean }) {
  return (
    <div class="app">
      <p
        class={alert ? 'error' : 'notice'}
        role={alert ? 'alert' : undefined}
        data-testid={alert ? 'error' : undefined}
      >
        {text}
      </p>
    </div>
  );
}
