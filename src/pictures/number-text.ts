/** Numbers as a picture shows them, with the reader's decimal mark and digit grouping. */

/** An input or a tick: up to `digits` decimals, and a real minus sign. */
export function formatDecimal(n: number, locale: string, digits = 2, minimumDigits = 0): string {
  if (!Number.isFinite(n)) return n > 0 ? '∞' : n < 0 ? '−∞' : '—';
  if (Math.abs(n) >= 1e6) return formatExponent(n, locale);
  const format = { minimumFractionDigits: minimumDigits, maximumFractionDigits: digits, useGrouping: false };
  const text = new Intl.NumberFormat(locale, format).format(n);
  return /^-0([.,]0*)?$/.test(text) ? text.slice(1) : text.replace('-', '−');
}

/** A weight or a weighted sum: always two decimals, so -0.99977 reads −1.00, not an exact −1. */
export const formatWeight = (n: number, locale: string): string => formatDecimal(n, locale, 2, 2);

/** An output from 0 to 1 as the lesson prints it: five decimals. */
export const formatOutput = (n: number, locale: string): string =>
  new Intl.NumberFormat(locale, { minimumFractionDigits: 5, maximumFractionDigits: 5 }).format(n);

/** An epoch count with the language's grouping: 20,000 or 20 000. */
export const formatCount = (n: number, locale: string): string => new Intl.NumberFormat(locale).format(n);

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 10 to a whole power, as a tick of a log scale: 10⁻⁵. */
export const formatPowerOfTen = (power: number): string =>
  `10${[...String(power)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`;

/** A number as mantissa·10ⁿ, the mantissa with up to `digits` decimals: −3.1·10⁴. */
export function formatExponent(n: number, locale: string, digits = 1, minimumDigits = 0): string {
  const [mantissa = '0', power = '0'] = n.toExponential(digits).split('e');
  const shown = formatDecimal(Number(mantissa), locale, digits, minimumDigits);
  return `${shown}·${formatPowerOfTen(Number(power))}`;
}

/**
 * The number with as many of its digits as `fits` allows: two decimals, one, none, then mantissa·10ⁿ
 * with fewer and fewer decimals; the shortest when none fits.
 */
export function formatFitting(n: number, locale: string, fits: (text: string) => boolean): string {
  if (!Number.isFinite(n)) return formatDecimal(n, locale);
  const fixed = Math.abs(n) < 1e6 ? [2, 1, 0].map((d) => formatDecimal(n, locale, d, d)) : [];
  const candidates = [...fixed, ...[2, 1, 0].map((d) => formatExponent(n, locale, d))];
  return candidates.find(fits) ?? (candidates.at(-1) as string);
}

/** A loss as a picture prints it: four decimals down to 0.001, below that 3.20·10⁻⁵. */
export function formatLoss(loss: number, locale: string): string {
  if (!Number.isFinite(loss)) return formatDecimal(loss, locale);
  if (loss === 0 || loss >= 0.001) return formatDecimal(loss, locale, 4, 4);
  return formatExponent(loss, locale, 2, 2);
}
