import type { ModelState } from '../core/types.js';
import { formatDecimal } from './number-text.js';
import { colourOfClass, colourOfOutput, WRONG } from './palette.js';
import type { PlaneLayout } from './plane-layout.js';
import { outputOf, type PlacedRow } from './rows-view.js';
import { drawCircle, drawLine, drawRect, drawText, INK, MUTED, px } from './svg.js';

export interface PlaneView {
  model: ModelState;
  rows: PlacedRow[];
  layout: PlaneLayout;
  title: string;
  locale: string;
}

/** The weighted sum as a linear function of the pixel: sum = a*x + b*y + d. */
interface PixelSum {
  a: number;
  b: number;
  d: number;
}

/**
 * The plane of the two varying inputs: the output as a colour field (a linear gradient, since the sum
 * is linear in the plane), the line where the output is 0.5, and the rows as rings coloured by target
 * whose centres show the field.
 */
export function drawPlanePanel(view: PlaneView, id = 'plane'): string[] {
  const { plot } = view.layout;
  const sum = findPixelSum(view);
  return [
    drawText(plot.x - 70, plot.y - 42, view.title, { size: 40, weight: 'bold' }),
    `<defs>${drawField(view, sum, id)}<clipPath id="${id}-clip">${drawRect(plot, '')}</clipPath></defs>`,
    drawRect(plot, `fill="url(#${id}-field)" stroke="${INK}" stroke-width="3"`),
    drawBoundary(sum, view, id),
    ...drawAxes(view),
    ...view.rows.map((row) => drawRing(view, row)),
  ];
}

function findPixelSum({ model, rows, layout }: PlaneView): PixelSum {
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

function drawField(view: PlaneView, { a, b, d }: PixelSum, id: string): string {
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

function drawBoundary({ a, b, d }: PixelSum, { layout }: PlaneView, id: string): string {
  const length2 = a * a + b * b;
  if (!(length2 > 1e-24) || !Number.isFinite(length2)) return '';
  const { plot } = layout;
  const cx = plot.x + plot.width / 2;
  const cy = plot.y + plot.height / 2;
  const t = (a * cx + b * cy + d) / length2;
  const [x0, y0] = [cx - t * a, cy - t * b];
  const [dx, dy] = [-b / Math.sqrt(length2), a / Math.sqrt(length2)];
  const far = 3 * plot.width;
  return drawLine(
    x0 - far * dx,
    y0 - far * dy,
    x0 + far * dx,
    y0 + far * dy,
    INK,
    4,
    ` stroke-dasharray="16 10" clip-path="url(#${id}-clip)"`,
  );
}

function drawAxes({ layout, rows, locale }: PlaneView): string[] {
  const { plot, across, up } = layout;
  const bottom = plot.y + plot.height;
  const values = (index: number) => [...new Set(rows.map((row) => row.inputs[index] as number))];
  const ticks = (index: number) => {
    const all = values(index);
    return [Math.min(...all), Math.max(...all)];
  };
  const label = { size: 30, fill: MUTED } as const;
  return [
    ...ticks(across).map((v) =>
      drawText(layout.toPixel(v, 0).x, bottom + 40, formatDecimal(v, locale), { ...label, anchor: 'middle' }),
    ),
    ...ticks(up).map((v) =>
      drawText(plot.x - 14, layout.toPixel(0, v).y + 11, formatDecimal(v, locale), {
        ...label,
        anchor: 'end',
      }),
    ),
    drawText(plot.x + plot.width / 2, bottom + 84, `x${across + 1}`, {
      ...label,
      size: 34,
      anchor: 'middle',
    }),
    drawText(plot.x - 62, plot.y + plot.height / 2 + 12, `x${up + 1}`, {
      ...label,
      size: 34,
      anchor: 'middle',
    }),
  ];
}

function drawRing({ layout, rows }: PlaneView, row: PlacedRow): string {
  const { x, y } = layout.toPixel(row.inputs[layout.across] as number, row.inputs[layout.up] as number);
  const r = rows.length > 200 ? 9 : 20;
  const ring = [
    drawCircle(x, y, r + 5, 'fill="none" stroke="#ffffff" stroke-width="3"'),
    drawCircle(
      x,
      y,
      r,
      `fill="none" stroke="${colourOfClass(row.targetClass)}" stroke-width="${r > 10 ? 9 : 5}"`,
    ),
  ];
  if (row.wrong)
    ring.push(
      drawCircle(x, y, r + 13, `fill="none" stroke="${WRONG}" stroke-width="5" stroke-dasharray="8 5"`),
    );
  return ring.join('');
}
