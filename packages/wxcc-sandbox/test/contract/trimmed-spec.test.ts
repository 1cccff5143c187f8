// Keeps the committed trimmed specs in step with Cisco's full specs in specs/upstream.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  buildTrimmedSpecs,
  CONTRACT_DIR,
  DEFAULT_SPEC_DIR,
  PEOPLE_FILE,
  PEOPLE_OPERATIONS,
  WXCC_FILE,
  WXCC_OPERATIONS,
} from '../../specs/build-trimmed-specs';
import { collectRefs, isJsonObject, type JsonObject } from '../../specs/trim-openapi';
import { validateRequest, validateResponse } from '../../src/spec-check/openapi-validator';

const REGENERATE = 'run `npx tsx specs/trim-specs.ts` and commit the result';

function committed(file: string): JsonObject {
  const doc: unknown = JSON.parse(readFileSync(join(CONTRACT_DIR, file), 'utf8'));
  assert.ok(isJsonObject(doc), `${file} is a JSON object`);
  return doc;
}

function operationsOf(doc: JsonObject): string[] {
  const paths = isJsonObject(doc.paths) ? doc.paths : {};
  return Object.entries(paths).flatMap(([path, item]) =>
    isJsonObject(item) ? Object.keys(item).map((method) => `${method} ${path}`) : [],
  );
}

function resolves(doc: JsonObject, ref: string): boolean {
  let target: unknown = doc;
  for (const part of ref.replace(/^#\//, '').split('/')) {
    target = isJsonObject(target) ? target[part] : undefined;
  }
  return target !== undefined;
}

describe('trimmed specs', () => {
  const built = buildTrimmedSpecs(DEFAULT_SPEC_DIR);

  it('when the Contact Center spec is trimmed again from specs/upstream, then it equals the committed file', () => {
    assert.deepEqual(
      committed(WXCC_FILE),
      built.wxcc,
      `${WXCC_FILE} is out of date: ${REGENERATE}`,
    );
  });

  it('when the messaging spec is trimmed again from specs/upstream, then it equals the committed file', () => {
    assert.deepEqual(
      committed(PEOPLE_FILE),
      built.people,
      `${PEOPLE_FILE} is out of date: ${REGENERATE}`,
    );
  });

  it('when specs/upstream/SOURCES.md is read, then it names the sha256 each trimmed file was cut from', () => {
    const sources = readFileSync(join(DEFAULT_SPEC_DIR, 'SOURCES.md'), 'utf8');
    for (const doc of [built.wxcc, built.people]) {
      const source = isJsonObject(doc['x-source']) ? doc['x-source'] : {};
      assert.ok(sources.includes(String(source.sha256)), `sha256 of ${String(source.path)}`);
      assert.ok(sources.includes(String(source.commit)), `commit of ${String(source.path)}`);
    }
  });

  it('when every $ref in a trimmed file is followed, then it resolves inside that file', () => {
    for (const file of [WXCC_FILE, PEOPLE_FILE]) {
      const doc = committed(file);
      const dangling: string[] = [];
      collectRefs(doc, (ref) => {
        if (!resolves(doc, ref)) dangling.push(ref);
      });
      assert.deepEqual(dangling, [], `${file} has dangling refs`);
    }
  });

  it('when the operations are listed, then they are exactly the ones the project uses, plus POST logout and conference transfer', () => {
    const expected = [
      ...WXCC_OPERATIONS,
      { method: 'post', path: '/v1/agents/logout' },
      { method: 'post', path: '/v1/tasks/{taskId}/conference/transfer' },
    ];
    assert.deepEqual(
      operationsOf(committed(WXCC_FILE)).sort(),
      expected.map((op) => `${op.method} ${op.path}`).sort(),
    );
    assert.deepEqual(
      operationsOf(committed(PEOPLE_FILE)),
      PEOPLE_OPERATIONS.map((op) => `${op.method} ${op.path}`),
    );
  });

  it('when POST logout is read, then it copies PUT and says why it was added', () => {
    const paths = committed(WXCC_FILE).paths;
    const logout =
      isJsonObject(paths) && isJsonObject(paths['/v1/agents/logout'])
        ? paths['/v1/agents/logout']
        : {};
    const { post, put } = logout;
    assert.ok(isJsonObject(post) && isJsonObject(put));
    assert.match(String(post['x-added-by-project']), /SDK/);
    assert.deepEqual(post.requestBody, put.requestBody);
    assert.deepEqual(post.responses, put.responses);
    assert.notEqual(post.operationId, put.operationId);
  });

  it('when a request field states "maximum length N characters", then its schema carries maxLength N', () => {
    const schemas = JSON.stringify(committed(WXCC_FILE).components);
    for (const [name, limit] of [
      ['dialNumber', 43],
      ['teamId', 36],
      ['deviceId', 43],
      ['logoutReason', 128],
      ['auxCodeId', 36],
      ['lastStateChangeReason', 128],
    ] as const) {
      const property = new RegExp(`"${name}":\\{[^}]*"maxLength":${limit}`);
      assert.match(schemas, property, `${name} has maxLength ${limit}`);
    }
  });
});

describe('every schema in the contract', () => {
  it('when each documented request and response is checked once, then every schema compiles', () => {
    for (const file of [WXCC_FILE, PEOPLE_FILE]) {
      const paths = committed(file).paths;
      for (const [template, item] of Object.entries(isJsonObject(paths) ? paths : {})) {
        const path = template.replace(/\{[^}]+\}/g, 'x1');
        for (const [method, operation] of Object.entries(isJsonObject(item) ? item : {})) {
          const responses = isJsonObject(operation) ? operation.responses : undefined;
          assert.doesNotThrow(
            () => validateRequest({ method, path, body: {} }),
            `${method} ${path}`,
          );
          for (const status of Object.keys(isJsonObject(responses) ? responses : {})) {
            const res = { method, path, status: Number(status), body: {} };
            assert.doesNotThrow(() => validateResponse(res), `${method} ${path} ${status}`);
          }
        }
      }
    }
  });
});
