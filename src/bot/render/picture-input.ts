import type { Language } from '../../config/config.js';
import { cutText } from '../../core/cut-text.js';
import { formatNumber } from '../../core/dataset-format.js';
import { createModel } from '../../core/model.js';
import type { ModelState, Row } from '../../core/types.js';
import type { Translate } from '../../i18n/i18n.js';
import type { MadePicture, MadeReplay } from '../../pictures/make-picture.js';
import { countGroupedInputs } from '../../pictures/neuron-panel.js';
import type { PictureInput, PictureLabels, ReplayInput } from '../../pictures/picture-types.js';
import { findVaryingInputs } from '../../pictures/rows-view.js';
import { CAPTION_LIMIT } from '../reply.js';
import type { PerceptronDoc } from '../state/documents.js';
import { formatCount, formatFixed, formatLoss } from './numbers.js';

const CASE_TEXT_LIMIT = 36;

/** The perceptron to draw: the stored one when it fits the rows, else the seed's starting weights. */
export function choosePictureModel(doc: PerceptronDoc): ModelState | undefined {
  const inputs = doc.rows[0]?.inputs.length;
  if (inputs === undefined) return undefined;
  return doc.model?.inputs === inputs ? doc.model : createModel(doc.settings, inputs);
}

const localeOf = (language: Language): string => (language === 'ru' ? 'ru-RU' : 'en-US');
const formatCase = (inputs: readonly number[]) =>
  cutText(inputs.map(formatNumber).join(' '), CASE_TEXT_LIMIT);

/** Everything a worker needs to draw the picture, every word in the reader's language. */
export function describePicture(
  t: Translate,
  language: Language,
  view: { model: ModelState; rows: Row[]; inputs: number[] },
): PictureInput {
  const { model, rows, inputs } = view;
  const [across = 0, up = 1] = findVaryingInputs(rows);
  const labels: PictureLabels = {
    title:
      model.epochsTrained > 0
        ? t('pictures.title', { count: model.epochsTrained, n: formatCount(model.epochsTrained, language) })
        : t('pictures.titleUntrained'),
    neuron: t('pictures.neuron', { inputs: formatCase(inputs) }),
    sum: t('pictures.sum'),
    activation: t(model.settings.activation === 'step' ? 'activation.step' : 'activation.sigmoid'),
    output: t('pictures.output'),
    moreInputs: t('pictures.moreInputs', {
      count: countGroupedInputs(model.inputs, model.bias !== undefined),
    }),
    loss: t('pictures.loss'),
    epochs: t('pictures.epochs'),
    trainMore: t('pictures.trainMore'),
    notTrained: t('pictures.notTrained'),
    rows: t('pictures.rows'),
    plane: t('pictures.plane', { across: across + 1, up: up + 1 }),
    target0: t('pictures.target0'),
    target1: t('pictures.target1'),
    wrong: t('pictures.wrong'),
  };
  return { model, rows, case: inputs, labels, locale: localeOf(language) };
}

/** The replay's input: the picture's, plus the words of its frames. */
export function describeReplay(
  t: Translate,
  language: Language,
  view: { model: ModelState; rows: Row[] },
): ReplayInput {
  const inputs = view.rows[0]?.inputs ?? [];
  return {
    ...describePicture(t, language, { ...view, inputs }),
    replay: { epoch: t('pictures.epochFrame'), epochs: t('pictures.epochsLog') },
  };
}

/** The picture's caption: the case drawn, how the neuron does, and what the colours mean. */
export function renderPictureCaption(
  t: Translate,
  language: Language,
  input: PictureInput,
  made: MadePicture,
): string {
  const { model } = input;
  const { evaluation } = made;
  const lines = [
    t('pictures.caption', {
      inputs: formatCase(input.case),
      output: formatFixed(made.output),
      sum: formatFixed(made.sum, 2),
      activation: input.labels.activation,
    }),
    model.epochsTrained > 0
      ? t('pictures.captionTrained', {
          loss: formatLoss(evaluation.loss),
          accuracy: Math.round(evaluation.accuracy * 100),
          count: model.epochsTrained,
          n: formatCount(model.epochsTrained, language),
        })
      : t('pictures.captionUntrained'),
    ...(evaluation.separable ? [] : [t('pictures.captionNotSeparable')]),
    t('pictures.captionKey'),
  ];
  return cutText(lines.join('\n'), CAPTION_LIMIT);
}

/** The replay's caption: which epochs it covers, in how many frames. */
export function renderReplayCaption(t: Translate, language: Language, made: MadeReplay): string {
  return t('pictures.replayCaption', {
    count: made.frames,
    from: formatCount(made.from, language),
    to: formatCount(made.to, language),
  });
}
