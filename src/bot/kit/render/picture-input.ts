import type { Language } from '../../../config/config.js';
import { cutText } from '../../../core/cut-text.js';
import { createModel } from '../../../core/model.js';
import { formatCount, numberFormatFor } from '../../../core/number-format.js';
import type { ModelState, Row } from '../../../core/types.js';
import { type ColumnNames, columnNamesFor, defaultColumnNames } from '../../../files/column-names.js';
import type { Translate } from '../../../i18n/i18n.js';
import type { MadePicture, MadeReplay } from '../../../pictures/make-picture.js';
import { countGroupedInputs } from '../../../pictures/neuron-panel.js';
import type { PictureInput, PictureLabels, ReplayInput } from '../../../pictures/picture-types.js';
import { fitPlaneTitle } from '../../../pictures/plane-title.js';
import { findVaryingInputs } from '../../../pictures/rows-view.js';
import { CAPTION_LIMIT } from '../reply.js';
import type { PerceptronDoc } from '../state/documents.js';

const CASE_TEXT_LIMIT = 36;

/** The perceptron to draw: the stored one when it fits the rows, else the seed's starting weights. */
export function choosePictureModel(doc: PerceptronDoc): ModelState | undefined {
  const inputs = doc.rows[0]?.inputs.length;
  if (inputs === undefined) return undefined;
  return doc.model?.inputs === inputs ? doc.model : createModel(doc.settings, inputs);
}

const localeOf = (language: Language): string => (language === 'ru' ? 'ru-RU' : 'en-US');
const formatCase = (inputs: readonly number[], language: Language) =>
  cutText(inputs.map(numberFormatFor(language).value).join(' '), CASE_TEXT_LIMIT);

/** What a picture shows: the perceptron, its rows and their column names if any, and the case drawn. */
export interface PictureView {
  model: ModelState;
  rows: Row[];
  inputs: readonly number[];
  columns?: ColumnNames | undefined;
}

/**
 * Everything a worker needs to draw the picture, every word in the reader's language; the inputs are
 * named by the dataset's columns when their names fit it, else x1 … xn.
 */
export function describePicture(t: Translate, language: Language, view: PictureView): PictureInput {
  const { model, rows, inputs } = view;
  const names = (columnNamesFor(view.columns, model.inputs) ?? defaultColumnNames(model.inputs)).inputs;
  const locale = localeOf(language);
  const [across = 0, up = 1] = findVaryingInputs(rows);
  const labels: PictureLabels = {
    title:
      model.epochsTrained > 0
        ? t('pictures.title', { count: model.epochsTrained, n: formatCount(model.epochsTrained, language) })
        : t('pictures.titleUntrained'),
    neuron: t('pictures.neuron', { inputs: formatCase(inputs, language) }),
    caseText: formatCase(inputs, language),
    sum: t('pictures.sum'),
    activation: t(model.settings.activation === 'step' ? 'activation.step' : 'activation.sigmoid'),
    output: t('pictures.output'),
    moreInputs: t('pictures.moreInputs', {
      count: countGroupedInputs({ model, case: inputs, names, locale }),
    }),
    loss: t('pictures.loss'),
    lossValue: t('pictures.lossValue'),
    targetLoss: t('pictures.targetLoss'),
    epochs: t('pictures.epochs'),
    trainMore: t('pictures.trainMore'),
    notTrained: t('pictures.notTrained'),
    rows: t('pictures.rows'),
    plane: fitPlaneTitle(
      (a, b) => t('pictures.plane', { across: a, up: b }),
      names[across] ?? '',
      names[up] ?? '',
    ),
    target0: t('pictures.target0'),
    target1: t('pictures.target1'),
    wrong: t('pictures.wrong'),
  };
  return { model, rows, case: inputs, names, labels, locale };
}

/** The replay's input: the picture's, plus the words of its frames. */
export function describeReplay(
  t: Translate,
  language: Language,
  view: Omit<PictureView, 'inputs'>,
): ReplayInput {
  const inputs = view.rows[0]?.inputs ?? [];
  return {
    ...describePicture(t, language, { ...view, inputs }),
    replay: { epoch: t('pictures.epochFrame'), epochs: t('pictures.epochsLog') },
  };
}

/**
 * The picture's caption: the case drawn, how the neuron does, and what the colours and lines mean, of
 * those drawn. Numbers have the reader's decimal mark, as in the picture.
 */
export function renderPictureCaption(
  t: Translate,
  language: Language,
  input: PictureInput,
  made: MadePicture,
): string {
  const { model } = input;
  const { evaluation, key } = made;
  const numbers = numberFormatFor(language);
  const explained = [
    t('pictures.captionKey'),
    ...(key.zeroWeight ? [t('pictures.captionZero')] : []),
    ...(key.boundary ? [t('pictures.captionBoundary')] : []),
  ];
  const lines = [
    t('pictures.caption', {
      inputs: formatCase(input.case, language),
      output: numbers.fixed(made.output),
      sum: numbers.fixed(made.sum, 2),
      activation: input.labels.activation,
    }),
    model.epochsTrained > 0
      ? t('pictures.captionTrained', {
          loss: numbers.loss(evaluation.loss),
          accuracy: Math.round(evaluation.accuracy * 100),
          count: model.epochsTrained,
          n: formatCount(model.epochsTrained, language),
        })
      : t('pictures.captionUntrained'),
    ...(evaluation.separable ? [] : [t('pictures.captionNotSeparable')]),
    explained.join(' '),
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
