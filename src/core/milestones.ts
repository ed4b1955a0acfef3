import type { StopRule } from './kernel/kernel-types.js';
import { meetsStopRule } from './stop-rule.js';
import { trainModel } from './train.js';
import type { TrainOptions, TrainResult } from './train-types.js';
import type { ModelState, Row } from './types.js';

/** A training that also noted when it first met each milestone. */
export interface MilestoneResult extends TrainResult {
  /** For each milestone, the epoch of this run after which the weights first met it; null: never. */
  reachedAt: (number | null)[];
  /** Time spent training, without laying out the problem's result. */
  elapsedMs: number;
}

/**
 * Trains all `options.epochs` epochs (none of the model's own target stops it) and notes when each
 * milestone was first met. The run pauses at each milestone and goes on from the same weights and method
 * state, so it is the same run as one without milestones.
 */
export function trainWithMilestones(
  model: ModelState,
  rows: readonly Row[],
  options: TrainOptions,
  milestones: readonly StopRule[],
): MilestoneResult {
  const started = performance.now();
  const reachedAt: (number | null)[] = milestones.map(() => null);
  let current = model;
  let epochsRun = 0;
  let last: TrainResult | undefined;
  while (epochsRun < options.epochs || last === undefined) {
    const open = milestones.filter((_, i) => reachedAt[i] === null);
    const stop: StopRule | false = open.length > 0 ? mergeRules(open) : false;
    const offset = epochsRun;
    const onProgress = options.onProgress;
    last = trainModel(current, rows, {
      ...options,
      epochs: options.epochs - epochsRun,
      stop,
      ...(onProgress
        ? { onProgress: (p) => onProgress({ ...p, epoch: p.epoch + offset, epochs: options.epochs }) }
        : {}),
    });
    current = last.model;
    epochsRun += last.epochsRun;
    if (last.reachedTarget) markReached(milestones, reachedAt, open, current, rows, last.loss, epochsRun);
    if (last.stopped || !last.reachedTarget) break;
  }
  return {
    ...last,
    model: current,
    epochsRun,
    reachedTarget: false,
    reachedAt,
    elapsedMs: performance.now() - started,
  };
}

function mergeRules(rules: readonly StopRule[]): StopRule {
  const losses = rules.flatMap((rule) => (rule.loss === undefined ? [] : [rule.loss]));
  return {
    ...(losses.length > 0 ? { loss: Math.max(...losses) } : {}),
    ...(rules.some((rule) => rule.allRight) ? { allRight: true } : {}),
  };
}

/**
 * Notes the open milestones the weights meet now. The loss test uses the training's own loss; should
 * rounding make the evaluation disagree with the kernel, the milestone that stopped it counts as met, so
 * that the next run does not stop at once again.
 */
function markReached(
  milestones: readonly StopRule[],
  reachedAt: (number | null)[],
  open: readonly StopRule[],
  model: ModelState,
  rows: readonly Row[],
  loss: number,
  epoch: number,
): void {
  let any = false;
  milestones.forEach((rule, i) => {
    if (!open.includes(rule)) return;
    const met =
      (rule.loss !== undefined && loss <= rule.loss) ||
      (rule.allRight === true && meetsStopRule(model, rows, { allRight: true }));
    if (met) {
      reachedAt[i] = epoch;
      any = true;
    }
  });
  if (!any) reachedAt[milestones.indexOf(open[0] as StopRule)] = epoch;
}
