import { useEffect, useRef, useState } from 'preact/hooks';
import { TRAINING_METHODS, type TrainingMethod } from '../../src/core/types.js';
import type { TrainingProgress } from '../../src/miniapp-api/api-schema.js';
import { TRAINING_POLL_MS } from '../api-paths.js';
import type { ScreenProps } from '../context.js';
import { modelOf } from '../perceptron.js';
import { drawLossSvg } from '../pictures.js';

/** A number typed with a decimal point or comma; NaN for anything else. */
const readTyped = (text: string): number =>
  /^\s*-?\d+([.,]\d+)?\s*$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;

/** The settings of training, [Train] and [Stop], the loss curve growing as it trains, then the result. */
export function TrainScreen({ state, api, t, numbers, language, run, update }: ScreenProps) {
  const [progress, setProgress] = useState<TrainingProgress | null>(state.training);
  const [epochs, setEpochs] = useState(String(state.settings.epochs));
  const [rate, setRate] = useState(numbers.value(state.settings.learningRate));
  const [method, setMethod] = useState<TrainingMethod>(state.settings.method);
  const [saved, setSaved] = useState(false);
  const [typo, setTypo] = useState<string | undefined>(undefined);
  const polling = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const running = progress?.running === true;

  const finish = async () => {
    const fresh = await run(() => api.state());
    if (fresh) update(fresh);
  };
  const follow = (next: TrainingProgress | undefined) => {
    if (!next) return;
    setProgress(next);
    if (next.running) {
      polling.current = setTimeout(async () => follow(await run(() => api.progress())), TRAINING_POLL_MS);
    } else void finish();
  };
  useEffect(() => {
    if (state.training?.running) follow(state.training);
    return () => clearTimeout(polling.current);
  }, []);

  const save = async () => {
    const wanted = { epochs: readTyped(epochs), learningRate: readTyped(rate) };
    if (!Number.isInteger(wanted.epochs) || wanted.epochs <= 0) return setTypo(t('train.badEpochs'));
    if (!(wanted.learningRate > 0)) return setTypo(t('train.badRate'));
    setTypo(undefined);
    const answer = await run(() => api.changeSettings({ ...wanted, method }));
    if (answer) {
      update(answer);
      setSaved(true);
    }
  };
  const train = async () => {
    clearTimeout(polling.current);
    follow(await run(() => api.train()));
  };
  const stop = async () => {
    clearTimeout(polling.current);
    follow(await run(() => api.stop()));
  };
  const last = progress?.losses.at(-1);
  const result = progress && !progress.running ? progress.result : undefined;
  return (
    <section>
      <h2>{t('train.title')}</h2>
      <div class="fields">
        <label>
          <span>{t('train.epochs')}</span>
          <input
            inputMode="numeric"
            value={epochs}
            data-testid="epochs"
            onInput={(event) => {
              setSaved(false);
              setEpochs((event.currentTarget as HTMLInputElement).value);
            }}
          />
        </label>
        <label>
          <span>{t('train.rate')}</span>
          <input
            inputMode="decimal"
            value={rate}
            data-testid="rate"
            onInput={(event) => {
              setSaved(false);
              setRate((event.currentTarget as HTMLInputElement).value);
            }}
          />
        </label>
      </div>
      <fieldset class="methods">
        <legend>{t('train.method')}</legend>
        {TRAINING_METHODS.map((name) => (
          <button
            type="button"
            key={name}
            class="choice"
            aria-pressed={method === name}
            data-testid={`method-${name}`}
            onClick={() => {
              setSaved(false);
              setMethod(name);
            }}
          >
            {t(`methods.${name}`)}
          </button>
        ))}
      </fieldset>
      {typo && (
        <p class="error" role="alert">
          {typo}
        </p>
      )}
      <button type="button" data-testid="save-settings" disabled={running} onClick={save}>
        {saved ? t('train.saved') : t('train.save')}
      </button>
      <div class="actions">
        {running ? (
          <button type="button" class="primary stop" data-testid="stop" onClick={stop}>
            {t('train.stop')}
          </button>
        ) : (
          <button type="button" class="primary" data-testid="train" onClick={train}>
            {t('train.start')}
          </button>
        )}
      </div>
      {progress && (
        <div class="progress">
          <p data-testid="epoch">
            {t('train.epoch', {
              epoch: numbers.count(progress.epoch),
              epochs: numbers.count(progress.epochs),
            })}
          </p>
          {last && <p data-testid="loss">{t('train.loss', { loss: numbers.loss(last.loss) })}</p>}
          <div
            class="picture"
            data-testid="loss-curve"
            // Markup of src/pictures, every text in it escaped there.
            dangerouslySetInnerHTML={{
              __html: drawLossSvg(progress.losses, progress.epochs, modelOf(state), t, language),
            }}
          />
        </div>
      )}
      {result && (
        <div class="result" data-testid="result">
          <p>
            {t('train.result', {
              loss: numbers.loss(result.loss),
              accuracy: numbers.percent(result.accuracy),
            })}
          </p>
          <ul class="weights">
            {result.weights.map((weight, i) => (
              // One weight per input, in the inputs' order.
              <li key={i} data-testid={`result-weight-${i + 1}`}>
                w{i + 1} = {numbers.fixed(weight)}
              </li>
            ))}
            {result.bias !== undefined && (
              <li data-testid="result-bias">
                {t('neuron.bias')} = {numbers.fixed(result.bias)}
              </li>
            )}
          </ul>
        </div>
      )}
    </section>
  );
}
