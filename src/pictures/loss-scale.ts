import { formatPowerOfTen } from './number-text.js';
import { type Box, drawLine, drawText, MIN_TEXT_SIZE, MUTED } from './svg.js';

/** The bottom of any loss scale: a loss of exactly 0 (a step neuron always right) or less is drawn there. */
const SMALLEST_LOSS = 1e-12;
/** Labelled ticks stand at least this far apart, so that the powers of ten stand clear of each other. */
const TICK_ROOM = 80;

/** The loss scale: powers of ten from `low` to `high`, a labelled tick every `step`. */
export interface LossScale {
  low: number;
  high: number;
  step: number;
  /** Some loss lies below the scale's bottom, and is drawn on it: the bottom tick says "≤". */
  floored: boolean;
}

/**
 * Whole powers of ten around the losses, at least three labelled ticks apart, the lowest and the
 * highest ticks at the scale's ends. The bottom goes no lower than 10⁻¹²: a smaller loss sits on it.
 */
export function chooseLossScale(losses: number[], height: number): LossScale {
  const finite = losses.filter(Number.isFinite);
  const floor = Math.log10(SMALLEST_LOSS);
  const floored = finite.some((loss) => loss < SMALLEST_LOSS);
  let low = Math.floor(Math.log10(Math.max(SMALLEST_LOSS, Math.min(...finite))));
  let high = Math.max(low + 1, Math.ceil(Math.log10(Math.max(SMALLEST_LOSS, ...finite))));
  const intervals = Math.max(2, Math.floor(height / TICK_ROOM));
  const step = Math.ceil(Math.max(2, high - low) / intervals);
  const span = step * Math.max(2, Math.ceil((high - low) / step));
  if (high - span >= floor && !floored) low = high - span;
  else high = low + span;
  return { low, high, step, floored };
}

/** The height of a loss in the plot, on the scale. */
export function placeLoss({ low, high }: LossScale, plot: Box): (loss: number) => number {
  return (loss) =>
    plot.y + plot.height - ((Math.log10(Math.max(SMALLEST_LOSS, loss)) - low) / (high - low)) * plot.height;
}

/** The scale's labelled ticks, top first, the bottom one "≤10⁻¹²" when losses lie below it. */
export function listLossTicks({ low, high, step, floored }: LossScale): { power: number; text: string }[] {
  const ticks: { power: number; text: string }[] = [];
  for (let power = high; power >= low; power -= step) {
    const text = power === low && floored ? `≤${formatPowerOfTen(power)}` : formatPowerOfTen(power);
    ticks.push({ power, text });
  }
  return ticks;
}

/** The scale's grid lines and their powers of ten. */
export function drawLossScale(plot: Box, scale: LossScale): string[] {
  const { low, high } = scale;
  const parts: string[] = [];
  for (const { power, text } of listLossTicks(scale)) {
    const y = plot.y + plot.height - ((power - low) / (high - low)) * plot.height;
    parts.push(
      drawLine(plot.x, y, plot.x + plot.width, y, '#d0d7de', 2),
      drawText(plot.x - 16, y + 18, text, { size: MIN_TEXT_SIZE, anchor: 'end', fill: MUTED }),
    );
  }
  return parts;
}
