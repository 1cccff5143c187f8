// The sandbox package's own folder, where its views/, public/ and specs/ live, from src/ or from
// its build in dist/: the desktop's folders are no concern of the sandbox.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The nearest folder above this module that holds package.json. Asset paths are resolved from
 * it rather than from this file's own location, which differs between src/ and a bundled dist/.
 */
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** A path inside the package, e.g. `fromPackage('views')`. */
export function fromPackage(...segments: string[]): string {
  return path.join(PACKAGE_ROOT, ...segments);
}
