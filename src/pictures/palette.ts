/**
 * Colours with one meaning throughout: blue is class 1 and a positive weight (it pushes the output up),
 * orange is class 0 and a negative weight, grey a weight that reads 0.00. The colour field fades through
 * white at an output of 0.5.
 */
export const CLASS_1 = '#1c64d8';
export const CLASS_0 = '#e8590c';
export const WRONG = '#d1242f';
export const NEUTRAL = '#8c959f';
/** The target loss's line. */
export const TARGET = '#1a7f37';

type Rgb = [number, number, number];
const WHITE: Rgb = [255, 255, 255];
const FIELD_1: Rgb = [120, 166, 240];
const FIELD_0: Rgb = [246, 168, 120];

const hex = (rgb: Rgb): string => `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
const mix = (a: Rgb, b: Rgb, t: number): Rgb =>
  [0, 1, 2].map((i) => (a[i] as number) + ((b[i] as number) - (a[i] as number)) * t) as Rgb;

/** The colour field's colour for an output from 0 to 1; white when weights beyond any number leave none. */
export function colourOfOutput(output: number): string {
  const o = Number.isNaN(output) ? 0.5 : Math.min(1, Math.max(0, output));
  return o >= 0.5 ? hex(mix(WHITE, FIELD_1, (o - 0.5) * 2)) : hex(mix(WHITE, FIELD_0, (0.5 - o) * 2));
}

export const colourOfClass = (label: 0 | 1): string => (label === 1 ? CLASS_1 : CLASS_0);
/** A weight is shown with two decimals: below half a hundredth it reads 0.00, and has no side. */
export const isZeroWeight = (weight: number): boolean => Math.abs(weight) < 0.005;

export const colourOfWeight = (weight: number): string =>
  isZeroWeight(weight) ? NEUTRAL : weight > 0 ? CLASS_1 : CLASS_0;
