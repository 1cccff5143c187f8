// `npm run build`: bundles the server entry points from src/ into plain JavaScript in dist/.
// esbuild resolves the extensionless imports that Node's ESM loader would refuse; packages in
// node_modules stay external, so native modules (better-sqlite3) load as they are installed.
import { build } from 'esbuild';

const outdir = process.argv[2] ?? 'dist';

await build({
  entryPoints: { server: 'src/server.ts', 'sandbox-server': 'src/sandbox/server.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  // Code only some runs need (the embedded sandbox) goes in chunks loaded on first import.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  sourcemap: true,
  logLevel: 'warning',
});
