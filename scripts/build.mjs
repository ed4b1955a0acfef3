// Builds dist/ (the WebAssembly kernel, tsc, then the Mini App's page into dist/app/) and stamps it. With --if-stale it builds only when a
// source is newer than the last build, so that `npm start` on a server does not compile on every start.
// Without dev tools (after `npm prune --omit=dev`) it runs nothing and keeps the build it has.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stamp = join(root, 'dist', '.built');
const sources = ['src', 'web', 'locales', 'tsconfig.json', 'tsconfig.build.json'];
const onlyIfStale = process.argv.includes('--if-stale');
const installing = process.env.npm_lifecycle_event === 'prepare';

const built = existsSync(stamp) ? statSync(stamp).mtimeMs : undefined;
const stale = built === undefined || newestChange(sources.map((path) => join(root, path))) > built;
if (onlyIfStale && !stale) process.exit(0);

const hasDevTools = ['typescript', 'wabt'].every((name) => existsSync(join(root, 'node_modules', name)));
if (!hasDevTools) {
  if (onlyIfStale && built !== undefined) {
    console.error(
      'The sources are newer than dist/, but the dev tools (typescript, wabt) are not installed here: running dist/ as built.',
    );
    process.exit(0);
  }
  // `npm ci --omit=dev` runs prepare too: an install without dev tools is fine, starting without dist/ is not.
  if (installing) {
    console.error('dist/ is not built (no dev tools here): copy a built dist/ in before `npm start`.');
    process.exit(0);
  }
  console.error(
    'dist/ cannot be built: the dev tools (typescript, wabt) are not installed here. Run `npm ci && npm run build` first.',
  );
  process.exit(1);
}

for (const command of [
  ['node', [join(root, 'scripts/build-wasm.mjs')]],
  [join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'tsconfig.build.json')]],
  ['node', [join(root, 'scripts/build-app.mjs')]],
]) {
  const run = spawnSync(command[0], command[1], { stdio: 'inherit', cwd: root });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
// tsc compiles only TypeScript: the migrations' SQL files go beside the compiled modules that read them.
for (const name of readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })) {
  if (name.endsWith('.sql')) cpSync(join(root, 'src', name), join(root, 'dist', name));
}
writeFileSync(stamp, `${new Date().toISOString()}\n`);

/** The latest modification time of these paths and everything under them (a deleted file changes its folder's). */
function newestChange(paths) {
  let newest = 0;
  for (const path of paths) {
    if (!existsSync(path)) continue;
    const stat = statSync(path);
    newest = Math.max(newest, stat.mtimeMs);
    if (stat.isDirectory())
      for (const name of readdirSync(path, { recursive: true, encoding: 'utf8' }))
        newest = Math.max(newest, statSync(join(path, name)).mtimeMs);
  }
  return newest;
}
