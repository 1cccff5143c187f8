// `npm run build`: bundles the desktop's server from src/ into plain JavaScript in dist/, then
// builds the sandbox package (packages/wxcc-sandbox/dist), which `npm start` loads in sandbox mode.
// esbuild resolves the extensionless imports that Node's ESM loader would refuse; packages in
// node_modules stay external, so native modules (better-sqlite3) load as they are installed and
// the sandbox, a development dependency, is imported by name at run time, never bundled in.
import { build } from 'esbuild';
import { buildSandbox } from 'wxcc-sandbox/build';

const outdir = process.argv[2] ?? 'dist';

await build({
  entryPoints: { server: 'src/server.ts' },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
await buildSandbox();
