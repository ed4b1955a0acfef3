import type { ModelState } from '../core/types.js';
import { drawAxes } from './plane-axes.js';
import { findBoundary } from './plane-boundary.js';
import { drawField, findPixelSum } from './plane-field.js';
import type { PlaneLayout } from './plane-layout.js';
import { drawRowMark } from './row-marks.js';
import type { PlacedRow } from './rows-view.js';
import { drawFittedText, drawLine, drawRect, INK, TITLE_SIZE } from './svg.js';

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
 * is linear in the plane), the dashed line where the output is 0.5 if it crosses the plot, and the rows
 * marked as on the activation curve.
 */
export function drawPlanePanel(view: PlaneView, id = 'plane'): string[] {
  const { plot, box } = view.layout;
  const sum = findPixelSum(view);
  const boundary = findBoundary(sum, plot);
  const { layout, rows } = view;
  return [
    drawFittedText(box.x + 40, box.y + 84, view.title, box.width - 80, { size: TITLE_SIZE, weight: 'bold' }),
    `<defs>${drawField(view, sum, id)}</defs>`,
    drawRect(plot, `fill="url(#${id}-field)" stroke="${INK}" stroke-width="3"`),
    ...(boundary
      ? [drawLine(boundary.x1, boundary.y1, boundary.x2, boundary.y2, INK, 4, ' stroke-dasharray="16 10"')]
      : []),
    ...drawAxes(layout, rows, view.names, view.locale),
    ...rows.map((row) => {
      const { x, y } = layout.toPixel(row.inputs[layout.across] as number, row.inputs[layout.up] as number);
      return drawRowMark(x, y, row, rows.length);
    }),
  ];
}
