import { useState } from 'preact/hooks';
import type { ScreenProps } from '../context.js';

/** The rows as a table: add one with toggles, or type rows as in the chat; delete any. */
export function RowsScreen({ state, api, t, numbers, run, update }: ScreenProps) {
  const width = state.rows[0]?.inputs.length ?? (state.model.inputs || 2);
  const [inputs, setInputs] = useState<number[]>(() => Array(width).fill(0));
  const [output, setOutput] = useState(0);
  const [typed, setTyped] = useState('');
  const shown = inputs.length === width ? inputs : Array<number>(width).fill(0);
  const add = async (request: Parameters<typeof api.addRows>[0]) => {
    const answer = await run(() => api.addRows(request));
    if (answer) update(answer);
    return answer !== undefined;
  };
  const remove = async (index: number) => {
    const answer = await run(() => api.deleteRow(index));
    if (answer) update(answer);
  };
  return (
    <section>
      <h2>{t('rows.title')}</h2>
      <p class="hint" data-testid="row-count">
        {t('rows.count', {
          count: state.rows.length,
          rows: numbers.count(state.rows.length),
          max: numbers.count(state.limits.maxRows),
        })}
      </p>
      {state.rows.length > 0 && (
        <table class="rows" data-testid="rows">
          <thead>
            <tr>
              <th>#</th>
              <th>{t('rows.inputs')}</th>
              <th>{t('rows.output')}</th>
              <th>
                <span class="hidden">{t('rows.delete')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {state.rows.map((row, i) => (
              // Rows have no identity but their place; a deleted row renumbers those after it, as /data does.
              <tr key={i}>
                <td>{i + 1}</td>
                <td class="numbers">{numbers.inputs(row.inputs).join(' ')}</td>
                <td class="numbers">{numbers.value(row.output)}</td>
                <td>
                  <button
                    type="button"
                    class="delete"
                    aria-label={t('rows.deleteRow', { index: i + 1 })}
                    data-testid={`delete-${i + 1}`}
                    onClick={() => remove(i + 1)}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('rows.addTitle')}</h3>
      <div class="toggles">
        {shown.map((value, i) => (
          <button
            type="button"
            // One toggle per input, in the inputs' order.
            key={i}
            class="toggle"
            aria-pressed={value === 1}
            aria-label={`x${i + 1}`}
            data-testid={`new-input-${i + 1}`}
            onClick={() => setInputs(shown.map((v, j) => (j === i ? 1 - v : v)))}
          >
            {value}
          </button>
        ))}
        <span class="arrow">→</span>
        <button
          type="button"
          class="toggle"
          aria-pressed={output === 1}
          aria-label={t('rows.output')}
          data-testid="new-output"
          onClick={() => setOutput(1 - output)}
        >
          {output}
        </button>
      </div>
      <button
        type="button"
        class="primary"
        data-testid="add-row"
        onClick={() => add({ inputs: shown, output })}
      >
        {t('rows.add')}
      </button>
      <label class="typed">
        <span>{t('rows.typeLabel')}</span>
        <textarea
          rows={3}
          value={typed}
          placeholder={t('rows.typePlaceholder')}
          data-testid="typed-rows"
          onInput={(event) => setTyped((event.currentTarget as HTMLTextAreaElement).value)}
        />
      </label>
      <button
        type="button"
        data-testid="add-typed"
        disabled={typed.trim() === ''}
        onClick={async () => {
          if (await add({ text: typed })) setTyped('');
        }}
      >
        {t('rows.addTyped')}
      </button>
    </section>
  );
}
