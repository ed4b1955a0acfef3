// Builds the Mini App's page: web/main.tsx bundled by esbuild (Preact, the pure layers of src/ and the
// page's texts of locales/) into dist/app/, with content-hashed file names and an index.html that names
// them. Fails when the page's JavaScript is over its budget after gzip.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'app');

/** The page's JavaScript after gzip may weigh at most this much. */
export const JS_BUDGET_BYTES = 100 * 1024;

/** Only the page's own texts (`app.page`) of a locale file go into the bundle. */
const pageTextsOnly = {
  name: 'page-texts-only',
  setup(builder) {
    builder.onLoad({ filter: /[\\/]locales[\\/]\w+\.json$/ }, (args) => {
      const json = JSON.parse(readFileSync(args.path, 'utf8'));
      return { contents: JSON.stringify({ app: { page: json.app?.page ?? {} } }), loader: 'json' };
    });
  },
};

export async function buildApp() {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['web/main.tsx'],
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome100', 'safari15', 'firefox100'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    outdir: out,
    metafile: true,
    legalComments: 'none',
    plugins: [pageTextsOnly],
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs).map((path) => path.slice('dist/app/'.length));
  const script = files.find((name) => name.endsWith('.js'));
  const style = files.find((name) => name.endsWith('.css'));
  if (!script || !style) throw new Error(`the page's bundle lacks its script or style: ${files.join(', ')}`);
  const template = readFileSync(join(root, 'web', 'index.html'), 'utf8');
  writeFileSync(join(out, 'index.html'), template.replace('{{script}}', script).replace('{{style}}', style));
  const gzipped = files
    .filter((name) => name.endsWith('.js'))
    .reduce((total, name) => total + gzipSync(readFileSync(join(out, name)), { level: 9 }).length, 0);
  if (gzipped > JS_BUDGET_BYTES) {
    throw new Error(`the page's JavaScript weighs ${gzipped} bytes gzipped, over its ${JS_BUDGET_BYTES}`);
  }
  return { script, style, gzipped };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { script, gzipped } = await buildApp();
  console.log(`dist/app/${script}: ${(gzipped / 1024).toFixed(1)} KB of JavaScript gzipped`);
}
