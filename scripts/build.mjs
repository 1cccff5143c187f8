// `npm run build`: bundles the desktop's server from src/ into plain JavaScript in dist/, then
// builds the sandbox package (packages/wxcc-sandbox/dist), which `npm start` loads in sandbox mode.
// esbuild resolves the extensionless imports that Node's ESM loader would refuse; packages in
// node_modules stay external (zod apart, below), so native modules (better-sqlite3) load as they
// are installed and the sandbox, a development dependency, is imported by name at run time, never
// bundled in.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { buildSandbox } from 'wxcc-sandbox/build';

const outdir = process.argv[2] ?? 'dist';

/**
 * Bundled with the desktop, not loaded from node_modules: zod. Loaded as a package it brings its
 * 61 locales' sources (1.5 MB of zod's sources kept in the heap for the process's life); bundled,
 * esbuild keeps what the schemas use (every `import * as z from 'zod'`, so it can tell).
 */
const BUNDLED = new Set(['zod']);
const packagesExternalBut = {
  name: 'packages-external-but-bundled',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const [scope, name] = args.path.split('/');
      const pkg = scope.startsWith('@') ? `${scope}/${name}` : scope;
      return BUNDLED.has(pkg) ? undefined : { external: true };
    });
  },
};

await build({
  entryPoints: { server: 'src/server.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  plugins: [packagesExternalBut],
  sourcemap: true,
  logLevel: 'warning',
});
// esbuild escapes what is not ASCII in strings, regular expressions and names, but keeps the
// comments it carries over as they are; one "…" in a comment makes V8 hold the whole bundle's
// source as two-byte characters, twice the memory for the process's life (0.6 MB). A comment is
// the only place left for such a character, where an escape reads the same and changes nothing.
const bundle = path.join(outdir, 'server.js');
const source = readFileSync(bundle, 'utf8');
const ascii = source.replace(
  /[\u0080-\uffff]/g,
  (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
);
if (ascii !== source) writeFileSync(bundle, ascii);
await buildSandbox();
