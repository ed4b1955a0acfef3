import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

// The rules of biome.json, by the words their messages start with.
const CORE = 'core/ is the perceptron alone: it imports nothing';
const CORE_PACKAGES = 'core/ is the perceptron alone: no Telegram';
const ALONE = 'config/, storage/ and dev/ stand alone';
const METRICS = 'metrics/ stands alone';
const I18N = 'i18n/ imports only config/';
const PURE = 'files/ and pictures/ are pure';
const EXERCISES = 'exercises/ is pure';
const TRAINING = 'training/ runs the pure layers';
const TELEGRAM = "telegram/ is the Bot API's plumbing";
const QUEUE = 'queue/ carries the CPU work through Redis';
const WORKER = 'worker/ is npm run worker';
const MINIAPP_API = "miniapp-api/ is the Mini App's contract";
const MINIAPP = 'miniapp/ serves the Mini App';
const WEB = "web/ is the Mini App's page, run in the browser: of src/";
const WEB_PACKAGES = "web/ is the Mini App's page, run in the browser: no Telegram";
const NO_TELEGRAF = 'Only telegram/, bot/ and chat/ speak Telegram';
const FEATURE = 'A folder of bot/ imports only itself, bot/kit/';
const BOT_BELOW = 'bot/ sits below app.ts';
const TOP = 'chat/ and dev/ (the terminal chat and the fake Bot API) sit on top';

interface Probe {
  /** Where the probe sits, from the project's root. */
  file: string;
  specifier: string;
  form?: 'import' | 'import type' | 'export' | 'dynamic';
}

/** A file that takes one name from `specifier`, the way `form` says, and is otherwise clean. */
function probeSource({ specifier, form = 'import' }: Probe): string {
  if (form === 'export') return `export { value } from '${specifier}';\n`;
  if (form === 'dynamic') return `export const probe = await import('${specifier}');\n`;
  return `${form} { value } from '${specifier}';\n\nexport type Probe = typeof value;\n`;
}

/**
 * Lints the probes with the project's biome.json, each in its own file under a copy of the project's
 * folders in a scratch folder, and returns the messages of noRestrictedImports by probe.
 */
