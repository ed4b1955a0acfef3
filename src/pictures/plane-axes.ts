import { formatDecimal } from './number-text.js';
import type { PlaneLayout } from './plane-layout.js';
import type { PlacedRow } from './rows-view.js';
import { drawFittedText, drawText, estimateTextWidth, MIN_TEXT_SIZE, MUTED } from './svg.js';

const TICK_GAP = 16;
/** Between the vertical axis's ticks and its name. */
const NAME_GAP = 24;
/** Where a name as short as x2 is centred, left of the plot. */
const SHORT_NAME_OFFSET = 90;
/** The panel's margin, which no name passes. */
const EDGE = 40;
/** How far a letter such as "у" or "g" reaches below the baseline: the right side of a name turned upwards. */
const DESCENT = 0.24 * MIN_TEXT_SIZE;

const label = { size: MIN_TEXT_SIZE, fill: MUTED } as const;

/**
 * The plane's axes: the lowest and highest value of each input as ticks, and the two inputs' names, the
 * across one under the plot, the up one left of it: level when it fits between the panel's edge and the
 * ticks, else turned to read upwards beside them; each cut with "…" when longer than its room.
 */
export function drawAxes(layout: PlaneLayout, rows: PlacedRow[], names: readonly string[], locale: string) {
  const { plot, across, up, box } = layout;
  const bottom = plot.y + plot.height;
  const ticks = (index: number) => {
    const all = rows.map((row) => row.inputs[index] as number);
    return [Math.min(...all), Math.max(...all)];
  };
  const middle = plot.x + plot.width / 2;
  const acrossRoom = 2 * Math.min(middle - box.x - EDGE, box.x + box.width - EDGE - middle);
  const upTicks = ticks(up).map((v) => ({ v, text: formatDecimal(v, locale) }));
  const tickWidth = Math.max(...upTicks.map(({ text }) => estimateTextWidth(text, MIN_TEXT_SIZE)));
  return [
    ...ticks(across).map((v) =>
      drawText(layout.toPixel(v, 0).x, bottom + 60, formatDecimal(v, locale), { ...label, anchor: 'middle' }),
    ),
    ...upTicks.map(({ v, text }) =>
      drawText(plot.x - TICK_GAP, layout.toPixel(0, v).y + 18, text, { ...label, anchor: 'end' }),
    ),
    drawFittedText(middle, bottom + 124, names[across] ?? `x${across + 1}`, acrossRoom, {
      ...label,
      anchor: 'middle',
    }),
    drawUpName(names[up] ?? `x${up + 1}`, layout, tickWidth),
  ];
}

/**
 * The vertical axis's name at the plot's middle height, between the ticks at a sixth from its top and
 * bottom: centred where x2 always stood if it fits there, right-aligned before the ticks' column if it
 * fits that, else upwards, left of the widest tick.
 */
function drawUpName(name: string, { plot, box }: PlaneLayout, tickWidth: number): string {
  const width = estimateTextWidth(name, MIN_TEXT_SIZE);
  const y = plot.y + plot.height / 2;
  const right = plot.x - TICK_GAP;
  if (
    plot.x - SHORT_NAME_OFFSET + width / 2 <= right &&
    plot.x - SHORT_NAME_OFFSET - width / 2 >= box.x + EDGE
  )
    return drawText(plot.x - SHORT_NAME_OFFSET, y + 18, name, { ...label, anchor: 'middle' });
  if (right - width >= box.x + EDGE) return drawText(right, y + 18, name, { ...label, anchor: 'end' });
  const x = right - tickWidth - NAME_GAP - DESCENT;
  return drawFittedText(x, y, name, plot.height, { ...label, anchor: 'middle', upwards: true });
}
