import { describe, expect, it } from 'vitest';
import { formatCount, formatFixed, formatLoss, renderProgressBar } from '../../../src/bot/render/numbers.js';

describe('number rendering', () => {
  it('prints five decimals and never a minus sign on zero', () => {
    expect(formatFixed(0.9999618518527374)).toBe('0.99996');
    expect(formatFixed(-1e-10)).toBe('0.00000');
    expect(formatFixed(-0.5)).toBe('-0.50000');
  });

  it('keeps a shrinking loss readable', () => {
    expect(formatLoss(0.25)).toBe('0.2500');
    expect(formatLoss(3.2e-5)).toBe('3.20e-5');
    expect(formatLoss(Number.NaN)).toBe('—');
  });

  it('groups digits the way each language does', () => {
    expect(formatCount(160_000_000, 'en')).toBe('160,000,000');
    expect(formatCount(20_000, 'ru').replace(/\s/g, ' ')).toBe('20 000');
  });

  it('draws a ten-cell bar', () => {
    expect(renderProgressBar(0)).toBe('░░░░░░░░░░');
    expect(renderProgressBar(0.5)).toBe('▓▓▓▓▓░░░░░');
    expect(renderProgressBar(1)).toBe('▓▓▓▓▓▓▓▓▓▓');
  });
});
