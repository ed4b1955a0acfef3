import { useMemo, useState } from 'preact/hooks';
import { predict } from '../../src/core/predict.js';
import type { ScreenProps } from '../context.js';
import { hasWeights, inputNames, isBinaryInput, modelOf, rangeOf } from '../perceptron.js';
import { drawNeuronSvg } from '../pictures.js';

/** The member's neuron with one case flowing through it: tap an input, watch the sum and the output. */
export function NeuronScreen({ state, t, numbers, language }: ScreenProps) {
  const count = state.model.inputs;
  const [chosen, setChosen] = useState<number[]>(() => [...(state.rows[0]?.inputs ?? [])]);
  const inputs =
    chosen.length === count ? chosen : Array.from({ length: count }, (_, i) => state.rows[0]?.inputs[i] ?? 0);
  const model = useMemo(() => modelOf(state), [state]);
  if (!hasWeights(state)) {
    return (
      <section>
        <h2>{t('neuron.title')}</h2>
        <p class="notice">{t(state.rows.length === 0 ? 'neuron.noRows' : 'neuron.untrained')}</p>
      </section>
    );
  }
  const names = inputNames(count);
  const { sum, output, label } = predict(model, inputs);
  const set = (i: number, value: number) => setChosen(inputs.map((v, j) => (j === i ? value : v)));
  const activation = t(`activation.${state.settings.activation}`);
  return (
    <section>
      <h2>{t('neuron.title')}</h2>
      <p class="hint">
        {t('neuron.epochs', {
          count: state.model.epochsTrained,
          epochs: numbers.count(state.model.epochsTrained),
        })}
      </p>
      <div
        class="picture"
        data-testid="neuron-picture"
        // Markup of src/pictures, every text in it escaped there.
        dangerouslySetInnerHTML={{ __html: drawNeuronSvg(model, state.rows, inputs, t, language) }}
      />
      <h3>{t('neuron.inputs')}</h3>
      <ul class="inputs">
        {names.map((name, i) => {
          const value = inputs[i] ?? 0;
          const weight = state.model.weights[i] ?? 0;
          return (
            <li key={name} class="input">
              <span class="name">{name}</span>
              {isBinaryInput(state.rows, i) ? (
                <button
                  type="button"
                  class="toggle"
                  aria-pressed={value === 1}
                  aria-label={t('neuron.toggle', { name })}
                  data-testid={`input-${i + 1}`}
                  onClick={() => set(i, value === 1 ? 0 : 1)}
                >
                  {numbers.value(value)}
                </button>
              ) : (
                <InputSlider
                  value={value}
                  range={rangeOf(state.rows, i)}
                  label={name}
                  testId={`input-${i + 1}`}
                  shown={numbers.value(value)}
                  onChange={(v) => set(i, v)}
                />
              )}
              <span class="weight" data-testid={`weight-${i + 1}`}>
                w{i + 1} = {numbers.fixed(weight)}
              </span>
            </li>
          );
        })}
        {state.model.bias !== undefined && (
          <li class="input">
            <span class="name">{t('neuron.bias')}</span>
            <span class="weight" data-testid="bias">
              {numbers.fixed(state.model.bias)}
            </span>
          </li>
        )}
      </ul>
      <div class="readout" aria-live="polite">
        <p data-testid="sum">{t('neuron.sum', { sum: numbers.fixed(sum) })}</p>
        <p data-testid="formula">
          {activation}({numbers.fixed(sum)}) = <b data-testid="output">{numbers.fixed(output)}</b>
        </p>
        <p data-testid="label">{t('neuron.class', { label })}</p>
      </div>
    </section>
  );
}

function InputSlider(props: {
  value: number;
  range: [number, number];
  label: string;
  testId: string;
  shown: string;
  onChange(value: number): void;
}) {
  const [low, high] = props.range;
  return (
    <span class="slider">
      <input
        type="range"
        min={low}
        max={high}
        step={(high - low) / 100}
        value={props.value}
        aria-label={props.label}
        data-testid={props.testId}
        onInput={(event) => props.onChange(Number((event.currentTarget as HTMLInputElement).value))}
      />
      <output>{props.shown}</output>
    </span>
  );
}
