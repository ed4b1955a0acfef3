import { describe, expect, it } from 'vitest';
import {
  formatCount,
  formatDecimal,
  formatExponent,
  formatFitting,
  formatLoss,
  formatOutput,
  formatPowerOfTen,
  formatWeight,
} from '../../src/pictures/number-text.js';
import {
  CLASS_0,
  CLASS_1,
  colourOfClass,
  colourOfOutput,
  colourOfWeight,
  isZeroWeight,
  NEUTRAL,
  TARGET,
  WRONG,
} from '../../src/pictures/palette.js';
import {
  drawCircle,
  drawFittedText,
  drawLine,
  drawRect,
  drawText,
  escapeXml,
  estimateTextWidth,
  INK,
  MIN_TEXT_SIZE,
  MUTED,
  px,
  wrapSvg,
} from '../../src/pictures/svg.js';

describe('the SVG builders', () => {
  it('escape every markup character as a numeric reference, and nothing else', () => {
    expect(escapeXml(`a<b>c&d"e'f`)).toBe('a&#60;b&#62;c&#38;d&#34;e&#39;f');
    expect(escapeXml('<<>>')).toBe('&#60;&#60;&#62;&#62;');
    expect(escapeXml('plain 1.5 σ')).toBe('plain 1.5 σ');
  });

  it('round coordinates to a tenth of a pixel', () => {
    expect(px(12.34)).toBe('12.3');
    expect(px(12.36)).toBe('12.4');
    expect(px(-0.04)).toBe('0');
    expect(px(7)).toBe('7');
  });

  it('write a text with only the attributes it needs', () => {
    expect(drawText(10.04, 20.06, 'a<b', { size: 52 })).toBe(
      `<text x="10" y="20.1" font-size="52" fill="${INK}">a&#60;b</text>`,
    );
    expect(drawText(1, 2, 'x', { size: 60, anchor: 'start' })).toBe(
      `<text x="1" y="2" font-size="60" fill="${INK}">x</text>`,
    );
    expect(drawText(1, 2, 'x', { size: 52, anchor: 'middle', weight: 'bold', fill: '#123456' })).toBe(
      '<text x="1" y="2" font-size="52" text-anchor="middle" font-weight="bold" fill="#123456">x</text>',
    );
    expect(drawText(80, 100.25, 'up', { size: 52, anchor: 'end', upwards: true })).toBe(
      `<text x="80" y="100.3" font-size="52" text-anchor="end" fill="${INK}" transform="rotate(-90 80 100.3)">up</text>`,
    );
  });

  it('write lines, circles, rects and the document around them', () => {
    expect(drawLine(1, 2.55, 3, 4, '#abc')).toBe(
      '<line x1="1" y1="2.6" x2="3" y2="4" stroke="#abc" stroke-width="2"/>',
    );
    expect(drawLine(1, 2, 3, 4, '#abc', 3.25, ' stroke-dasharray="4 8"')).toBe(
      '<line x1="1" y1="2" x2="3" y2="4" stroke="#abc" stroke-width="3.3" stroke-dasharray="4 8"/>',
    );
    expect(drawCircle(5.01, 6, 7.5, 'fill="red"')).toBe('<circle cx="5" cy="6" r="7.5" fill="red"/>');
    expect(drawRect({ x: 1, y: 2, width: 3, height: 4.44 }, 'rx="2"')).toBe(
      '<rect x="1" y="2" width="3" height="4.4" rx="2"/>',
    );
    expect(wrapSvg(40, 30, ['<a/>', '<b/>'])).toBe(
      [
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" viewBox="0 0 40 30" font-family="DejaVu Sans">',
        '<rect width="40" height="30" fill="#ffffff"/>',
        '<a/>',
        '<b/>',
        '</svg>',
      ].join('\n'),
    );
  });

  it('estimate widths by kind of letter, bold a tenth wider', () => {
    expect(estimateTextWidth('', 100)).toBe(0);
    expect(estimateTextWidth('i', 100)).toBeCloseTo(36, 9);
    expect(estimateTextWidth('⁻', 100)).toBeCloseTo(52, 9);
    expect(estimateTextWidth('m', 100)).toBeCloseTo(95, 9);
    expect(estimateTextWidth('+', 100)).toBeCloseTo(84, 9);
    expect(estimateTextWidth('5', 100)).toBeCloseTo(66, 9);
    expect(estimateTextWidth('a5', 10, true)).toBeCloseTo(14.52, 9);
    expect(estimateTextWidth('Ш·', 10)).toBeCloseTo(13.1, 9);
  });

  it('fit a text to its width: smaller down to the least size, else cut with an ellipsis', () => {
    // "aaaa" is 2.64 em: 60 px high it takes 158.4 px.
    expect(drawFittedText(0, 0, 'aaaa', 200, { size: 60 })).toBe(drawText(0, 0, 'aaaa', { size: 60 }));
    expect(drawFittedText(0, 0, 'aaaa', 150, { size: 60 })).toBe(drawText(0, 0, 'aaaa', { size: 56 }));
    expect(drawFittedText(0, 0, 'aaaa', 137.28, { size: 60 })).toBe(drawText(0, 0, 'aaaa', { size: 52 }));
    // Bold is wider: 2.904 em, so 150 px holds 51 px, below the least size; cut to "aa…" at 60 px.
    expect(drawFittedText(0, 0, 'aaaa', 150, { size: 60, weight: 'bold' })).toBe(
      drawText(0, 0, 'aa…', { size: 60, weight: 'bold' }),
    );
    // Cut two letters at a time, and the space before the ellipsis dropped.
    expect(drawFittedText(0, 0, 'ab cdefgh', 230, { size: MIN_TEXT_SIZE })).toBe(
      drawText(0, 0, 'ab cde…', { size: MIN_TEXT_SIZE }),
    );
    expect(drawFittedText(0, 0, 'ab cdefgh', 130, { size: MIN_TEXT_SIZE })).toBe(
      drawText(0, 0, 'ab…', { size: MIN_TEXT_SIZE }),
    );
    expect(drawFittedText(0, 0, 'abcdef', 10, { size: 60 })).toBe(drawText(0, 0, '…', { size: 60 }));
    // Below the least size and exactly as wide as the room: whole.
    const exact = estimateTextWidth('aa', 40);
    expect(drawFittedText(0, 0, 'aa', exact, { size: 40 })).toBe(drawText(0, 0, 'aa', { size: 40 }));
  });
});

