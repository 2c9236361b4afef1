/**
 * `npm run bundle`: the deployed app as ES modules in dist/app/: index.mjs (package.json "main"),
 * which registers the functions, and the chunks their handlers import on first call (the mail
 * parser, the sanitiser, the Azure and Graph SDKs). A cold instance then reads one small file
 * before it can answer, instead of some 1,100 files of node_modules (650 ms and more).
 *
 * ES modules because esbuild splits code into shared chunks only in that format, so a module
 * two functions use is loaded (and its state kept) once. Azure's Node worker imports an .mjs
 * entry with import(). @azure/functions stays outside the bundle: it reaches the worker through
 * `require('@azure/functions-core')`, which the worker answers only for CommonJS require, so it
 * is loaded from node_modules as the package it is.
 */
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';

import { type Plugin, build } from 'esbuild';

import { REPO_ROOT } from './settings';

export const BUNDLE_DIR = join(REPO_ROOT, 'dist', 'app');
export const BUNDLE_ENTRY = join(BUNDLE_DIR, 'index.mjs');

// The bundled CommonJS packages call require() for node's built-ins and read __dirname; in an
// ES module neither exists, so each output file defines them from its own URL. __dirname and
// __filename go by other names (see `define`): ES packages in the bundle declare their own.
const BANNER = [
  "import { createRequire as __bundleRequire } from 'node:module';",
  "import { fileURLToPath as __bundlePath } from 'node:url';",
  'const require = __bundleRequire(import.meta.url);',
  'const __bundleFilename = __bundlePath(import.meta.url);',
  "const __bundleDirname = __bundlePath(new URL('.', import.meta.url));",
].join('\n');

// @azure/functions is loaded with require(), as the worker expects (see above). An ES import of it
// would also make node scan its 1 MB CommonJS build for export names: 100-200 ms against 40.
const FUNCTIONS_VIA_REQUIRE: Plugin = {
  name: 'azure-functions-via-require',
  setup(b) {
    b.onResolve({ filter: /^@azure\/functions$/ }, (args) =>
      args.namespace === 'via-require'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'via-require' },
    );
    b.onLoad({ filter: /.*/, namespace: 'via-require' }, () => ({
      contents: "module.exports = require('@azure/functions');",
      loader: 'js',
    }));
  },
};

/** Builds the bundle into `outdir` (default dist/app) and returns its files, entry first. */
export async function bundle(outdir = BUNDLE_DIR): Promise<string[]> {
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: REPO_ROOT,
    entryPoints: { index: 'functions/index.ts' },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [FUNCTIONS_VIA_REQUIRE],
    banner: { js: BANNER },
    define: { __filename: '__bundleFilename', __dirname: '__bundleDirname' },
    // Whitespace and syntax only: names stay, so a stack trace in the logs still reads.
    minifyWhitespace: true,
    minifySyntax: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const files = Object.keys(result.metafile.outputs).filter((f) => f.endsWith('.mjs'));
  return files.sort((a, b) => Number(b.endsWith('/index.mjs')) - Number(a.endsWith('/index.mjs')));
}

if (require.main === module) {
  bundle().then(
    (files) => console.log(`bundle: ${files.length} files in ${relative(REPO_ROOT, BUNDLE_DIR)}`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
