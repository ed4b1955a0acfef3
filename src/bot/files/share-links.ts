import type { PerceptronContent } from '../../files/perceptron-file.js';
import type { DocumentStore } from '../../storage/index.js';
import {
  createShareCode,
  type ShareHead,
  type ShareKind,
  type ShareRecord,
  type SharerDoc,
  shareKey,
  sharerKey,
} from './shares.js';

type Shares = DocumentStore<ShareRecord>;

/** What a share code opens: the copy kept at /share, or why nothing. */
export type OpenedShare =
  | { ok: true; kind: ShareKind; copy: PerceptronContent }
  | { ok: false; reason: 'unknown' | 'revoked' | 'replaced' | 'legacy' };

/**
 * A new live link of `kind` holding `copy`; the sharer's previous link of that kind is replaced (its
 * copy dropped). The sharer's document names the new code before the copy is written, so that no copy
 * is ever kept that /share off cannot find, even after a crash between the writes.
 */
export async function createShareLink(
  shares: Shares,
  owner: number,
  kind: ShareKind,
  copy: PerceptronContent,
): Promise<string> {
  const code = createShareCode();
  let previous: string | undefined;
  await shares.update(sharerKey(owner), (stored) => {
    const live = stored?.kind === 'sharer' && stored.version === 2 ? stored.live : {};
    previous = live[kind];
    return { version: 2, kind: 'sharer', live: { ...live, [kind]: code } } satisfies SharerDoc;
  });
  const head = { version: 2, kind: 'share', owner, share: kind, createdAt: Date.now() } as const;
  if (previous) await retireShare(shares, previous, 'replaced', head);
  // A link retired meanwhile (another /share, /share off) stays retired: its copy is not written.
  await shares.update(shareKey(code), (stored) => stored ?? { ...head, state: 'live', copy });
  return code;
}

/** Revokes every live link of the sharer; resolves with how many there were. */
export async function revokeShareLinks(shares: Shares, owner: number): Promise<number> {
  const sharer = await shares.read(sharerKey(owner));
  const live = sharer?.kind === 'sharer' && sharer.version === 2 ? Object.entries(sharer.live) : [];
  let revoked = 0;
  for (const [kind, code] of live) {
    const head = {
      version: 2,
      kind: 'share',
      owner,
      share: kind as ShareKind,
      createdAt: Date.now(),
    } as const;
    if (await retireShare(shares, code, 'revoked', head)) revoked += 1;
  }
  const codes = live.map(([, code]) => code);
  await shares.update(sharerKey(owner), (stored) => {
    if (stored?.kind !== 'sharer' || stored.version !== 2)
      return stored ?? { version: 2, kind: 'sharer', live: {} };
    return {
      ...stored,
      live: Object.fromEntries(Object.entries(stored.live).filter(([, code]) => !codes.includes(code))),
    };
  });
  return revoked;
}

/** The copy a code opens, or why it opens nothing. */
export async function openShareLink(shares: Shares, code: string | undefined): Promise<OpenedShare> {
  const share = code === undefined ? undefined : await shares.read(shareKey(code));
  if (share?.kind !== 'share') return { ok: false, reason: 'unknown' };
  if (share.version === 1) return { ok: false, reason: 'legacy' };
  if (share.state !== 'live') return { ok: false, reason: share.state };
  return { ok: true, kind: share.share, copy: share.copy };
}

/**
 * Turns a link off and drops its copy; true when it was live. A code whose document is not written yet
 * gets the retired one (`head` fills it), which the pending write then keeps.
 */
async function retireShare(
  shares: Shares,
  code: string,
  state: 'replaced' | 'revoked',
  head: ShareHead,
): Promise<boolean> {
  let wasLive = false;
  await shares.update(shareKey(code), (stored) => {
    if (stored?.kind !== 'share' || stored.version !== 2) return stored ?? { ...head, state };
    if (stored.state !== 'live') return stored;
    wasLive = true;
    const { copy: _copy, ...rest } = stored;
    return { ...rest, state };
  });
  return wasLive;
}
