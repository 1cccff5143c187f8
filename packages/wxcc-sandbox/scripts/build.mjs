// Builds the sandbox into plain JavaScript in dist/: index.js (startSandbox, for the desktop's
// `import('wxcc-sandbox')` in sandbox mode) and server.js (`npm run sandbox`, standalone).
// Each file is written under a temporary name and renamed, so a build running while a test
// starts the sandbox (tests build in parallel) never shows it a half-written file.
import { renameSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const PACKAGE_ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

export async function buildSandbox() {
  const outdir = path.join(PACKAGE_ROOT, 'dist');
  const result = await build({
    absWorkingDir: PACKAGE_ROOT,
    entryPoints: { index: 'src/index.ts', server: 'src/server.ts' },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    write: false,
    logLevel: 'warning',
  });
  mkdirSync(outdir, { recursive: true });
  for (const file of result.outputFiles) {
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildSandbox();
}
