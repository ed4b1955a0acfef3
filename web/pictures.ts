import type { LossPoint, ModelState, Row } from '../src/core/types.js';
import { drawLossPanel } from '../src/pictures/loss-panel.js';
import { countGroupedInputs, drawNeuronPanel, measureNeuronPanel } from '../src/pictures/neuron-panel.js';
import type { PictureLabels } from '../src/pictures/picture-types.js';
import { layoutPlane } from '../src/pictures/plane-layout.js';
import { drawPlanePanel } from '../src/pictures/plane-panel.js';
import { findVaryingInputs, placeRows } from '../src/pictures/rows-view.js';
import type { Language, Translate } from './texts.js';

/**
 * The chat's pictures drawn for the page, from the same builders as /plot: SVG markup without the
 * picture's white page and title, cropped to what the page shows, scaled by the browser to the phone's
 * width.
 */

const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', ru: 'ru-RU' };
/** The neuron panel's width in the chat's pictures; its text is laid out for it. */
const NEURON_WIDTH = 1280;
/** Narrower than the chat's pictures, so that their text reads larger on a phone. */
const PLANE_BOX = { x: 0, y: 0, width: 1000, height: 900 };
const LOSS_BOX = { x: 0, y: 0, width: 1000, height: 640 };
/** The panels' titles sit in their top 96 px; the page writes its own headings instead. */
const TITLE_ROOM = 96;

function labelsFor(t: Translate, model: ModelState): PictureLabels {
  return {
    title: '',
    neuron: '',
    caseText: '',
    sum: t('picture.sum'),
    activation: t(`activation.${model.settings.activation}`),
    output: t('picture.output'),
    moreInputs: t('picture.moreInputs'),
    loss: '',
    lossValue: t('picture.lossValue'),
    targetLoss: t('picture.targetLoss'),
    epochs: t('picture.epochs'),
    trainMore: '',
    notTrained: t('train.notYet'),
    rows: '',
    plane: '',
    target0: '',
    target1: '',
    wrong: '',
  };
}

const svg = (width: number, top: number, height: number, body: string[]): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 ${top} ${width} ${height}" font-family="DejaVu Sans, Verdana, sans-serif" role="img">${body.join('')}</svg>`;

/** The neuron with `inputs` flowing through it, as the chat's picture draws it. */
export function drawNeuronSvg(
  model: ModelState,
  rows: Row[],
  inputs: readonly number[],
  t: Translate,
  language: Language,
) {
  const input = {
    model,
    rows,
    case: inputs,
    names: Array.from({ length: model.inputs }, (_, i) => `x${i + 1}`),
    labels: labelsFor(t, model),
    locale: LOCALES[language],
  };
  input.labels.moreInputs = t('picture.moreInputs', { count: countGroupedInputs(input) });
  const height = measureNeuronPanel(input);
  const body = drawNeuronPanel(input, { x: 0, y: 0, width: NEURON_WIDTH, height });
  return svg(NEURON_WIDTH, TITLE_ROOM, height - TITLE_ROOM, body);
}

/** Whether the rows vary in exactly two inputs, so that they lie on a plane. */
export const hasPlane = (rows: readonly Row[]): boolean => findVaryingInputs(rows).length === 2;

/** The plane of the two varying inputs with the rows on it and the dashed line where the output is 0.5. */
export function drawPlaneSvg(model: ModelState, rows: Row[], language: Language): string {
  const [across, up] = findVaryingInputs(rows) as [number, number];
  const layout = layoutPlane(rows, [across, up], PLANE_BOX);
  const body = drawPlanePanel({
    model,
    rows: placeRows(model, rows),
    layout,
    title: '',
    names: Array.from({ length: model.inputs }, (_, i) => `x${i + 1}`),
    locale: LOCALES[language],
  });
  return svg(PLANE_BOX.width, TITLE_ROOM, PLANE_BOX.height - TITLE_ROOM, body);
}

/** The loss curve of a training so far, over the epochs it was asked for. */
export function drawLossSvg(
  points: LossPoint[],
  epochs: number,
  model: ModelState,
  t: Translate,
  language: Language,
) {
  const labels = labelsFor(t, model);
  const body = drawLossPanel(
    {
      points,
      axis: { from: 0, to: Math.max(1, epochs), log: false },
      marks: [],
      labels,
      locale: LOCALES[language],
    },
    LOSS_BOX,
  );
  return svg(LOSS_BOX.width, TITLE_ROOM, LOSS_BOX.height - TITLE_ROOM, body);
}
