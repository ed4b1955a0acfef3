import type { FakeAnswer, FakeCall, FakeFailure } from './fake-bot-types.js';
import { errorAnswer } from './fake-telegram-objects.js';

export type PayloadPredicate = (payload: Record<string, unknown>) => boolean;

/** Chosen calls answered with an error, each rule for a number of calls or until removed. */
export interface FailRules {
  add(method: string, predicate: PayloadPredicate | undefined, failure: FakeFailure): () => void;
  /** The error answer for the call, if a rule matches it (using up one of the rule's times). */
  answerFor(call: FakeCall): FakeAnswer | undefined;
}

interface FailRule {
  method: string;
  predicate: PayloadPredicate | undefined;
  failure: FakeFailure;
  used: number;
}

export function createFailRules(): FailRules {
  const rules: FailRule[] = [];
  const remove = (rule: FailRule): void => {
    const index = rules.indexOf(rule);
    if (index >= 0) rules.splice(index, 1);
  };
  return {
    add(method, predicate, failure) {
      const rule: FailRule = { method, predicate, failure, used: 0 };
      rules.push(rule);
      return () => remove(rule);
    },
    answerFor(call) {
      const rule = rules.find((r) => r.method === call.method && (r.predicate?.(call.payload) ?? true));
      if (!rule) return undefined;
      rule.used += 1;
      if (rule.used >= (rule.failure.times ?? Number.POSITIVE_INFINITY)) remove(rule);
      return errorAnswer(rule.failure);
    },
  };
}
