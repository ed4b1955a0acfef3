/**
 * Jobs and their answers cross Redis as JSON, which has no NaN or Infinity (a diverged training's loss,
 * an untrained perceptron's) and no bytes (a picture's PNG): both are written as small tagged objects
 * and read back as they were.
 */
export function encodeJob(value: unknown): string {
  return JSON.stringify(value, function replacer(this: Record<string, unknown>, key, current: unknown) {
    const original = this[key];
    if (original instanceof Uint8Array) return { $bytes: Buffer.from(original).toString('base64') };
    if (typeof current === 'number' && !Number.isFinite(current)) return { $number: String(current) };
    return current;
  });
}

export function decodeJob<T>(text: string): T {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const tagged = value as Record<string, unknown>;
      const keys = Object.keys(tagged);
      if (keys.length === 1 && typeof tagged.$number === 'string') return Number(tagged.$number);
      if (keys.length === 1 && typeof tagged.$bytes === 'string') {
        return new Uint8Array(Buffer.from(tagged.$bytes, 'base64'));
      }
    }
    return value;
  }) as T;
}
