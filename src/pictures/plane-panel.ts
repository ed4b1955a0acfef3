import type { ModelState } from '../core/types.js';
import { colourOfClass, WRONG } from './palette.js';
import { drawAxes } from './plane-axes.js';
import { drawField, findPixelSum, type PixelSum } from './plane-field.js';
import type { PlaneLayout } from './plane-layout.js';
import type { PlacedRow } from './rows-view.js';
import { drawCircle, drawFittedText, drawLine, drawRect, INK, TITLE_SIZE } from './svg.js';

export interface PlaneView {
  model: ModelState;
  rows: PlacedRow[];
  layout: PlaneLayout;
  title: string;
  /** One name per input; the plane's axes show the two it is drawn on. */
  names: readonly string[];
  locale: string;
}

/**
 * The plane of the two varying inputs: the output as a colour field (a linear gradient, since the sum
 * is linear in the plane), the line where the output is 0.5, and the rows as rings coloured by target
 * whose centres show the field.
 */
export function drawPlanePanel(view: PlaneView, id = 'plane'): string[] {
  const { plot, box } = view.layout;
  const sum = findPixelSum(view);
  return [
    drawFittedText(box.x + 40, box.y + 84, view.title, box.width - 80, { size: TITLE_SIZE, weight: 'bold' }),
    `<defs>${drawField(view, sum, id)}<clipPath id="${id}-clip">${drawRect(plot, '')}</clipPath></defs>`,
    drawRect(plot, `fill="url(#${id}-field)" stroke="${INK}" stroke-width="3"`),
    drawBoundary(sum, view, id),
    ...drawAxes(view.layout, view.rows, view.names, view.locale),
    ...view.rows.map((row) => drawRing(view, row)),
  ];
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
