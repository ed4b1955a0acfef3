import type { ModelState, Row } from '../core/types.js';

/** Every word a picture shows, already in the reader's language. */
export interface PictureLabels {
  /** Top line, e.g. "Perceptron after 20,000 epochs". */
  title: string;
  /** Above the neuron, e.g. "The neuron for 1 0 1". */
  neuron: string;
  /** The case drawn, as the reader writes numbers: "1 0 1", "0,3 0,9". */
  caseText: string;
  /** "weighted sum" */
  sum: string;
  /** The activation's name, e.g. "sigmoid". */
  activation: string;
  output: string;
  /** "+ 23 more" for the synapses grouped together; see countGroupedInputs. */
  moreInputs: string;
  loss: string;
  /** The loss where the curve ends: "loss {loss}", {loss} becomes the number. */
  lossValue: string;
  /** The line of the target loss (`/set target`): "target {loss}". */
  targetLoss: string;
  epochs: string;
  /** Legend of the marks where a training went on. */
  trainMore: string;
  /** Shown instead of a loss curve before any training. */
  notTrained: string;
  /** Above the activation curve with the rows on it. */
  rows: string;
  /** Above the plane of the two varying inputs. */
  plane: string;
  target0: string;
  target1: string;
  wrong: string;
}

/** What a picture is drawn from: plain data, so that a worker thread can draw it. */
export interface PictureInput {
  model: ModelState;
  rows: Row[];
  /** The case drawn flowing through the neuron; one value per input. */
  case: readonly number[];
  /** One name per input: the dataset's column names when it has them, else x1 … xn. */
  names: string[];
  labels: PictureLabels;
  /** For numbers: 'en-US' writes 0.5, 'ru-RU' writes 0,5. */
  locale: string;
}

/** Marks a picture may have or not, which its caption explains only when drawn. */
export interface PictureKey {
  /** A weight reads 0.00, and its synapse is grey. */
  zeroWeight: boolean;
  /** The plane's dashed line where the output is 0.5 crosses its plot. */
  boundary: boolean;
}

/** Words of the replay, in the reader's language. */
export interface ReplayLabels {
  /** "Epoch {n}": {n} becomes each frame's epoch. */
  epoch: string;
  /** Under the replay's epoch axis, which is a log scale. */
  epochs: string;
}

export interface ReplayInput extends PictureInput {
  replay: ReplayLabels;
}
