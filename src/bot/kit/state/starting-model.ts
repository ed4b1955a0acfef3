import { createModel, withSettings } from '../../../core/model.js';
import type { ModelState } from '../../../core/types.js';
import type { PerceptronDoc } from './documents.js';

/** The stored weights when they fit the data, else fresh ones from the seed. */
export function startingModel(doc: PerceptronDoc, inputs: number): ModelState {
  const stored = doc.model;
  if (!stored || stored.inputs !== inputs) return createModel(doc.settings, inputs);
  return withSettings(stored, doc.settings);
}
