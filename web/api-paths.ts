/**
 * Where the page finds its API and how often it polls a training: the values of
 * src/miniapp-api/api-schema.ts, written here so that the bundle does not carry zod for two constants
 * (test/browser/page-constants.test.ts checks that they agree).
 */
export const API_PATH = '/app/api/';
export const TRAINING_POLL_MS = 400;
