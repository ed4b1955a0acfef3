import { describe, expect, it } from 'vitest';
import {
  addRowsRequestSchema,
  changeSettingsRequestSchema,
  deleteRowRequestSchema,
  formatGroupStartParam,
  readGroupStartParam,
  trainRequestSchema,
} from '../../src/miniapp-api/api-schema.js';

describe('the Mini App API shapes', () => {
  it('take rows as text or as one row of numbers, and nothing else', () => {
    expect(addRowsRequestSchema.safeParse({ text: '0 0 1 -> 0' }).success).toBe(true);
    expect(addRowsRequestSchema.safeParse({ inputs: [0, 0, 1], output: 0 }).success).toBe(true);
    expect(addRowsRequestSchema.safeParse({ inputs: [], output: 0 }).success).toBe(false);
    expect(addRowsRequestSchema.safeParse({ inputs: [1], output: '1' }).success).toBe(false);
    expect(addRowsRequestSchema.safeParse({ text: '1 -> 1', userId: 5 }).success).toBe(false);
  });

  it('refuse row numbers below 1, fractions, and unknown settings', () => {
    expect(deleteRowRequestSchema.safeParse({ index: 0 }).success).toBe(false);
    expect(deleteRowRequestSchema.safeParse({ index: 1.5 }).success).toBe(false);
    expect(changeSettingsRequestSchema.safeParse({ method: 'adam' }).success).toBe(false);
    expect(changeSettingsRequestSchema.safeParse({ learningRate: -1 }).success).toBe(false);
    expect(trainRequestSchema.safeParse({ epochs: 0 }).success).toBe(false);
    expect(trainRequestSchema.safeParse({}).success).toBe(true);
  });

  it('write a group id as start_param and read it back; anything else names no group', () => {
    expect(formatGroupStartParam(-1001234567890)).toBe('gm1001234567890');
    expect(readGroupStartParam('gm1001234567890')).toBe(-1001234567890);
    expect(readGroupStartParam(formatGroupStartParam(42))).toBe(42);
    for (const bad of ['', 'g', 'gm', 'gm0', 'g-100', 'x100', 'gm100x', 'gm12345678901234567'])
      expect(readGroupStartParam(bad)).toBeUndefined();
  });
});
