import { describe, expect, it } from 'vitest';
import { checkInitData, signInitData } from '../../src/miniapp/init-data.js';

// Vectors computed apart from the code, with python3's hmac and urllib.parse.urlencode.
const TOKEN = '123456:ABC-DEF_ghi';
const USER =
  '%7B%22id%22%3A279058397%2C%22first_name%22%3A%22%D0%92%D0%B5%D1%80%D0%B0%22%2C%22language_code%22%3A%22ru%22%7D';
const SIGNED = `query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=${USER}&auth_date=1700000000&hash=b741157fe8a53d6d502fded88efd72b54135ebd14898df0ab43b6b7ebb9775c5`;
const SIGNED_GROUP = `query_id=AAHdF6IQAAAAAN0XohDhrOrc&user=${USER}&auth_date=1700000000&start_param=gm1001234567890&signature=abc-def&hash=e00856df67d97d94ce52be5726e3dde9207ea5934bc2653c970da4e5f0f3da96`;
const SIGNED_AT = 1_700_000_000;

describe('checkInitData', () => {
  it("accepts Telegram's signature and reads the user from it", () => {
    expect(checkInitData(SIGNED, TOKEN, SIGNED_AT + 10)).toEqual({
      ok: true,
      data: { userId: 279058397, firstName: 'Вера', languageCode: 'ru', authDate: SIGNED_AT },
    });
  });

  it('signs every field but hash, start_param and signature included', () => {
    const check = checkInitData(SIGNED_GROUP, TOKEN, SIGNED_AT);
    expect(check.ok && check.data.startParam).toBe('gm1001234567890');
    expect(checkInitData(SIGNED_GROUP.replace('gm100', 'gm200'), TOKEN, SIGNED_AT)).toEqual({
      ok: false,
      reason: 'bad-hash',
    });
  });

  it('refuses a forged hash, another token, a changed user and a missing hash', () => {
    const forged = SIGNED.replace(/hash=\w+/, `hash=${'0'.repeat(64)}`);
    expect(checkInitData(forged, TOKEN, SIGNED_AT)).toEqual({ ok: false, reason: 'bad-hash' });
    expect(checkInitData(SIGNED, '123456:another', SIGNED_AT)).toEqual({ ok: false, reason: 'bad-hash' });
    const otherUser = SIGNED.replace('279058397', '279058398');
    expect(checkInitData(otherUser, TOKEN, SIGNED_AT)).toEqual({ ok: false, reason: 'bad-hash' });
    const noHash = SIGNED.replace(/&hash=\w+/, '');
    expect(checkInitData(noHash, TOKEN, SIGNED_AT)).toEqual({ ok: false, reason: 'missing-hash' });
    expect(checkInitData(SIGNED.replace(/hash=\w+/, 'hash=b741'), TOKEN, SIGNED_AT).ok).toBe(false);
    expect(checkInitData('', TOKEN, SIGNED_AT)).toEqual({ ok: false, reason: 'missing-hash' });
    expect(checkInitData(`${SIGNED}&hash=00`, TOKEN, SIGNED_AT)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses initData older than a day or ahead of the clock by more than a minute', () => {
    const day = 24 * 60 * 60;
    expect(checkInitData(SIGNED, TOKEN, SIGNED_AT + day).ok).toBe(true);
    expect(checkInitData(SIGNED, TOKEN, SIGNED_AT + day + 1)).toEqual({ ok: false, reason: 'expired' });
    expect(checkInitData(SIGNED, TOKEN, SIGNED_AT - 60).ok).toBe(true);
    expect(checkInitData(SIGNED, TOKEN, SIGNED_AT - 61)).toEqual({ ok: false, reason: 'from-the-future' });
  });

  it('refuses signed initData without a user', () => {
    const fields = new Map([['auth_date', String(SIGNED_AT)]]);
    const raw = `auth_date=${SIGNED_AT}&hash=${signInitData(fields, TOKEN)}`;
    expect(checkInitData(raw, TOKEN, SIGNED_AT)).toEqual({ ok: false, reason: 'no-user' });
  });
});
