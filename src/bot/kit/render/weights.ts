import type { NumberFormat } from '../../../core/number-format.js';
import type { Translate } from '../../../i18n/i18n.js';

/** Weight `i`'s name, from 0: `w1`, or `w(temperature)` when its input has a name. */
export function nameWeight(i: number, names?: readonly string[]): string {
  const name = names?.[i];
  return name === undefined ? `w${i + 1}` : `w(${name})`;
}

/**
 * `w1  0.12345` lines (`w(temperature)` when the inputs have names), the bias last, aligned for a <pre>
 * block.
 */
export function renderWeightLines(
  t: Translate,
  numbers: NumberFormat,
  weights: readonly number[],
  bias?: number,
  names?: readonly string[],
): string[] {
  const named: [string, number][] = weights.map((w, i) => [nameWeight(i, names), w]);
  if (bias !== undefined) named.push([t('weights.bias'), bias]);
  const nameWidth = Math.max(...named.map(([name]) => name.length));
  const values = named.map(([, w]) => numbers.fixed(w));
  const valueWidth = Math.max(...values.map((v) => v.length));
  return named.map(([name], i) => `${name.padEnd(nameWidth)} ${(values[i] ?? '').padStart(valueWidth)}`);
}
