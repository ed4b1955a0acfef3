import { useMemo, useState } from 'preact/hooks';
import type { ScreenProps } from '../context.js';
import { hasWeights, modelOf, scoreOn, type Weights } from '../perceptron.js';
import { drawPlaneSvg, hasPlane } from '../pictures.js';

/** The widest a weight's slider reaches either side of 0: past the trained weights, at least 10. */
const sliderEnd = (weights: readonly number[]): number =>
  Math.max(10, Math.ceil(Math.max(...weights.map(Math.abs)) * 1.5));

/** Weights by hand: sliders, the loss and accuracy on the rows as they move, and the plane's line. */
export function TryScreen({ state, api, t, numbers, language, run, update }: ScreenProps) {
  const [tried, setTried] = useState<Weights>(state.model);
  const [kept, setKept] = useState(false);
  const model = useMemo(() => modelOf(state, tried), [state, tried]);
  const trained = useMemo(() => scoreOn(modelOf(state), state.rows), [state]);
  if (!hasWeights(state)) {
    return (
      <section>
        <h2>{t('try.title')}</h2>
        <p class="notice">{t(state.rows.length === 0 ? 'neuron.noRows' : 'neuron.untrained')}</p>
      </section>
    );
  }
  const score = scoreOn(model, state.rows);
  const end = sliderEnd([...state.model.weights, state.model.bias ?? 0]);
  const move = (change: Partial<Weights>) => {
    setKept(false);
    setTried({ ...tried, ...change });
  };
  const sliders = tried.weights.map((weight, i) => ({
    name: `w${i + 1}`,
    value: weight,
    change: (v: number) => move({ weights: tried.weights.map((w, j) => (j === i ? v : w)) }),
  }));
  if (tried.bias !== undefined)
    sliders.push({ name: t('neuron.bias'), value: tried.bias, change: (v) => move({ bias: v }) });
  const keep = async () => {
    const request = {
      weights: [...tried.weights],
      ...(tried.bias !== undefined ? { bias: tried.bias } : {}),
    };
    const answer = await run(() => api.keepWeights(request));
    if (answer) {
      update(answer);
      setTried(answer.model);
      setKept(true);
    }
  };
  return (
    <section>
      <h2>{t('try.title')}</h2>
      <p class="hint">{t('try.hint')}</p>
      <ul class="sliders">
        {sliders.map((slider, i) => (
          <li key={slider.name}>
            <label>
              <span class="name">{slider.name}</span>
              <output data-testid={`tried-${i + 1}`}>{numbers.fixed(slider.value, 2)}</output>
              <input
                type="range"
                min={-end}
                max={end}
                step="any"
                value={slider.value}
                data-testid={`slider-${i + 1}`}
                onInput={(event) => slider.change(Number((event.currentTarget as HTMLInputElement).value))}
              />
            </label>
          </li>
        ))}
      </ul>
      {score ? (
        <p class="score" data-testid="score">
          {t('try.score', { loss: numbers.loss(score.loss), accuracy: numbers.percent(score.accuracy) })}
          {trained && (
            <span class="hint">
              {' '}
              {t('try.trained', {
                loss: numbers.loss(trained.loss),
                accuracy: numbers.percent(trained.accuracy),
              })}
            </span>
          )}
        </p>
      ) : (
        <p class="notice">{t('neuron.noRows')}</p>
      )}
      {hasPlane(state.rows) && (
        <div
          class="picture"
          data-testid="plane"
          // Markup of src/pictures, every text in it escaped there.
          dangerouslySetInnerHTML={{ __html: drawPlaneSvg(model, state.rows, language) }}
        />
      )}
      {kept && (
        <p class="done" data-testid="kept">
          {t('try.kept')}
        </p>
      )}
      <div class="actions">
        <button type="button" class="primary" data-testid="keep" onClick={keep}>
          {t('try.keep')}
        </button>
        <button
          type="button"
          data-testid="back"
          onClick={() => {
            setKept(false);
            setTried(state.model);
          }}
        >
          {t('try.back')}
        </button>
      </div>
    </section>
  );
}
