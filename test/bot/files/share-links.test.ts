import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createShareLink, openShareLink, revokeShareLinks } from '../../../src/bot/files/share-links.js';
import { isShareRecord, type ShareRecord, shareKey } from '../../../src/bot/files/shares.js';
import { DEFAULT_SETTINGS } from '../../../src/core/types.js';
import type { PerceptronContent } from '../../../src/files/perceptron-file.js';
import { createLowdbStore } from '../../../src/storage/index.js';
import { createDataDir } from '../../helpers/test-bot.js';

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function openStore() {
  const dir = createDataDir();
  folders.push(dir);
  return createLowdbStore<ShareRecord>({ dir, validate: isShareRecord });
}

const copyOf = (output: number): PerceptronContent => ({
  rows: [{ inputs: [1, 0], output }],
  settings: { ...DEFAULT_SETTINGS },
});

/** How many of the codes' documents hold a copy. */
async function copiesKept(shares: ReturnType<typeof openStore>, codes: string[]): Promise<number> {
  const docs = await Promise.all(codes.map((code) => shares.read(shareKey(code))));
  return docs.filter((doc) => doc && 'copy' in doc).length;
}

describe('share links', () => {
  it('two /share of one kind at the same moment leave one live copy, the last one made', async () => {
    const shares = openStore();
    const codes = await Promise.all(
      [1, 0, 1].map((output) => createShareLink(shares, 7, 'data', copyOf(output))),
    );
    expect(await copiesKept(shares, codes)).toBe(1);
    const opened = await Promise.all(codes.map((code) => openShareLink(shares, code)));
    expect(opened.map((o) => (o.ok ? 'live' : o.reason))).toEqual(['replaced', 'replaced', 'live']);
  });

  it('/share off while a /share is being made leaves no live copy that /share off missed', async () => {
    const shares = openStore();
    const made = createShareLink(shares, 8, 'model', copyOf(1));
    const revoked = revokeShareLinks(shares, 8);
    const [code] = await Promise.all([made, revoked]);
    const opened = await openShareLink(shares, code);
    // Either order is right: revoked (nothing copied), or made after /share off and listed for the next one.
    if (opened.ok) expect(await revokeShareLinks(shares, 8)).toBe(1);
    expect(await openShareLink(shares, code)).toEqual({ ok: false, reason: 'revoked' });
  });
});
