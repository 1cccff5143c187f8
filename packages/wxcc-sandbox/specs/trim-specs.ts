// CLI: `npx tsx specs/trim-specs.ts [specDir]` rewrites the committed trimmed specs from Cisco's full ones.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import {
  buildTrimmedSpecs,
  CONTRACT_DIR,
  DEFAULT_SPEC_DIR,
  PEOPLE_FILE,
  WXCC_FILE,
} from './build-trimmed-specs';
import type { JsonObject } from './trim-openapi';

// Formatted by prettier so `prettier --check specs` agrees with what this script writes.
async function writeJson(file: string, doc: JsonObject): Promise<void> {
  const options = (await resolveConfig(file)) ?? {};
  const text = await format(JSON.stringify(doc), { ...options, filepath: file });
  writeFileSync(file, text);
  console.log(`wrote ${file} (${text.length} bytes)`);
}

const specDir = process.argv[2] ?? DEFAULT_SPEC_DIR;
const { wxcc, people } = buildTrimmedSpecs(specDir);
await writeJson(join(CONTRACT_DIR, WXCC_FILE), wxcc);
await writeJson(join(CONTRACT_DIR, PEOPLE_FILE), people);
