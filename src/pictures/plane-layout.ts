import type { Row } from '../core/types.js';
import type { Box } from './svg.js';

const MARGIN = { left: 160, right: 60, top: 150, bottom: 150 };

/** Where the plane of two varying inputs sits in its panel, and how inputs map to pixels. */
export interface PlaneLayout {
  /** The whole panel, and the square plot inside it. */
  box: Box;
  plot: Box;
  /** The two inputs drawn, by index: across and up. */
  across: number;
  up: number;
  range: { across: [number, number]; up: [number, number] };
  toPixel(across: number, up: number): { x: number; y: number };
}

/**
 * A square plot of inputs `across` and `up`, a quarter of their span beyond the rows on each side,
 * centred across the panel.
 */
export function layoutPlane(rows: readonly Row[], [across, up]: [number, number], box: Box): PlaneLayout {
  const room = box.width - MARGIN.left - MARGIN.right;
  const side = Math.min(room, box.height - MARGIN.top - MARGIN.bottom);
  const plot = {
    x: box.x + MARGIN.left + (room - side) / 2,
    y: box.y + MARGIN.top,
    width: side,
    height: side,
  };
  const range = { across: padRange(rows, across), up: padRange(rows, up) };
  const [a0, a1] = range.across;
  const [u0, u1] = range.up;
  return {
    box,
    plot,
    across,
    up,
    range,
    toPixel: (a, u) => ({
      x: plot.x + ((a - a0) / (a1 - a0)) * side,
      y: plot.y + side - ((u - u0) / (u1 - u0)) * side,
    }),
  };
}

function padRange(rows: readonly Row[], index: number): [number, number] {
  const values = rows.map((row) => row.inputs[index] as number);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const pad = (high - low) * 0.25 || 0.5;
  return [low - pad, high + pad];
}
