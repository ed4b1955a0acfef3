import type { PictureLabels } from '../../src/pictures/picture-types.js';

/** The pictures' texts in English as the tests write them, with the ones a test needs changed. */
export function pictureLabels(over: Partial<PictureLabels> = {}): PictureLabels {
  return {
    title: 'Perceptron',
    neuron: 'The neuron',
    caseText: '1 1 0',
    sum: 'weighted sum',
    activation: 'sigmoid',
    output: 'output',
    moreInputs: '+ 1 more',
    loss: 'Loss',
    lossValue: 'loss {loss}',
    targetLoss: 'target {loss}',
    epochs: 'epochs',
    trainMore: 'train more',
    notTrained: 'Not trained yet',
    rows: 'Where the rows fall',
    plane: 'Inputs: x1 and x2',
    target0: 'target 0',
    target1: 'target 1',
    wrong: 'wrong',
    ...over,
  };
}
