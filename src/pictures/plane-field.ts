import type { ModelState } from '../core/types.js';
import { colourOfOutput } from './palette.js';
import type { PlaneLayout } from './plane-layout.js';
import { outputOf, type PlacedRow } from './rows-view.js';
import { px } from './svg.js';

/** What the field needs of the plane's view. */
export interface FieldView {
  model: ModelState;
  rows: PlacedRow[];
  layout: PlaneLayout;
}

/** The weighted sum as a linear function of the pixel: sum = a*x + b*y + d. */
export interface PixelSum {
  a: number;
  b: number;
  d: number;
}

/** The weighted sum over the plane's pixels; the inputs that do not vary keep the first row's values. */
export function findPixelSum({ model, rows, layout }: FieldView): PixelSum {
  const at = (x: number, y: number): number => {
    const across = unmap(layout, 'across', x);
    const up = unmap(layout, 'up', y);
    const inputs = [...(rows[0]?.inputs ?? [])];
    inputs[layout.across] = across;
    inputs[layout.up] = up;
    const weighted = inputs.reduce((total, value, i) => total + value * (model.weights[i] as number), 0);
    return weighted + (model.bias ?? 0);
  };
  const d = at(0, 0);
  return { a: at(1, 0) - d, b: at(0, 1) - d, d };
}

function unmap(layout: PlaneLayout, axis: 'across' | 'up', pixel: number): number {
  const [low, high] = layout.range[axis];
  const { plot } = layout;
  const fraction =
    axis === 'across' ? (pixel - plot.x) / plot.width : (plot.y + plot.height - pixel) / plot.height;
  return low + fraction * (high - low);
}

/**
 * The output as a colour field: a linear gradient, since the sum is linear in the plane, along the
 * direction the sum grows, with stops where the output changes.
 */
export function drawField(view: FieldView, { a, b, d }: PixelSum, id: string): string {
  const { plot } = view.layout;
  const length = Math.hypot(a, b);
  const colourAt = (sum: number) => colourOfOutput(outputOf(view.model, sum));
  if (length < 1e-12 || !Number.isFinite(length)) {
    const flat = colourAt(d + a * (plot.x + plot.width / 2) + b * (plot.y + plot.height / 2));
    return `<linearGradient id="${id}-field"><stop offset="0" stop-color="${flat}"/></linearGradient>`;
  }
  const [ux, uy] = [a / length, b / length];
  const corners = [plot.x, plot.x + plot.width].flatMap((x) =>
    [plot.y, plot.y + plot.height].map((y) => x * ux + y * uy),
  );
  const [from, to] = [Math.min(...corners), Math.max(...corners)];
  const sumAt = (s: number) => d + length * (from + s * (to - from));
  const stops = chooseStops(view.model, sumAt(0), sumAt(1)).map(
    ({ offset, sum }) => `<stop offset="${offset.toFixed(4)}" stop-color="${colourAt(sum)}"/>`,
  );
  const ends = `x1="${px(from * ux)}" y1="${px(from * uy)}" x2="${px(to * ux)}" y2="${px(to * uy)}"`;
  return `<linearGradient id="${id}-field" gradientUnits="userSpaceOnUse" ${ends}>${stops.join('')}</linearGradient>`;
}

/** Stops along the gradient: evenly, plus dense where the sigmoid bends, and a hard edge for a step. */
function chooseStops(model: ModelState, start: number, end: number) {
  const offsetOf = (sum: number) => (sum - start) / (end - start);
  const offsets = Array.from({ length: 33 }, (_, i) => i / 32);
  if (model.settings.activation === 'sigmoid') {
    for (let k = -32; k <= 32; k++) offsets.push(offsetOf(k / 4));
  }
  const stops = offsets
    .filter((offset) => offset > 0 && offset < 1)
    .concat([0, 1])
    .sort((x, y) => x - y)
    .map((offset) => ({ offset, sum: start + offset * (end - start) }));
  const edge = offsetOf(0);
  if (model.settings.activation === 'step' && edge > 0 && edge < 1) {
    const below = start < end ? -1 : 1;
    stops.push({ offset: edge, sum: below }, { offset: edge, sum: -below });
    stops.sort((x, y) => x.offset - y.offset);
  }
  return stops;
}