describe('numbers as the pictures write them', () => {
  it('decimals: up to the digits asked, a real minus, no minus on a zero', () => {
    expect(formatDecimal(-1.23456, 'en-US')).toBe('−1.23');
    expect(formatDecimal(0.5, 'ru-RU')).toBe('0,5');
    expect(formatDecimal(1.23456, 'en-US', 3)).toBe('1.235');
    expect(formatDecimal(2, 'en-US', 2, 2)).toBe('2.00');
    expect(formatDecimal(-0.001, 'en-US')).toBe('0');
    expect(formatDecimal(-0.001, 'en-US', 2, 2)).toBe('0.00');
    expect(formatDecimal(12345.6, 'en-US')).toBe('12345.6');
    expect(formatDecimal(999_999, 'en-US')).toBe('999999');
    expect(formatDecimal(1e6, 'en-US')).toBe('1·10⁶');
    expect(formatDecimal(-2.5e7, 'en-US')).toBe('−2.5·10⁷');
    expect(formatDecimal(Number.POSITIVE_INFINITY, 'en-US')).toBe('∞');
    expect(formatDecimal(Number.NEGATIVE_INFINITY, 'en-US')).toBe('−∞');
    expect(formatDecimal(Number.NaN, 'en-US')).toBe('—');
  });

  it('weights, outputs, counts and powers of ten', () => {
    expect(formatWeight(-0.99977, 'en-US')).toBe('−1.00');
    expect(formatWeight(3, 'ru-RU')).toBe('3,00');
    expect(formatOutput(0.999963, 'en-US')).toBe('0.99996');
    expect(formatOutput(0.5, 'ru-RU')).toBe('0,50000');
    expect(formatCount(20_000, 'en-US')).toBe('20,000');
    expect(formatCount(20_000, 'ru-RU')).toBe('20\u00a0000');
    expect(formatPowerOfTen(-12)).toBe('10⁻¹²');
    expect(formatPowerOfTen(0)).toBe('10⁰');
    expect(formatPowerOfTen(3456789)).toBe('10³⁴⁵⁶⁷⁸⁹');
  });

  it('mantissa·10ⁿ with the digits asked', () => {
    expect(formatExponent(-31_400, 'en-US')).toBe('−3.1·10⁴');
    expect(formatExponent(0.000032, 'ru-RU', 2, 2)).toBe('3,20·10⁻⁵');
    expect(formatExponent(0.000032, 'en-US', 2)).toBe('3.2·10⁻⁵');
    expect(formatExponent(0, 'en-US')).toBe('0·10⁰');
  });

  it('as many digits as fit, the shortest when none does', () => {
    const upTo = (length: number) => (text: string) => text.length <= length;
    expect(formatFitting(-314.654, 'en-US', upTo(7))).toBe('−314.65');
    expect(formatFitting(-314.654, 'en-US', upTo(6))).toBe('−314.7');
    expect(formatFitting(-314.654, 'en-US', upTo(4))).toBe('−315');
    expect(formatFitting(-314.654, 'en-US', upTo(3))).toBe('−3·10²');
    expect(formatFitting(-314.654, 'en-US', upTo(9))).toBe('−314.65');
    expect(formatFitting(-314.654, 'en-US', (text) => text.includes('·10') && text.length <= 8)).toBe(
      '−3.1·10²',
    );
    expect(formatFitting(-314.654, 'en-US', (text) => text.includes('·10') && text.length <= 9)).toBe(
      '−3.15·10²',
    );
    expect(formatFitting(2.5e6, 'en-US', () => true)).toBe('2.5·10⁶');
    expect(formatFitting(2.345e6, 'en-US', () => true)).toBe('2.35·10⁶');
    expect(formatFitting(999_999.4, 'en-US', () => true)).toBe('999999.40');
    expect(formatFitting(Number.NaN, 'en-US', () => false)).toBe('—');
  });

  it('losses: four decimals down to 0.001, mantissa·10ⁿ below', () => {
    expect(formatLoss(0.25, 'en-US')).toBe('0.2500');
    expect(formatLoss(0.001, 'en-US')).toBe('0.0010');
    expect(formatLoss(0.000999, 'en-US')).toBe('9.99·10⁻⁴');
    expect(formatLoss(0, 'ru-RU')).toBe('0,0000');
    expect(formatLoss(Number.NaN, 'en-US')).toBe('—');
  });
});

