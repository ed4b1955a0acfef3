import { describe, expect, it } from 'vitest';
import { decodeJob, encodeJob } from '../../src/queue/job-codec.js';

describe('the job codec', () => {
  it('keeps NaN, the infinities and bytes, which plain JSON loses', () => {
    const value = {
      loss: Number.NaN,
      weights: [1.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.25],
      png: new Uint8Array([137, 80, 78, 71, 0, 255]),
      nested: { list: [{ loss: Number.NaN }] },
    };
    const decoded = decodeJob<typeof value>(encodeJob(value));
    expect(decoded.loss).toBeNaN();
    expect(decoded.weights).toEqual([1.5, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0.25]);
    expect(decoded.png).toBeInstanceOf(Uint8Array);
    expect([...decoded.png]).toEqual([137, 80, 78, 71, 0, 255]);
    expect(decoded.nested.list[0]?.loss).toBeNaN();
  });

  it('leaves objects that only look tagged but have more fields as they are', () => {
    const value = { a: { $number: 'NaN', other: 1 }, b: { $bytes: 'AA==', c: 2 } };
    expect(decodeJob(encodeJob(value))).toEqual(value);
  });
});