function lintProbes(probes: readonly Probe[]): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'import-rules-'));
  try {
    copyFileSync(join(root, 'biome.json'), join(dir, 'biome.json'));
    const files = probes.map((probe, i) => posix.join(posix.dirname(probe.file), `probe-${i}.ts`));
    const tops = files.map((file) => file.split('/')[0] as string);
    probes.forEach((probe, i) => {
      const file = join(dir, files[i] as string);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, probeSource(probe));
    });
    const run = spawnSync(
      join(root, 'node_modules/.bin/biome'),
      ['lint', '--vcs-enabled=false', '--reporter=json', '--max-diagnostics=none', ...new Set(tops)],
      { cwd: dir, encoding: 'utf8' },
    );
    const report = JSON.parse(run.stdout) as {
      diagnostics: { category: string; message: string; location: { path: string } }[];
    };
    return files.map((file) =>
      report.diagnostics
        .filter((d) => d.category === 'lint/style/noRestrictedImports' && d.location.path === file)
        .map((d) => d.message),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The rule each probe broke (the start of its message), or 'allowed'. */
function rulesBroken(probes: readonly Probe[], rules: readonly string[]): string[] {
  return lintProbes(probes).map((messages) => {
    if (messages.length === 0) return 'allowed';
    return messages.map((message) => rules.find((rule) => message.startsWith(rule)) ?? message).join(' + ');
  });
}

const RULES = [
  CORE,
  CORE_PACKAGES,
  ALONE,
  METRICS,
  I18N,
  PURE,
  EXERCISES,
  TRAINING,
  TELEGRAM,
  QUEUE,
  WORKER,
  MINIAPP_API,
  MINIAPP,
  WEB,
  WEB_PACKAGES,
  NO_TELEGRAF,
  FEATURE,
  BOT_BELOW,
  TOP,
];

describe('the import rules of biome.json', () => {
  it('fail a wrong import with the message of the rule it breaks', () => {
    const wrong: [Probe, string][] = [
      [{ file: 'src/core/x.ts', specifier: 'telegraf' }, CORE_PACKAGES],
      [{ file: 'src/core/x.ts', specifier: 'lowdb' }, CORE_PACKAGES],
      [{ file: 'src/core/x.ts', specifier: '../bot/kit/reply.js' }, CORE],
      [{ file: 'src/core/x.ts', specifier: '../storage/index.js', form: 'import type' }, CORE],
      [{ file: 'src/core/kernel/x.ts', specifier: '../../bot/create-bot.js' }, CORE],
      [{ file: 'src/storage/x.ts', specifier: '../core/types.js' }, ALONE],
      [{ file: 'src/dev/x.ts', specifier: '../bot/kit/reply.js' }, ALONE],
      [{ file: 'src/metrics/x.ts', specifier: '../config/config.js' }, METRICS],
      [{ file: 'src/metrics/x.ts', specifier: 'telegraf' }, NO_TELEGRAF],
      [{ file: 'src/i18n/x.ts', specifier: '../core/types.js' }, I18N],
      [{ file: 'src/files/x.ts', specifier: '../storage/index.js' }, PURE],
      [{ file: 'src/pictures/x.ts', specifier: 'telegraf/types' }, NO_TELEGRAF],
      [{ file: 'src/exercises/x.ts', specifier: '../bot/exercises/exercise-state.js' }, EXERCISES],
      [{ file: 'src/training/x.ts', specifier: '../bot/kit/state/documents.js' }, TRAINING],
      [{ file: 'src/training/x.ts', specifier: '../telegram/rate-limit.js' }, TRAINING],
      [{ file: 'src/telegram/x.ts', specifier: '../bot/kit/reply.js' }, TELEGRAM],
      [{ file: 'src/queue/x.ts', specifier: '../bot/training/train-finish.js' }, QUEUE],
      [{ file: 'src/queue/x.ts', specifier: '../telegram/rate-limit.js' }, QUEUE],
      [{ file: 'src/worker/x.ts', specifier: '../bot/create-bot.js' }, WORKER],
      [{ file: 'src/worker/x.ts', specifier: '../app.js' }, WORKER],
      [{ file: 'src/miniapp-api/x.ts', specifier: '../storage/index.js' }, MINIAPP_API],
      [{ file: 'src/miniapp/x.ts', specifier: '../app.js' }, MINIAPP],
      [{ file: 'web/x.ts', specifier: '../src/bot/kit/reply.js' }, WEB],
      [{ file: 'web/screens/x.ts', specifier: '../../src/storage/index.js' }, WEB],
      [{ file: 'web/screens/x.ts', specifier: '../../src/miniapp/init-data.js' }, WEB],
      [{ file: 'web/x.ts', specifier: 'node:fs' }, WEB_PACKAGES],
      // A feature importing another feature, in every form an import takes.
      [{ file: 'src/bot/rows/x.ts', specifier: '../training/train.js' }, FEATURE],
      [{ file: 'src/bot/rows/x.ts', specifier: '../lesson/step.js', form: 'import type' }, FEATURE],
      [{ file: 'src/bot/rows/x.ts', specifier: '../lesson/step.js', form: 'export' }, FEATURE],
      [{ file: 'src/bot/rows/x.ts', specifier: '../lesson/step.js', form: 'dynamic' }, FEATURE],
      [{ file: 'src/bot/exercises/x.ts', specifier: '../files/files-restore.js' }, FEATURE],
      [{ file: 'src/bot/lesson/x.ts', specifier: '../create-bot.js' }, FEATURE],
      // kit/ is below every feature.
      [{ file: 'src/bot/kit/x.ts', specifier: '../exercises/classroom.js' }, FEATURE],
      [{ file: 'src/bot/kit/render/x.ts', specifier: '../../lesson/step.js' }, FEATURE],
      [{ file: 'src/bot/kit/state/x.ts', specifier: '../../create-bot.js' }, FEATURE],
      // A folder inside a feature is held to the same rule.
      [{ file: 'src/bot/exercises/board/x.ts', specifier: '../../files/share.js' }, FEATURE],
      [{ file: 'src/bot/create-bot.ts', specifier: '../dev/fake-bot-api.js' }, BOT_BELOW],
      [{ file: 'src/bot/files/x.ts', specifier: '../../chat/main.js' }, BOT_BELOW],
      [{ file: 'src/bot/kit/middleware/x.ts', specifier: '../../../app.js' }, BOT_BELOW],
      [{ file: 'src/app.ts', specifier: './chat/main.js' }, TOP],
    ];
    const broken = rulesBroken(
      wrong.map(([probe]) => probe),
      RULES,
    );
    expect(wrong.map(([probe], i) => [`${probe.file} ${probe.specifier}`, broken[i]])).toEqual(
      wrong.map(([probe, rule]) => [`${probe.file} ${probe.specifier}`, rule]),
    );
  });

  it('let the imports the layers are made of through', () => {
    const allowed: Probe[] = [
      { file: 'src/core/x.ts', specifier: './model.js' },
      { file: 'src/core/x.ts', specifier: 'yalps' },
      { file: 'src/core/kernel/x.ts', specifier: '../types.js' },
      { file: 'src/i18n/x.ts', specifier: '../config/config.js' },
      { file: 'src/files/x.ts', specifier: '../core/types.js' },
      { file: 'src/exercises/x.ts', specifier: '../files/table-write.js' },
      { file: 'src/training/x.ts', specifier: '../pictures/make-picture.js' },
      { file: 'src/telegram/x.ts', specifier: 'telegraf' },
      { file: 'src/telegram/x.ts', specifier: '../storage/index.js' },
      { file: 'src/metrics/x.ts', specifier: 'prom-client' },
      { file: 'src/bot/kit/x.ts', specifier: '../../metrics/metrics.js' },
      { file: 'src/queue/x.ts', specifier: '../training/training-runner.js' },
      { file: 'src/queue/x.ts', specifier: 'bullmq' },
      { file: 'src/worker/x.ts', specifier: '../queue/queue-worker.js' },
      { file: 'src/worker/x.ts', specifier: '../training/choose-executor.js' },
      { file: 'src/miniapp-api/x.ts', specifier: '../core/types.js' },
      { file: 'src/miniapp/x.ts', specifier: '../bot/training/train.js' },
      { file: 'web/x.ts', specifier: '../src/core/predict.js' },
      { file: 'web/x.ts', specifier: '../src/miniapp-api/api-schema.js', form: 'import type' },
      { file: 'web/screens/x.ts', specifier: '../../src/pictures/plane-panel.js' },
      { file: 'web/screens/x.ts', specifier: '../context.js' },
      { file: 'web/x.ts', specifier: 'preact/hooks' },
      { file: 'src/bot/create-bot.ts', specifier: './rows/rows.js' },
      { file: 'src/bot/create-bot.ts', specifier: '../telegram/rate-limit.js' },
      { file: 'src/bot/rows/x.ts', specifier: './data.js' },
      { file: 'src/bot/rows/x.ts', specifier: '../kit/reply.js' },
      { file: 'src/bot/rows/x.ts', specifier: '../kit/state/perceptron-state.js' },
      // The training runner below bot/, not the bot's training/ beside rows/.
      { file: 'src/bot/rows/x.ts', specifier: '../../training/training-runner.js' },
      { file: 'src/bot/kit/x.ts', specifier: './render/numbers.js' },
      { file: 'src/bot/kit/render/x.ts', specifier: '../reply.js' },
      { file: 'src/bot/kit/render/x.ts', specifier: '../../../core/types.js' },
      { file: 'src/bot/exercises/board/x.ts', specifier: '../exercise-state.js' },
      { file: 'src/bot/exercises/board/x.ts', specifier: '../../kit/reply.js' },
      { file: 'src/chat/x.ts', specifier: '../dev/fake-bot-api.js' },
      { file: 'src/chat/x.ts', specifier: '../bot/kit/middleware/locale.js' },
    ];
    const broken = rulesBroken(allowed, RULES);
    expect(allowed.map((probe, i) => [`${probe.file} ${probe.specifier}`, broken[i]])).toEqual(
      allowed.map((probe) => [`${probe.file} ${probe.specifier}`, 'allowed']),
    );
  });

  it('hold every folder of src/: none but chat/ may import chat/', () => {
    const folders = listFolders('src').filter((folder) => folder !== 'src/chat');
    const probes = folders.map((folder) => ({
      file: `${folder}/x.ts`,
      specifier: relativeSpecifier(folder, 'src/chat/main.js'),
    }));
    const unruled = lintProbes(probes)
      .map((messages, i) => (messages.length === 0 ? `${folders[i]}/ has no import rule in biome.json` : ''))
      .filter((line) => line !== '');
    expect(unruled).toEqual([]);
  });
});

/** `src` and every folder under it that holds a file, from the project's root. */
function listFolders(folder: string): string[] {
  const names = readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' });
  const holding = names
    .filter((name) => statSync(join(root, folder, name)).isFile())
    .map((name) => posix.join(folder, posix.dirname(name)));
  return [...new Set(holding)].sort();
}

function relativeSpecifier(fromFolder: string, to: string): string {
  const path = relative(fromFolder, to);
  return path.startsWith('.') ? path : `./${path}`;
}
