import { describe, expect, it } from 'vitest';
import type { KernelProblem } from '../../../src/core/kernel/kernel-types.js';
import { instantiate, planLayout } from '../../../src/core/kernel/wasm-memory.js';

const PAGE = 65_536;

function problem(rows: number, cols: number): KernelProblem {
  return {
    rows,
    cols,
    x: new Float64Array(rows * cols),
    y: new Float64Array(rows),
    weights: new Float64Array(cols),
    learningRate: 1,
    activation: 'sigmoid',
  };
}

describe('the wasm kernel memory', () => {
  it('takes one page for the lesson', () => {
    expect(instantiate(planLayout(problem(4, 3))).memory.buffer.byteLength).toBe(PAGE);
  });

  it('takes the pages a large problem’s rows need and no more', () => {
    // 1000 rows of 32 inputs: 256,000 bytes of inputs and 8,000 for each of four row areas fill 5 pages.
    const layout = planLayout(problem(1000, 32));
    expect(layout.bytes).toBeGreaterThan(4 * PAGE);
    expect(layout.bytes).toBeLessThanOrEqual(5 * PAGE);
    expect(instantiate(layout).memory.buffer.byteLength).toBe(5 * PAGE);
  });
});
