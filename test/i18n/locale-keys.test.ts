import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/i18n.js';

const root = new URL('../../', import.meta.url).pathname;
const t = createI18n('en').translatorFor('en');

/** Every .ts file under a folder of the project. */
function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(folder, name));
}

/** Runs the project's tsc over one file written to a scratch folder; returns what tsc printed. */
function typeCheck(name: string, code: string): { status: number | null; output: string } {
  const dir = join(root, 'test-results', 'locale-key-check');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, name), code);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: '../../tsconfig.json', include: [name], compilerOptions: { noEmit: true } }),
  );
  const run = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', dir], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

const checked = (call: string) =>
  [
    "import { createI18n } from '../../src/i18n/i18n.js';",
    "const t = createI18n('en').translatorFor('en');",
    `export const text: string = ${call};`,
    '',
  ].join('\n');

describe('locale keys', () => {
  it('a key locales/en.json lacks does not compile, and a real one does', () => {
    const unknown = typeCheck('unknown-key.ts', checked("t('no.such.key')"));
    expect(unknown.status).not.toBe(0);
    expect(unknown.output).toMatch(/unknown-key\.ts\(3,\d+\): error TS2345: .*'"no\.such\.key"'.*LocaleKey/);
    const known = typeCheck('known-key.ts', checked("t('units.epochs', { count: 2, n: '2' })"));
    expect(known).toEqual({ status: 0, output: '' });
  });

  it('a plural family is called by its base key, not by a form', () => {
    expect(t('units.epochs', { count: 2, n: '2' })).toBe('2 epochs');
    // @ts-expect-error: plural forms are chosen by count; `units.epochs_one` is not a key to call.
    expect(t('units.epochs_one', { count: 1, n: '1' })).toBe('1 epoch');
  });

  it('an unknown key that slips past the compiler throws rather than showing the key', () => {
    // @ts-expect-error: no such key in locales/en.json.
    expect(() => t('no.such.key')).toThrow('missing locale key no.such.key');
  });

  it('are never built from strings at run time: no t() call starts with a template literal', () => {
    const built = [...sourceFiles('src'), ...sourceFiles('test')].filter((file) =>
      /\bt\(\s*`/.test(readFileSync(join(root, file), 'utf8')),
    );
    expect(built).toEqual([]);
  });
});
