import { describe, expect, it } from 'vitest';
import { API_PATH, TRAINING_POLL_MS } from '../../src/miniapp-api/api-schema.js';
import * as page from '../../web/api-paths.js';

describe("the page's copy of the API's constants", () => {
  it('agrees with src/miniapp-api/api-schema.ts', () => {
    expect(page.API_PATH).toBe(API_PATH);
    expect(page.TRAINING_POLL_MS).toBe(TRAINING_POLL_MS);
  });
});
