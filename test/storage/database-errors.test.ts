import { describe, expect, it } from 'vitest';
import { describeDatabaseError, describeDatabaseUrl } from '../../src/storage/postgres/database-errors.js';

const URL_WITH_PASSWORD = 'postgres://bot:secret@db.example:5432/perceptron';
const SHOWN = 'PostgreSQL at postgres://bot@db.example:5432/perceptron';
const failure = (fields: { code?: unknown; message?: unknown }) => Object.assign(new Error(), fields);

describe('the database URL as shown', () => {
  it('leaves the password out, and is the setting’s name when the URL cannot be read', () => {
    expect(describeDatabaseUrl(URL_WITH_PASSWORD)).toBe('postgres://bot@db.example:5432/perceptron');
    expect(describeDatabaseUrl('not a url')).toBe('DATABASE_URL');
  });
});

describe('a database the bot cannot use at start', () => {
  it('that cannot be reached is named with the code, and asks to start PostgreSQL', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'ENOENT']) {
      expect(describeDatabaseError(URL_WITH_PASSWORD, failure({ code, message: 'connect failed' }))).toBe(
        `Could not reach ${SHOWN} (${code}): start PostgreSQL, or fix DATABASE_URL in .env.`,
      );
    }
  });

  it('that does not answer in time says so with its message', () => {
    expect(describeDatabaseError(URL_WITH_PASSWORD, failure({ message: 'connection timeout expired' }))).toBe(
      `${SHOWN} did not answer in time (connection timeout expired): start PostgreSQL, or fix DATABASE_URL in .env.`,
    );
  });

  it('that refuses the login (28xxx) or has no such database (3D000) asks to fix the URL', () => {
    for (const code of ['28P01', '28000', '3D000']) {
      expect(describeDatabaseError(URL_WITH_PASSWORD, failure({ code, message: 'no' }))).toBe(
        `${SHOWN} refused the connection (no): fix DATABASE_URL in .env.`,
      );
    }
    expect(describeDatabaseError(URL_WITH_PASSWORD, failure({ code: '3D0001', message: 'no' }))).toContain(
      'failed at start',
    );
    expect(describeDatabaseError(URL_WITH_PASSWORD, failure({ code: 'X28', message: 'no' }))).toContain(
      'failed at start',
    );
  });

  it('for anything else quotes the message, or the code, or the value thrown', () => {
    const tail = ": check DATABASE_URL in .env and the server's log.";
    expect(describeDatabaseError(URL_WITH_PASSWORD, failure({ code: '42P01', message: 'odd' }))).toBe(
      `${SHOWN} failed at start (odd)${tail}`,
    );
    expect(describeDatabaseError(URL_WITH_PASSWORD, failure({ code: '42P01', message: '' }))).toBe(
      `${SHOWN} failed at start (42P01)${tail}`,
    );
    expect(describeDatabaseError(URL_WITH_PASSWORD, 'plain text thrown')).toBe(
      `${SHOWN} failed at start (plain text thrown)${tail}`,
    );
    expect(describeDatabaseError(URL_WITH_PASSWORD, failure({ code: 7, message: 7 }))).toBe(
      `${SHOWN} failed at start (7)${tail}`,
    );
    expect(describeDatabaseError(URL_WITH_PASSWORD, undefined)).toBe(
      `${SHOWN} failed at start (undefined)${tail}`,
    );
  });

  it('does not take a code that is not text for a connection failure', () => {
    expect(
      describeDatabaseError(URL_WITH_PASSWORD, failure({ code: ['ECONNREFUSED'], message: 'x' })),
    ).toContain('failed at start (x)');
  });
});
