import { describe, expect, it } from 'vitest';
import { renderProgressBar } from '../../../../src/bot/kit/render/numbers.js';

describe('the progress bar', () => {
  it('draws a ten-cell bar', () => {
    expect(renderProgressBar(0)).toBe('░░░░░░░░░░');
    expect(renderProgressBar(0.5)).toBe('▓▓▓▓▓░░░░░');
    expect(renderProgressBar(1)).toBe('▓▓▓▓▓▓▓▓▓▓');
  });
});
