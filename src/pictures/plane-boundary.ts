import type { PixelSum } from './plane-field.js';
import type { Box } from './svg.js';

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Shorter than this inside the plot, the line is not worth drawing (it only grazes a corner). */
const SHORTEST = 4;

/**
 * Where the output is 0.5 (the weighted sum is 0) inside the plot, as a segment from edge to edge; none
 * when the line misses the plot, or when the weights are all but 0 and the sum hardly changes over it.
 */
export function findBoundary({ a, b, d }: PixelSum, plot: Box): Segment | undefined {
  const length2 = a * a + b * b;
  if (!(length2 > 1e-24) || !Number.isFinite(length2)) return undefined;
  const length = Math.sqrt(length2);
  const cx = plot.x + plot.width / 2;
  const cy = plot.y + plot.height / 2;
  const t = (a * cx + b * cy + d) / length2;
  const [x0, y0] = [cx - t * a, cy - t * b];
  const [dx, dy] = [-b / length, a / length];
  // The line's points x0 + s·dx, y0 + s·dy, clipped to the plot (Liang and Barsky).
  let enter = Number.NEGATIVE_INFINITY;
  let leave = Number.POSITIVE_INFINITY;
  const sides: [number, number][] = [
    [-dx, x0 - plot.x],
    [dx, plot.x + plot.width - x0],
    [-dy, y0 - plot.y],
    [dy, plot.y + plot.height - y0],
  ];
  for (const [p, q] of sides) {
    if (p === 0) {
      if (q < 0) return undefined;
    } else if (p < 0) enter = Math.max(enter, q / p);
    else leave = Math.min(leave, q / p);
  }
  if (leave - enter < SHORTEST) return undefined;
  return { x1: x0 + enter * dx, y1: y0 + enter * dy, x2: x0 + leave * dx, y2: y0 + leave * dy };
}
