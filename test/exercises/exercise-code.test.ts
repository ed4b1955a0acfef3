import { describe, expect, it } from 'vitest';
import {
  createExerciseCode,
  createRunId,
  formatLinkPayload,
  parseExerciseCode,
  parseLinkPayload,
} from '../../src/exercises/exercise-code.js';

describe('exercise codes', () => {
  it('are EX- and 8 symbols of 5 bits: 40 random bits', () => {
    const code = createExerciseCode();
    expect(code).toMatch(/^EX-[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(parseExerciseCode(code.toLowerCase())).toBe(code);
  });

  it('use every bit they are given: different bytes give different codes', () => {
    const fixed = (value: number) => (n: number) => Buffer.alloc(n, value);
    expect(createExerciseCode(fixed(0))).toBe('EX-00000000');
    expect(createExerciseCode(fixed(31))).toBe('EX-ZZZZZZZZ');
  });

  it('do not repeat over many draws', () => {
    const codes = new Set(Array.from({ length: 5000 }, () => createExerciseCode()));
    expect(codes.size).toBe(5000);
  });

  it('refuse anything else', () => {
    for (const text of ['EX-7F3KQ2', 'EX-7F3KQ2ABC', 'XX-7F3KQ2AB', 'EX-7F3KQ2AI', 'and', ''])
      expect([text, parseExerciseCode(text)]).toEqual([text, undefined]);
  });

  it('read a code pasted with spaces around it', () => {
    expect(parseExerciseCode(' ex-7f3kq2ab \n')).toBe('EX-7F3KQ2AB');
  });
});

describe('deep-link payloads', () => {
  it('round-trip a supergroup id and a run id within 64 characters of [A-Za-z0-9_-]', () => {
    const link = { chatId: -1001234567890, runId: createRunId() };
    const payload = formatLinkPayload(link);
    expect(payload).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(parseLinkPayload(payload)).toEqual(link);
  });

  it('refuse payloads of other shapes', () => {
    for (const text of ['', 'ex-100_short', 'ex_ABCDEFGH', 'start', 'ex-1_ABCDEFGH_x'])
      expect([text, parseLinkPayload(text)]).toEqual([text, undefined]);
  });

  it('read a payload with spaces around it, and refuse a chat id beyond what a number holds exactly', () => {
    expect(parseLinkPayload(' ex-1001234567890_7F3KQ2AB ')).toEqual({
      chatId: -1001234567890,
      runId: '7F3KQ2AB',
    });
    expect(parseLinkPayload('ex-99999999999999999999_7F3KQ2AB')).toBeUndefined();
  });
});
