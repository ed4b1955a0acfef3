import { computeLoss } from './evaluate.js';
import { meetsRule, type StopRule } from './kernel/kernel-types.js';
import { classify, predict } from './predict.js';
import type { ModelSettings, ModelState, Row } from './types.js';

/** The model's own stop rule: its target loss, or for step activation accuracy 100%; none without a target. */
export function stopRuleOf(settings: ModelSettings): StopRule | undefined {
  if (settings.target === undefined) return undefined;
  return settings.activation === 'step' ? { allRight: true } : { loss: settings.target };
}

/** True when the model's outputs on the rows meet the rule. */
export function meetsStopRule(model: ModelState, rows: readonly Row[], rule: StopRule | undefined): boolean {
  if (rule === undefined) return false;
  const wrong = rows.filter((row) => classify(predict(model, row.inputs).output) !== classify(row.output));
  return meetsRule(rule, computeLoss(model, rows), wrong.length);
}