describe('the palette', () => {
  it('fades the field from orange through white at 0.5 to blue', () => {
    expect(colourOfOutput(1)).toBe('#78a6f0');
    expect(colourOfOutput(2)).toBe('#78a6f0');
    expect(colourOfOutput(0)).toBe('#f6a878');
    expect(colourOfOutput(-1)).toBe('#f6a878');
    expect(colourOfOutput(0.5)).toBe('#ffffff');
    expect(colourOfOutput(Number.NaN)).toBe('#ffffff');
    // Halfway from white to FIELD_1 (120, 166, 240): 187.5, 210.5, 247.5.
    expect(colourOfOutput(0.75)).toBe('#bcd3f8');
    // Halfway from white to FIELD_0 (246, 168, 120): 250.5, 211.5, 187.5.
    expect(colourOfOutput(0.25)).toBe('#fbd4bc');
  });

  it('gives each meaning its own colour: class 1 blue, class 0 orange', () => {
    const colours = [CLASS_1, CLASS_0, WRONG, NEUTRAL, TARGET, INK, MUTED];
    for (const colour of colours) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
    expect(new Set(colours).size).toBe(colours.length);
    const rgb = (hex: string) =>
      [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    expect(rgb(CLASS_1)[2]).toBeGreaterThan(rgb(CLASS_1)[0] + 100);
    expect(rgb(CLASS_0)[0]).toBeGreaterThan(rgb(CLASS_0)[2] + 100);
  });

  it('colours classes and weights, grey for a weight that reads 0.00', () => {
    expect(colourOfClass(1)).toBe(CLASS_1);
    expect(colourOfClass(0)).toBe(CLASS_0);
    expect([isZeroWeight(0.0049), isZeroWeight(-0.0049), isZeroWeight(0.005), isZeroWeight(-0.005)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect([colourOfWeight(0.004), colourOfWeight(0.01), colourOfWeight(-0.01)]).toEqual([
      NEUTRAL,
      CLASS_1,
      CLASS_0,
    ]);
  });
});
