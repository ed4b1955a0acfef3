import type { NumberFormat } from '../../core/number-format.js';
import type { TrainProgress } from '../../core/train-types.js';
import type { Translate } from '../../i18n/i18n.js';
import { renderProgressBar } from '../kit/render/numbers.js';

/** The progress message: a bar, the epoch and the loss. */
export function renderProgress(t: Translate, numbers: NumberFormat, progress: TrainProgress): string {
  const fraction = progress.epochs > 0 ? progress.epoch / progress.epochs : 0;
  return t('train.progress', {
    bar: renderProgressBar(fraction),
    percent: Math.floor(fraction * 100),
    epoch: numbers.count(progress.epoch),
    epochs: numbers.count(progress.epochs),
    loss: numbers.loss(progress.loss),
  });
}
